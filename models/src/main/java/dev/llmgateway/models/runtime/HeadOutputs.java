package dev.llmgateway.models.runtime;

import java.util.List;

/** Finds a head's named outputs among its columns. */
final class HeadOutputs {

    private HeadOutputs() {
    }

    /**
     * The column of each of {@code wanted} in a head whose outputs are {@code labels}, in the order of
     * {@code wanted}.
     *
     * @throws ModelMissingException when the head lacks one of them
     */
    static int[] columns(String head, List<String> labels, List<String> wanted) {
        int[] columns = new int[wanted.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = labels.indexOf(wanted.get(i));
            if (columns[i] < 0) {
                throw new ModelMissingException(head + " head has no output " + wanted.get(i) + " (has " + labels + ")");
            }
        }
        return columns;
    }
}
