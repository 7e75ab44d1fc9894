package org.llmfromscratch.api;

import org.llmfromscratch.api.spi.Storage;

/** Softmax, log-softmax and masked fill along one dimension, with their gradients. */
final class SoftmaxOps {
    private SoftmaxOps() {}

    static Tensor softmax(Tensor t, int dim, boolean log) {
        String what = log ? "logSoftmax" : "softmax";
        Tensor.requireFloat(what, t);
        Shape shape = t.shape();
        if (shape.rank() == 0) {
            throw new IllegalArgumentException(what + " needs a tensor of at least one dimension");
        }
        int d = shape.normalizeDim(dim);
        long outer = shape.sizeBefore(d);
        long inner = shape.sizeAfter(d);
        var k = t.backend().kernels();
        Storage r = log
                ? k.logSoftmax(t.storage(), outer, shape.size(d), inner)
                : k.softmax(t.storage(), outer, shape.size(d), inner);
        Tensor result = t.backend().wrap(shape, r);
        if (!Autograd.recording(t)) {
            return result;
        }
        Node n = new Node(log ? "LogSoftmaxBackward" : "SoftmaxBackward", t);
        Tensor y = n.save(result);
        if (log) {
            n.backwardFn(g -> new Tensor[] {g.sub(y.exp().mul(g.sum(d, true)))});
        } else {
            n.backwardFn(g -> new Tensor[] {y.mul(g.sub(g.mul(y).sum(d, true)))});
        }
        return result.attach(n);
    }

    static Tensor maskedFill(Tensor t, Tensor mask, float value) {
        t.sameBackend("maskedFill", mask);
        Tensor.requireFloat("maskedFill", t);
        Shape shape = t.shape();
        Shape both;
        try {
            both = Shape.broadcast(shape, mask.shape());
        } catch (IllegalArgumentException e) {
            both = null;
        }
        if (both == null || !both.equals(shape)) {
            throw new IllegalArgumentException(
                    "maskedFill: the mask of shape " + mask.shape() + " must broadcast to the tensor's shape " + shape);
        }
        Tensor floatMask = mask.dtype() == DType.FLOAT32 ? mask : toFloatMask(mask);
        try {
            int rank = shape.rank();
            Storage r = t.backend()
                    .kernels()
                    .maskedFill(
                            t.storage(),
                            shape.toArray(),
                            floatMask.storage(),
                            mask.shape().paddedTo(rank),
                            value);
            Tensor result = t.backend().wrap(shape, r);
            if (!Autograd.recording(t)) {
                return result;
            }
            Node n = new Node("MaskedFillBackward", t);
            Tensor m = n.save(floatMask);
            n.backwardFn(g -> new Tensor[] {g.maskedFill(m, 0)});
            return result.attach(n);
        } finally {
            if (floatMask != mask) {
                floatMask.close();
            }
        }
    }

    private static Tensor toFloatMask(Tensor mask) {
        double[] v = mask.toDoubleArray();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i] != 0 ? 1f : 0f;
        }
        Tensor out = mask.backend().adopt(mask.shape(), f);
        TensorScope.detach(out);
        return out;
    }
}
