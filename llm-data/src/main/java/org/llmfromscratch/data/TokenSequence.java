package org.llmfromscratch.data;

/**
 * A read-only sequence of token ids stored compactly: an {@code int[]} ({@link #of(int[])}) or a
 * memory-mapped token file ({@link MappedTokenSequence}), never one object per token. Indices are
 * {@code long} so that a corpus of more than 2^31 tokens fits.
 */
public interface TokenSequence {
    /** Number of ids. */
    long size();

    /** The id at {@code index}, {@code 0 <= index < size()}. */
    int get(long index);

    /**
     * Copies ids {@code [from, from + length)} into {@code dst[dstOffset ...]}: the fast path batch
     * assembly uses.
     */
    void copyTo(long from, int[] dst, int dstOffset, int length);

    /** The ids {@code [from, to)} as a view: nothing is copied. */
    default TokenSequence slice(long from, long to) {
        Checks.range(from, to, size());
        return new SliceTokenSequence(this, from, to - from);
    }

    /** All ids as a new array; refuses sequences longer than an array can hold. */
    default int[] toArray() {
        if (size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a sequence of " + size() + " ids does not fit an int[]: use get/copyTo");
        }
        int[] out = new int[(int) size()];
        copyTo(0, out, 0, out.length);
        return out;
    }

    /** Wraps {@code ids} without copying: the caller must not change the array afterwards. */
    static TokenSequence of(int[] ids) {
        return new ArrayTokenSequence(ids);
    }
}
