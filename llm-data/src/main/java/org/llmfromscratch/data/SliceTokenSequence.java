package org.llmfromscratch.data;

/** A view of {@code [offset, offset + size)} of another sequence. */
final class SliceTokenSequence implements TokenSequence {
    private final TokenSequence base;
    private final long offset;
    private final long size;

    SliceTokenSequence(TokenSequence base, long offset, long size) {
        this.base = base;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is outside [0, " + size + ")");
        }
        return base.get(offset + index);
    }

    @Override
    public void copyTo(long from, int[] dst, int dstOffset, int length) {
        Checks.copy(from, dst, dstOffset, length, size);
        base.copyTo(offset + from, dst, dstOffset, length);
    }

    @Override
    public TokenSequence slice(long from, long to) {
        Checks.range(from, to, size);
        return new SliceTokenSequence(base, offset + from, to - from);
    }

    @Override
    public String toString() {
        return "TokenSequence[" + size + " ids, a view from " + offset + "]";
    }
}
