package dev.llmgateway.tenancy;

import java.util.List;
import java.util.function.Function;

/** One slice of a list and how many items the whole list has. */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(items);
    }

    /** True when items follow this slice. */
    public boolean hasMore() {
        return request.offset() + items.size() < total;
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), total, request);
    }
}
