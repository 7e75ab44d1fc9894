package org.llmfromscratch.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The ownership rule for tensors, in one place.
 *
 * <p><b>Whoever creates a tensor owns it and must close it — unless it was created inside a
 * {@code TensorScope}, which then owns it and closes it when the scope closes.</b> Module parameters
 * are owned by their module and closed by {@link org.llmfromscratch.api.nn.Module#close()}; they are
 * never owned by a scope. This plays the role of DJL's {@code NDManager} and ND4J's workspaces, and
 * matters for backends whose tensors live in native or device memory (ND4J, OpenCL, PyTorch through
 * DJL); for the pure-Java backend an unclosed tensor is merely garbage collected.
 *
 * <pre>{@code
 * try (TensorScope scope = TensorScope.open()) {
 *     Tensor x = embedding.forward(ids);          // owned by the scope
 *     Tensor y = x.add(x);                        // owned by the scope
 *     return scope.keep(y);                       // survives: now owned by the caller (or outer scope)
 * }                                               // x is closed here
 * }</pre>
 *
 * <p>Scopes belong to the thread that opened them and nest; a tensor joins the innermost scope open on
 * the thread that created it. Close scopes in the reverse order of opening (try-with-resources does).
 * Using a closed tensor throws {@link IllegalStateException} on every backend.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<Deque<TensorScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> owned = new ArrayList<>();
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private TensorScope() {}

    /** Opens a scope on the current thread; tensors created on this thread until it closes join it. */
    public static TensorScope open() {
        TensorScope scope = new TensorScope();
        OPEN.get().push(scope);
        return scope;
    }

    /**
     * Takes {@code tensor} out of this scope so that it survives {@link #close()}: it moves to the
     * enclosing scope if there is one, else to the caller, who must then close it.
     */
    public <T extends Tensor> T keep(T tensor) {
        checkOpen();
        if (!owned.remove(tensor)) {
            throw new IllegalArgumentException("tensor " + tensor.shape() + " is not owned by this scope");
        }
        Deque<TensorScope> stack = OPEN.get();
        for (TensorScope s : stack) {
            if (s != this) {
                s.owned.add(tensor);
                break;
            }
        }
        return tensor;
    }

    /** Number of tensors this scope currently owns. */
    public int size() {
        return owned.size();
    }

    /** Closes every tensor the scope still owns, newest first, and ends the scope. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(
                    "a TensorScope must be closed by the thread that opened it (" + thread.getName() + ")");
        }
        Deque<TensorScope> stack = OPEN.get();
        if (stack.peek() != this) {
            throw new IllegalStateException(
                    "TensorScopes must be closed innermost first; an inner scope is still open");
        }
        stack.pop();
        closed = true;
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TensorScope is closed");
        }
    }

    /** Called by every new tensor: joins the innermost open scope of the current thread, if any. */
    static void adopt(Tensor tensor) {
        TensorScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.owned.add(tensor);
        }
    }

    /**
     * Removes {@code tensor} from whichever scope of this thread owns it, so that its owner (a module
     * parameter, say) and not the scope closes it. A tensor in no scope is left as it is.
     */
    public static void detach(Tensor tensor) {
        for (TensorScope s : OPEN.get()) {
            if (s.owned.remove(tensor)) {
                return;
            }
        }
    }
}
