package org.llmfromscratch.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Ids read straight from a memory-mapped token file ({@link TokenFile}): a corpus of gigabytes costs
 * no heap, and the operating system pages ids in as windows touch them. The file is mapped in segments
 * of 2^28 ids because one mapping cannot exceed 2 GiB.
 */
public final class MappedTokenSequence implements TokenSequence {
    private static final int SEGMENT_SHIFT = 28;
    private static final long SEGMENT_IDS = 1L << SEGMENT_SHIFT;

    private final Path file;
    private final long size;
    private final IntBuffer[] segments;

    private MappedTokenSequence(Path file, long size, IntBuffer[] segments) {
        this.file = file;
        this.size = size;
        this.segments = segments;
    }

    /** Maps {@code size} ids that start {@code offset} bytes into {@code file}. */
    static MappedTokenSequence map(Path file, long offset, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset + size * Integer.BYTES > ch.size()) {
                throw new IllegalStateException("token file " + file + " is truncated: it holds " + ch.size()
                        + " bytes, " + (offset + size * Integer.BYTES) + " needed for " + size + " ids");
            }
            int n = (int) ((size + SEGMENT_IDS - 1) >>> SEGMENT_SHIFT);
            IntBuffer[] segments = new IntBuffer[n];
            for (int s = 0; s < n; s++) {
                long first = (long) s << SEGMENT_SHIFT;
                long count = Math.min(SEGMENT_IDS, size - first);
                segments[s] = ch.map(
                                FileChannel.MapMode.READ_ONLY, offset + first * Integer.BYTES, count * Integer.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .asIntBuffer();
            }
            return new MappedTokenSequence(file, size, segments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The token file behind this sequence. */
    public Path file() {
        return file;
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
        return segments[(int) (index >>> SEGMENT_SHIFT)].get((int) (index & (SEGMENT_IDS - 1)));
    }

    @Override
    public void copyTo(long from, int[] dst, int dstOffset, int length) {
        Checks.copy(from, dst, dstOffset, length, size);
        while (length > 0) {
            int s = (int) (from >>> SEGMENT_SHIFT);
            int at = (int) (from & (SEGMENT_IDS - 1));
            int n = (int) Math.min(length, SEGMENT_IDS - at);
            segments[s].get(at, dst, dstOffset, n); // absolute bulk get: no shared position, thread-safe
            from += n;
            dstOffset += n;
            length -= n;
        }
    }

    @Override
    public String toString() {
        return "MappedTokenSequence[" + size + " ids, " + file + "]";
    }
}
