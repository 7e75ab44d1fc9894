package org.llmfromscratch.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine behind {@link Tensor#backward}: walks the graph from the output in reverse
 * topological order, runs each node's backward function once with the sum of the gradients that reached
 * it, and accumulates ({@code +=}) into the {@code .grad} of every leaf that requires a gradient, as
 * micrograd and PyTorch do. Gradients of intermediate results are freed as soon as they have been used.
 */
final class Autograd {
    private Autograd() {}

    /** True when an operation on {@code inputs} must be recorded. */
    static boolean recording(Tensor... inputs) {
        if (!NoGrad.isGradEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        Node rootNode = root.gradFn();
        if (rootNode == null) {
            // A leaf: its gradient is the seed itself.
            try (NoGrad off = NoGrad.enter()) {
                root.accumulateGrad(gradient.unscopedView());
            }
            return;
        }
        List<Node> order = topologicalOrder(rootNode);
        for (Node n : order) {
            if (n.isReleased()) {
                n.run(null); // throws the "backward through the graph a second time" error
            }
        }
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(rootNode, gradient.unscopedView());
        try (NoGrad off = NoGrad.enter();
                TensorScope engine = TensorScope.open()) {
            for (Node node : order) {
                Tensor g = pending.remove(node);
                if (g == null) {
                    continue;
                }
                Tensor[] inputGrads = runNode(node, g);
                g.close();
                for (int i = 0; i < node.edges.length; i++) {
                    Tensor gi = inputGrads == null || i >= inputGrads.length ? null : inputGrads[i];
                    Node.Edge e = node.edges[i];
                    if (gi == null) {
                        continue;
                    }
                    if (e.node() != null) {
                        Tensor before = pending.get(e.node());
                        if (before == null) {
                            pending.put(e.node(), gi);
                        } else {
                            Tensor scoped = before.add(gi);
                            Tensor sum = scoped.unscopedView();
                            scoped.close();
                            before.close();
                            gi.close();
                            pending.put(e.node(), sum);
                        }
                    } else if (e.leaf() != null) {
                        e.leaf().accumulateGrad(gi);
                    } else {
                        gi.close();
                    }
                }
                if (!retainGraph) {
                    node.freeSaved();
                }
            }
            pending.values().forEach(Tensor::close);
        }
    }

    /** One node's input gradients, each an unscoped tensor the engine owns (temporaries freed at once). */
    private static Tensor[] runNode(Node node, Tensor g) {
        Tensor[] out;
        try (TensorScope local = TensorScope.open()) {
            Tensor[] raw = node.run(g);
            out = new Tensor[raw == null ? 0 : raw.length];
            for (int i = 0; i < out.length; i++) {
                if (raw[i] != null && node.needs(i)) {
                    out[i] = raw[i].unscopedView();
                }
            }
        }
        return out;
    }

    /** Every node reachable from {@code root}, each after all nodes that use it (root first). */
    private static List<Node> topologicalOrder(Node root) {
        List<Node> post = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Node n = (Node) top[0];
            int i = (Integer) top[1];
            if (i < n.edges.length) {
                top[1] = i + 1;
                Node child = n.edges[i].node();
                if (child != null && seen.add(child)) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                post.add(n);
            }
        }
        Collections.reverse(post);
        return post;
    }
}
