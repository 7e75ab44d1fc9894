package org.llmfromscratch.api.spi;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles the large float arrays of released storages, for backends whose storage is a Java array. A
 * fresh Java array is zeroed by the JVM before a kernel overwrites every element, which for the 25 MB
 * output of a GPT-2-sized forward costs as much memory traffic as half the forward itself, and each one
 * is a G1 humongous allocation. A caller that closes its tensors (the ownership rule) therefore gets its
 * next output from here, without allocation.
 *
 * <p>Only arrays of at least {@link #MIN_LENGTH} floats are pooled by default (small ones are cheap to
 * allocate); a backend that runs many small kernels in a row (generating a token is some 500 of them, on
 * vectors of a few kilobytes) may pool shorter ones too, since every fresh array is also fresh memory the
 * operating system must map. The pool holds at most {@code perLength} arrays of a length and {@code maxBytes} in all, so it never
 * keeps more memory than a few forwards' worth. Arrays from the pool hold stale values: only kernels
 * that overwrite every element may take them, and a backend that caches arrays on a device must treat
 * a recycled array as new contents. Thread-safe.
 */
public final class FloatArrayPool {
    /** Arrays shorter than this are never pooled. */
    public static final int MIN_LENGTH = 1 << 16;

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final int perLength;
    private final long maxBytes;
    private final int minLength;
    private long pooledBytes;

    /** A pool keeping at most {@code perLength} arrays of each length and {@code maxBytes} in all. */
    public FloatArrayPool(int perLength, long maxBytes) {
        this(perLength, maxBytes, MIN_LENGTH);
    }

    /** A pool as {@link #FloatArrayPool(int, long)} that also keeps arrays from {@code minLength} floats. */
    public FloatArrayPool(int perLength, long maxBytes, int minLength) {
        this.perLength = perLength;
        this.maxBytes = maxBytes;
        this.minLength = minLength;
    }

    /** True when arrays of {@code length} floats are pooled. */
    public boolean pools(long length) {
        return length >= minLength;
    }

    /** An array of exactly {@code length} floats with unspecified contents. */
    public float[] take(int length) {
        if (length >= minLength) {
            synchronized (this) {
                ArrayDeque<float[]> q = free.get(length);
                float[] a = q == null ? null : q.pollLast();
                if (a != null) {
                    pooledBytes -= 4L * length;
                    return a;
                }
            }
        }
        return new float[length];
    }

    /** Gives back an array nobody references any more. */
    public void give(float[] a) {
        if (a.length < minLength) {
            return;
        }
        synchronized (this) {
            long bytes = 4L * a.length;
            ArrayDeque<float[]> q = free.computeIfAbsent(a.length, k -> new ArrayDeque<>());
            if (q.size() < perLength && pooledBytes + bytes <= maxBytes) {
                q.addLast(a);
                pooledBytes += bytes;
            }
        }
    }
}
