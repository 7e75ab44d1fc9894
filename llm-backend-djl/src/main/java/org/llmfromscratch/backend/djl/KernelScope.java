package org.llmfromscratch.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One kernel call's temporary DJL sub-manager: every intermediate array (views, scratch results) is
 * attached to it and freed when the call ends, normally or by an exception; the result is moved to the
 * root manager and handed to the caller as a new {@link DjlStorage}.
 *
 * <p>DJL puts the result of an operation in the manager of its first operand, so arrays derived from a
 * tracked array are tracked automatically; arrays derived from input storages (which live in the root
 * manager) must be passed through {@link #track}. Inputs themselves are never tracked: they belong to
 * their storages and may be in use by other threads.
 */
final class KernelScope implements AutoCloseable {
    private final NDManager root;
    private final NDManager temp;
    private final Map<NDArray, Boolean> inputs = new IdentityHashMap<>();

    KernelScope(NDManager root, NDArray... inputs) {
        this.root = root;
        this.temp = root.newSubManager();
        for (NDArray in : inputs) {
            this.inputs.put(in, Boolean.TRUE);
        }
    }

    /** Makes {@code array} an intermediate of this call (freed at close), unless it is an input. */
    <T extends NDArray> T track(T array) {
        if (!inputs.containsKey(array) && array.getManager() != temp) {
            array.attach(temp);
        }
        return array;
    }

    /** The sub-manager, for arrays created directly in this call. */
    NDManager manager() {
        return temp;
    }

    /** A 0-d float32 tensor of this call (a scalar operand: PyTorch computes in float32 with it). */
    NDArray scalar(float value) {
        return temp.create(value);
    }

    /** A 0-d int64 tensor of this call. */
    NDArray scalar(long value) {
        return temp.create(value);
    }

    /** Moves {@code result} out of the scope, to {@code owner}, so that it survives {@link #close()}. */
    <T extends NDArray> T keep(T result, NDManager owner) {
        if (inputs.containsKey(result)) {
            throw new IllegalStateException("a kernel must not return one of its inputs");
        }
        result.attach(owner);
        return result;
    }

    /** Moves {@code result} to the backend's root manager: a new storage's array. */
    <T extends NDArray> T keep(T result) {
        return keep(result, root);
    }

    /** Frees every intermediate. */
    @Override
    public void close() {
        temp.close();
    }
}
