package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.spi.ArrayStorage;

/**
 * The fused forward without the Vector API. Each output row is assembled in an L1-resident scratch row
 * (token row by {@code System.arraycopy}, then the positional row added) and copied out: the add runs on
 * two arrays at the same index, a loop C2 does vectorize, unlike the three-array loop with offsets.
 * Rows are visited position by position so that each positional row is copied to scratch once.
 */
final class ScalarEmbedRows extends EmbedRows {
    private final String description;

    ScalarEmbedRows(String description) {
        this.description = description;
    }

    @Override
    void run(
            float[] out,
            float[] tok,
            float[] pos,
            ArrayStorage ids,
            int cols,
            int seq,
            int batch,
            int firstPosition,
            int endPosition) {
        float[] row = new float[cols];
        float[] posRow = new float[cols];
        for (int t = firstPosition; t < endPosition; t++) {
            System.arraycopy(pos, t * cols, posRow, 0, cols);
            for (int b = 0; b < batch; b++) {
                int r = b * seq + t;
                System.arraycopy(tok, ids.id(r) * cols, row, 0, cols);
                addInPlace(row, posRow, cols);
                System.arraycopy(row, 0, out, r * cols, cols);
            }
        }
    }

    private static void addInPlace(float[] row, float[] add, int n) {
        for (int c = 0; c < n; c++) {
            row[c] += add[c];
        }
    }

    @Override
    String describe() {
        return description;
    }
}
