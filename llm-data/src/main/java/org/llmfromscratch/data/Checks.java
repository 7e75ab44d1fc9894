package org.llmfromscratch.data;

/** Argument checks with messages that name the bad value and what was expected. */
final class Checks {
    private Checks() {}

    static void range(long from, long to, long size) {
        if (from < 0 || to < from || to > size) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") is not inside [0, " + size + ")");
        }
    }

    static void copy(long from, int[] dst, int dstOffset, int length, long size) {
        if (length < 0 || from < 0 || from + length > size) {
            throw new IndexOutOfBoundsException(
                    "ids [" + from + ", " + (from + length) + ") are not inside [0, " + size + ")");
        }
        if (dstOffset < 0 || dstOffset + length > dst.length) {
            throw new IndexOutOfBoundsException("destination [" + dstOffset + ", " + (dstOffset + length)
                    + ") is not inside an array of " + dst.length);
        }
    }

    static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }
}
