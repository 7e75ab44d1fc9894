package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * One attention layer's cached keys and values, {@code [B, heads, T, head_dim]} each, so generating a new
 * token projects only that token and attends over the cached ones. The cache owns its tensors and frees
 * them in {@link #close()} (or when {@link #reset()} or an update replaces them).
 */
public final class KeyValueCache implements AutoCloseable {
    private Tensor keys;
    private Tensor values;

    /** Number of cached positions (0 when empty). */
    public int length() {
        return keys == null ? 0 : keys.size(2);
    }

    Tensor keys() {
        return keys;
    }

    Tensor values() {
        return values;
    }

    /** Replaces the cached tensors with {@code k} and {@code v} (taken out of any scope; the old ones are closed). */
    void set(Tensor k, Tensor v) {
        TensorScope.detach(k);
        TensorScope.detach(v);
        close();
        keys = k;
        values = v;
    }

    /** Empties the cache. */
    public void reset() {
        close();
    }

    @Override
    public void close() {
        if (keys != null) {
            keys.close();
            values.close();
            keys = null;
            values = null;
        }
    }
}
