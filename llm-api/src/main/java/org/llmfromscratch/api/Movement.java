package org.llmfromscratch.api;

import java.util.ArrayList;
import java.util.List;
import org.llmfromscratch.api.spi.Storage;

/** Views, permutations, slices and concatenation, and their gradients. */
final class Movement {
    private Movement() {}

    /** The same memory seen with another shape; the gradient is reshaped back. */
    static Tensor view(Tensor t, Shape target) {
        Tensor result = t.shareAs(target);
        if (!Autograd.recording(t)) {
            return result;
        }
        int[] from = t.shape().toArray();
        Node n = new Node("ViewBackward", t);
        n.backwardFn(g -> new Tensor[] {g.reshape(from)});
        return result.attach(n);
    }

    static Tensor transpose(Tensor t, int dim0, int dim1) {
        int rank = t.dim();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        int a = t.shape().normalizeDim(dim0);
        int b = t.shape().normalizeDim(dim1);
        perm[a] = b;
        perm[b] = a;
        return permute(t, perm);
    }

    static Tensor permute(Tensor t, int... dims) {
        int rank = t.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute needs " + rank + " dimensions for shape " + t.shape() + ", got "
                    + java.util.Arrays.toString(dims));
        }
        int[] perm = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        boolean identity = true;
        int[] outSizes = new int[rank];
        for (int i = 0; i < rank; i++) {
            int d = t.shape().normalizeDim(dims[i]);
            if (seen[d]) {
                throw new IllegalArgumentException(
                        "permute: dimension " + dims[i] + " appears twice in " + java.util.Arrays.toString(dims));
            }
            seen[d] = true;
            perm[i] = d;
            inverse[d] = i;
            outSizes[i] = t.size(d);
            identity &= d == i;
        }
        if (identity) {
            return view(t, t.shape());
        }
        Storage r = t.backend().kernels().permute(t.storage(), t.shape().toArray(), perm);
        Tensor result = t.backend().wrap(Shape.of(outSizes), r);
        if (!Autograd.recording(t)) {
            return result;
        }
        Node n = new Node("PermuteBackward", t);
        n.backwardFn(g -> new Tensor[] {permute(g, inverse)});
        return result.attach(n);
    }

    static Tensor slice(Tensor t, int dim, int start, int end) {
        Shape shape = t.shape();
        int d = shape.normalizeDim(dim);
        int n = shape.size(d);
        int s = Reshapes.sliceIndex(start, n, "start", dim, shape);
        int e = Reshapes.sliceIndex(end, n, "end", dim, shape);
        if (e < s) {
            throw new IndexOutOfBoundsException("slice end " + end + " comes before start " + start + " in dimension "
                    + dim + " of shape " + shape);
        }
        long outer = shape.sizeBefore(d);
        long inner = shape.sizeAfter(d);
        Storage out = t.backend().kernels().slice(t.storage(), outer, n, inner, s, e);
        Tensor result = t.backend().wrap(shape.withSize(d, e - s), out);
        if (!Autograd.recording(t)) {
            return result;
        }
        Node node = new Node("SliceBackward", t);
        node.backwardFn(g -> new Tensor[] {padSlice(g, shape, d, s, e)});
        return result.attach(node);
    }

    static void setSlice(Tensor target, int dim, int start, Tensor src) {
        target.sameBackend("setSlice", src);
        Tensor.requireFloat("setSlice", target);
        Tensor.requireFloat("setSlice", src);
        Shape shape = target.shape();
        int d = shape.normalizeDim(dim);
        int n = src.dim() == shape.rank() ? src.size(d) : -1;
        if (n < 0 || !src.shape().withSize(d, 0).equals(shape.withSize(d, 0))) {
            throw new IllegalArgumentException("setSlice along dimension " + dim + " needs a source shaped like "
                    + shape + " except along that dimension, got " + src.shape());
        }
        if (start < 0 || start + n > shape.size(d)) {
            throw new IllegalArgumentException("setSlice: rows " + start + ".." + (start + n) + " of dimension " + dim
                    + " do not fit in shape " + shape + " (valid rows 0.." + shape.size(d) + ")");
        }
        if (target.requiresGrad() || Autograd.recording(src)) {
            throw new IllegalStateException("setSlice writes in place and records no gradient: use it on a tensor that"
                    + " does not require grad, with a source computed under NoGrad (or detached)");
        }
        long outer = shape.sizeBefore(d);
        long inner = shape.sizeAfter(d);
        if (n > 0) {
            target.backend()
                    .kernels()
                    .copyIntoRows(target.storage(), outer, shape.size(d), inner, start, src.storage(), n);
        }
        target.markModifiedInPlace();
    }

    /** The gradient of a slice: {@code g} placed at {@code [start, end)} of dimension {@code d}, zeros elsewhere. */
    private static Tensor padSlice(Tensor g, Shape shape, int d, int start, int end) {
        List<Tensor> parts = new ArrayList<>();
        if (start > 0) {
            parts.add(g.backend().zeros(DType.FLOAT32, shape.withSize(d, start).toArray()));
        }
        parts.add(g);
        if (end < shape.size(d)) {
            parts.add(g.backend()
                    .zeros(DType.FLOAT32, shape.withSize(d, shape.size(d) - end).toArray()));
        }
        return parts.size() == 1 ? g : cat(parts, d);
    }

    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat needs at least one tensor");
        }
        Tensor first = tensors.get(0);
        Shape s0 = first.shape();
        int d = s0.normalizeDim(dim);
        long[] sizes = new long[tensors.size()];
        Storage[] storages = new Storage[tensors.size()];
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            first.sameBackend("cat", t);
            Tensor.requireFloat("cat", t);
            if (t.dim() != s0.rank() || !t.shape().withSize(d, 1).equals(s0.withSize(d, 1))) {
                throw new IllegalArgumentException("cat along dimension " + dim + ": tensor " + i + " has shape "
                        + t.shape() + ", which differs from " + s0 + " outside that dimension");
            }
            sizes[i] = t.size(d);
            storages[i] = t.storage();
            total += t.size(d);
        }
        long outer = s0.sizeBefore(d);
        long inner = s0.sizeAfter(d);
        Storage r = first.backend().kernels().concat(storages, outer, sizes, inner);
        Tensor result = first.backend().wrap(s0.withSize(d, total), r);
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        if (!Autograd.recording(inputs)) {
            return result;
        }
        Node n = new Node("CatBackward", inputs);
        n.backwardFn(g -> {
            Tensor[] grads = new Tensor[sizes.length];
            int at = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (n.needs(i)) {
                    grads[i] = slice(g, d, at, at + (int) sizes[i]);
                }
                at += (int) sizes[i];
            }
            return grads;
        });
        return result.attach(n);
    }
}
