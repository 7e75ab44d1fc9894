package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;

/** Sums and maxima, over all elements or along one dimension, and their gradients. */
final class Reductions {
    private Reductions() {}

    static Tensor sumAll(Tensor t) {
        Tensor.requireFloat("sum", t);
        Tensor result = t.backend().scalar((float) t.backend().kernels().sum(t.storage()));
        if (!Autograd.recording(t)) {
            return result;
        }
        Shape shape = t.shape();
        Node n = new Node("SumBackward", t);
        n.backwardFn(g -> new Tensor[] {Elementwise.expand(g, shape)});
        return result.attach(n);
    }

    static Tensor sum(Tensor t, int dim, boolean keepdim) {
        return reduce(ReduceOp.SUM, t, dim, keepdim);
    }

    static Tensor max(Tensor t, int dim, boolean keepdim) {
        return reduce(ReduceOp.MAX, t, dim, keepdim);
    }

    private static Tensor reduce(ReduceOp op, Tensor t, int dim, boolean keepdim) {
        String what = op == ReduceOp.SUM ? "sum" : "max";
        Tensor.requireFloat(what, t);
        Shape shape = t.shape();
        if (shape.rank() == 0) {
            throw new IllegalArgumentException(what + " along dimension " + dim + " needs a tensor of at least one"
                    + " dimension, got a 0-d tensor");
        }
        int d = shape.normalizeDim(dim);
        long outer = shape.sizeBefore(d);
        long inner = shape.sizeAfter(d);
        int size = shape.size(d);
        if (op == ReduceOp.MAX && size == 0) {
            throw new IllegalArgumentException(
                    "max along dimension " + dim + " of shape " + shape + ": the dimension is empty");
        }
        Storage r = t.backend().kernels().reduce(op, t.storage(), outer, size, inner);
        Shape kept = shape.withSize(d, 1);
        Tensor result = t.backend().wrap(keepdim ? kept : removeDim(shape, d), r);
        if (!Autograd.recording(t)) {
            return result;
        }
        if (op == ReduceOp.SUM) {
            Node n = new Node("SumBackward", t);
            n.backwardFn(g -> new Tensor[] {Elementwise.expand(g.reshape(kept.toArray()), shape)});
            return result.attach(n);
        }
        Node n = new Node("MaxBackward", t);
        Tensor x = n.save(t);
        Tensor m = n.save(result);
        n.backwardFn(g -> {
            Tensor mask = x.eq(m.reshape(kept.toArray()));
            Tensor count = mask.sum(d, true);
            return new Tensor[] {mask.mul(g.reshape(kept.toArray())).div(count)};
        });
        return result.attach(n);
    }

    static Shape removeDim(Shape shape, int d) {
        int[] sizes = new int[shape.rank() - 1];
        for (int k = 0, j = 0; k < shape.rank(); k++) {
            if (k != d) {
                sizes[j++] = shape.size(k);
            }
        }
        return Shape.of(sizes);
    }
}
