package org.llmfromscratch.backend.aparapi;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles large float output arrays of released tensors. A fresh 25 MB {@code float[]} costs the JVM's
 * zeroing, a G1 humongous allocation and, because Aparapi keys device buffers by array identity, a new
 * OpenCL buffer per call; a recycled array is bound again to the same kernel field and keeps its buffer.
 *
 * <p>The danger of recycling is a stale device copy: in explicit mode a kernel does not upload again an
 * input array it already holds. Every pooled array therefore lives in a {@link ClStorage} marked
 * {@link ClStorage#pooled}, and {@link AparapiKernels} calls {@code put} on every pooled array it binds
 * as an input, so a recycled array with new contents is always uploaded again.
 */
final class FloatPool {
    /** Smaller arrays are cheap to allocate: recycling them would only keep memory alive. */
    static final int MIN_LENGTH = 1 << 16;
    /** Arrays kept per length: a forward loop needs one, a pipeline holding two results needs two. */
    static final int PER_LENGTH = 2;

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();

    /** An array of {@code length} floats with unspecified contents (the caller overwrites all of it). */
    synchronized float[] take(int length) {
        ArrayDeque<float[]> q = free.get(length);
        float[] a = q == null ? null : q.poll();
        return a != null ? a : new float[length];
    }

    /** Gives {@code a} back; called once, when the last tensor over it is closed. */
    synchronized void give(float[] a) {
        if (a.length < MIN_LENGTH) {
            return;
        }
        ArrayDeque<float[]> q = free.computeIfAbsent(a.length, n -> new ArrayDeque<>(PER_LENGTH));
        if (q.size() < PER_LENGTH) {
            q.push(a);
        }
    }
}
