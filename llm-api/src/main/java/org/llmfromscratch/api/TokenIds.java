package org.llmfromscratch.api;

/** Validates token ids before any kernel sees them: integer dtype and every id inside the table. */
final class TokenIds {
    private TokenIds() {}

    /**
     * @throws IllegalArgumentException for float ids or an id outside {@code 0..rows-1}, naming the id,
     *     its position in {@code ids} and the valid range
     */
    static void check(Tensor ids, int rows, String table) {
        ids.checkOpen();
        if (!ids.dtype().isInteger()) {
            throw new IllegalArgumentException("token ids must be INT32 or INT64, got " + ids.dtype() + " of shape "
                    + ids.shape() + " (PyTorch: 'Expected tensor for argument #1 indices to have Long or Int type')");
        }
        if (ids.dtype() == DType.INT32) {
            int[] v = ids.backend().kernels().readInts(ids.storage());
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] >= rows) {
                    throw outside(v[i], ids, i, rows, table);
                }
            }
        } else {
            long[] v = ids.backend().kernels().readLongs(ids.storage());
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] >= rows) {
                    throw outside(v[i], ids, i, rows, table);
                }
            }
        }
    }

    private static IllegalArgumentException outside(long id, Tensor ids, int flat, int rows, String table) {
        return new IllegalArgumentException("token id " + id + " at position " + Reshapes.position(ids.shape(), flat)
                + " of ids with shape " + ids.shape() + " is outside " + table + " of " + rows
                + " rows: valid ids are 0.." + (rows - 1));
    }
}
