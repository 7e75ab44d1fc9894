package org.llmfromscratch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One recorded operation of the autograd graph, PyTorch's {@code grad_fn}: the inputs it came from (as
 * edges to their nodes, or to leaf tensors that require a gradient), the tensors it saved for its backward
 * pass, and the backward function itself (micrograd's closure).
 *
 * <p><b>Ownership.</b> Saved tensors belong to the node: they are views that share storage with what was
 * saved and keep it alive after its owner (a {@link TensorScope}, say) has closed it. A node is counted
 * by the tensor it produced and by every later node that uses it; when the count drops to zero (the
 * output closed and nothing downstream left) the node releases its saved tensors and its own inputs.
 * {@link Tensor#backward} releases every node it ran through at once, unless asked to retain the graph.
 */
final class Node {
    /** The backward function: the gradient of each input (null where none is needed) from the output's. */
    interface BackwardFn {
        Tensor[] apply(Tensor gradOutput);
    }

    /** Where one input's gradient goes: to the node that made it, or to a leaf tensor's {@code .grad}. */
    record Edge(Node node, Tensor leaf) {
        boolean needsGrad() {
            return node != null || leaf != null;
        }
    }

    private record Saved(Tensor original, int version, Tensor view) {}

    final String name;
    final Edge[] edges;
    private BackwardFn fn;
    private final List<Saved> saved = new ArrayList<>();
    private final AtomicInteger refs = new AtomicInteger(1);
    private volatile boolean released;

    Node(String name, Tensor... inputs) {
        this.name = name;
        this.edges = new Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t == null || !t.requiresGrad()) {
                edges[i] = new Edge(null, null);
            } else if (t.gradFn() != null) {
                Node n = t.gradFn();
                n.refs.incrementAndGet();
                edges[i] = new Edge(n, null);
            } else {
                edges[i] = new Edge(null, t);
            }
        }
    }

    /** Whether input {@code i} needs a gradient. */
    boolean needs(int i) {
        return edges[i].needsGrad();
    }

    void backwardFn(BackwardFn fn) {
        this.fn = fn;
    }

    /** Saves {@code t} for the backward pass: a view that the node owns, checked for in-place changes. */
    Tensor save(Tensor t) {
        Tensor view = t.unscopedView();
        saved.add(new Saved(t, t.version(), view));
        return view;
    }

    /** Runs the backward function after checking that the graph is still there and nothing saved changed. */
    Tensor[] run(Tensor gradOutput) {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly access"
                    + " saved tensors after they have already been freed): " + name + " was released by an earlier"
                    + " backward(); call backward(gradient, true) the first time to retain the graph");
        }
        for (Saved s : saved) {
            if (s.original.version() != s.version) {
                throw new IllegalStateException("one of the tensors needed for the gradient of " + name + " (shape "
                        + s.original.shape() + ") was modified in place after it was saved: its version is "
                        + s.original.version() + ", expected " + s.version + " (an optimizer step or Parameter.set"
                        + " between forward and backward?); run the forward again after the update");
            }
        }
        return fn.apply(gradOutput);
    }

    /** Drops one user; the last one frees the saved tensors and releases the inputs' nodes. */
    void release() {
        if (refs.decrementAndGet() == 0) {
            freeSaved();
            for (Edge e : edges) {
                if (e.node != null) {
                    e.node.release();
                }
            }
        }
    }

    /** Frees the saved tensors now (after backward): the node can no longer run. */
    void freeSaved() {
        released = true;
        for (Saved s : saved) {
            s.view.close();
        }
        saved.clear();
        fn = null;
    }

    boolean isReleased() {
        return released;
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
