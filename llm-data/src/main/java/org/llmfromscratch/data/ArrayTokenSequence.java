package org.llmfromscratch.data;

/** Ids in an {@code int[]}. */
final class ArrayTokenSequence implements TokenSequence {
    private final int[] ids;

    ArrayTokenSequence(int[] ids) {
        this.ids = java.util.Objects.requireNonNull(ids, "ids");
    }

    @Override
    public long size() {
        return ids.length;
    }

    @Override
    public int get(long index) {
        if (index < 0 || index >= ids.length) {
            throw new IndexOutOfBoundsException("index " + index + " is outside [0, " + ids.length + ")");
        }
        return ids[(int) index];
    }

    @Override
    public void copyTo(long from, int[] dst, int dstOffset, int length) {
        Checks.copy(from, dst, dstOffset, length, ids.length);
        System.arraycopy(ids, (int) from, dst, dstOffset, length);
    }

    @Override
    public String toString() {
        return "TokenSequence[" + ids.length + " ids]";
    }
}
