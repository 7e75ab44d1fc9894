package org.llmfromscratch.api;

/**
 * {@code with torch.no_grad():} — while open, operations on this thread record nothing for autograd, so
 * evaluation and generation keep no graph and no saved tensors:
 *
 * <pre>{@code
 * try (NoGrad off = NoGrad.enter()) {
 *     Tensor logits = model.forward(ids);        // no grad_fn, nothing saved
 * }
 * }</pre>
 *
 * Scopes nest and belong to the thread that entered them.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {
        DEPTH.get()[0]++;
    }

    /** Turns gradient recording off on this thread until {@link #close()}. */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** True unless a {@code NoGrad} is open on this thread ({@code torch.is_grad_enabled()}). */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
