package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * One attention layer's cached keys and values, so generating a new token projects only that token and
 * attends over the cached ones. The keys and values live in buffers {@code [B, heads, capacity, head_dim]}
 * written in place as tokens come (Hugging Face's static cache): a new token costs one row per head, not a
 * copy of everything cached. The capacity doubles as needed, up to the context length, so a short prompt
 * does not hold a whole context's buffers. The cache owns its buffers and frees them in {@link #close()};
 * {@link #reset()} empties it and keeps them for the next sequence.
 */
public final class KeyValueCache implements AutoCloseable {
    /** The smallest buffer, in positions. */
    private static final int MIN_CAPACITY = 16;

    private Tensor keys;
    private Tensor values;
    private int length;

    /** Number of cached positions (0 when empty). */
    public int length() {
        return length;
    }

    /** Positions the buffers hold now (0 before the first token); grows up to the context length. */
    public int capacity() {
        return keys == null ? 0 : keys.size(2);
    }

    /** The key buffer {@code [B, heads, capacity, head_dim]}: its first {@link #length()} positions are cached. */
    Tensor keys() {
        return keys;
    }

    /** The value buffer, shaped like {@link #keys()}. */
    Tensor values() {
        return values;
    }

    /**
     * Writes {@code k} and {@code v} ({@code [B, heads, T, head_dim]}, no gradient) after the cached positions,
     * growing the buffers up to {@code maxCapacity} positions.
     *
     * @throws IllegalArgumentException if the positions would pass {@code maxCapacity}, or the batch, heads or
     *     head width differ from what the cache holds
     */
    void append(Tensor k, Tensor v, int maxCapacity) {
        int t = k.size(2);
        if (length + t > maxCapacity) {
            throw new IllegalArgumentException("the key-value cache holds " + length + " positions; " + t
                    + " more would pass the context length " + maxCapacity);
        }
        if (keys != null && !sameRows(k)) {
            if (length > 0) {
                throw new IllegalArgumentException("the key-value cache holds keys of shape " + keys.shape()
                        + " (first " + length + " positions); got new keys of shape " + k.shape()
                        + ": reset the cache before a batch of another size");
            }
            close();
        }
        try (NoGrad off = NoGrad.enter()) {
            if (length + t > capacity()) {
                grow(k, Math.min(maxCapacity, Math.max(length + t, Math.max(MIN_CAPACITY, 2 * capacity()))));
            }
            keys.setSlice(2, length, k);
            values.setSlice(2, length, v);
        }
        length += t;
    }

    /** True when {@code k} has the batch, heads and head width of the buffers. */
    private boolean sameRows(Tensor k) {
        return k.size(0) == keys.size(0) && k.size(1) == keys.size(1) && k.size(3) == keys.size(3);
    }

    /** New buffers of {@code capacity} positions, the cached positions copied over. */
    private void grow(Tensor like, int capacity) {
        Tensor newKeys = buffer(like, capacity);
        Tensor newValues = buffer(like, capacity);
        if (length > 0) {
            try (Tensor k = keys.slice(2, 0, length);
                    Tensor v = values.slice(2, 0, length)) {
                newKeys.setSlice(2, 0, k);
                newValues.setSlice(2, 0, v);
            }
        }
        int kept = length;
        close();
        keys = newKeys;
        values = newValues;
        length = kept;
    }

    private static Tensor buffer(Tensor like, int capacity) {
        Tensor b = like.backend().zeros(DType.FLOAT32, like.size(0), like.size(1), capacity, like.size(3));
        TensorScope.detach(b); // the cache owns it, not the scope of the forward that made it
        return b;
    }

    /**
     * Keeps the first {@code length} positions and forgets the rest (Hugging Face's {@code cache.crop}): the
     * next token is placed at position {@code length}. Nothing is copied.
     *
     * @throws IllegalArgumentException if {@code length} is negative or more than the cached positions
     */
    public void crop(int length) {
        if (length < 0 || length > this.length) {
            throw new IllegalArgumentException(
                    "cannot crop the key-value cache to " + length + " positions: it holds " + this.length);
        }
        this.length = length;
    }

    /** Empties the cache; its buffers stay for the next sequence. */
    public void reset() {
        length = 0;
    }

    /** Frees the buffers (the cache is empty and can be used again). */
    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = null;
            values = null;
        }
        length = 0;
    }
}
