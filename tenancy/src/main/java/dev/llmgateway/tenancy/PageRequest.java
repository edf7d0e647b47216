package dev.llmgateway.tenancy;

/**
 * Which slice of a list to return: {@code limit} items from {@code offset}, newest first unless an
 * operation says otherwise.
 */
public record PageRequest(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (offset < 0) {
            throw TenancyException.invalid("offset", "offset must be 0 or more, got " + offset + ".");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw TenancyException.invalid("limit", "limit must be from 1 to " + MAX_LIMIT + ", got " + limit + ".");
        }
    }

    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_LIMIT);
    }
}
