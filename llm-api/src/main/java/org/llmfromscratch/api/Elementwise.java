package org.llmfromscratch.api;

import java.util.Locale;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;

/** Element-wise operations with broadcasting, and their gradients (a broadcast input's gradient is summed back to its shape). */
final class Elementwise {
    private Elementwise() {}

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String what = op.name().toLowerCase(Locale.ROOT);
        a.sameBackend(what, b);
        Tensor.requireFloat(what, a);
        Tensor.requireFloat(what, b);
        Shape out = Shape.broadcast(a.shape(), b.shape());
        if (out.numel() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    what + " of " + a.shape() + " and " + b.shape() + " would broadcast to " + out + ", " + out.numel()
                            + " elements: more than one tensor can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        int rank = out.rank();
        Storage r = a.backend()
                .kernels()
                .broadcast(
                        op,
                        a.storage(),
                        a.shape().paddedTo(rank),
                        b.storage(),
                        b.shape().paddedTo(rank),
                        out.toArray());
        Tensor result = a.backend().wrap(out, r);
        if (op == BinaryOp.EQ || op == BinaryOp.GT || op == BinaryOp.POW || !Autograd.recording(a, b)) {
            return result;
        }
        Shape as = a.shape();
        Shape bs = b.shape();
        Node n = new Node(name(op), a, b);
        switch (op) {
            case ADD -> n.backwardFn(
                    g -> new Tensor[] {n.needs(0) ? sumTo(g, as) : null, n.needs(1) ? sumTo(g, bs) : null});
            case SUB -> n.backwardFn(
                    g -> new Tensor[] {n.needs(0) ? sumTo(g, as) : null, n.needs(1) ? sumTo(g.neg(), bs) : null});
            case MUL -> {
                Tensor sa = n.needs(1) ? n.save(a) : null;
                Tensor sb = n.needs(0) ? n.save(b) : null;
                n.backwardFn(g ->
                        new Tensor[] {sb == null ? null : sumTo(g.mul(sb), as), sa == null ? null : sumTo(g.mul(sa), bs)
                        });
            }
            case DIV -> {
                Tensor sa = n.needs(1) ? n.save(a) : null;
                Tensor sb = n.save(b);
                n.backwardFn(g -> new Tensor[] {
                    n.needs(0) ? sumTo(g.div(sb), as) : null,
                    sa == null ? null : sumTo(g.mul(sa).div(sb.mul(sb)).neg(), bs)
                });
            }
            default -> { // MAXIMUM: the larger input gets the gradient; ties share it, as torch.maximum
                Tensor sa = n.save(a);
                Tensor sb = n.save(b);
                n.backwardFn(g -> {
                    Tensor half = sa.eq(sb).mul(0.5);
                    return new Tensor[] {
                        sumTo(g.mul(sa.gt(sb).add(half)), as),
                        sumTo(g.mul(sb.gt(sa).add(half)), bs)
                    };
                });
            }
        }
        return result.attach(n);
    }

    static Tensor unary(UnaryOp op, Tensor a) {
        String what = op.name().toLowerCase(Locale.ROOT);
        a.checkOpen();
        Tensor.requireFloat(what, a);
        Tensor result = a.backend().wrap(a.shape(), a.backend().kernels().unary(op, a.storage()));
        if (!Autograd.recording(a) || op == UnaryOp.SIGN || op == UnaryOp.STEP || op == UnaryOp.GELU_GRAD) {
            return result;
        }
        Node n = new Node(name(op), a);
        switch (op) {
            case NEG -> n.backwardFn(g -> new Tensor[] {g.neg()});
            case ABS -> {
                Tensor x = n.save(a);
                n.backwardFn(g -> new Tensor[] {g.mul(unary(UnaryOp.SIGN, x))});
            }
            case EXP -> {
                Tensor y = n.save(result);
                n.backwardFn(g -> new Tensor[] {g.mul(y)});
            }
            case LOG -> {
                Tensor x = n.save(a);
                n.backwardFn(g -> new Tensor[] {g.div(x)});
            }
            case SQRT -> {
                Tensor y = n.save(result);
                n.backwardFn(g -> new Tensor[] {g.div(y.mul(2))});
            }
            case TANH -> {
                Tensor y = n.save(result);
                n.backwardFn(g -> new Tensor[] {g.mul(y.mul(y).neg().add(1))});
            }
            case RELU -> {
                Tensor x = n.save(a);
                n.backwardFn(g -> new Tensor[] {g.mul(unary(UnaryOp.STEP, x))});
            }
            default -> { // GELU
                Tensor x = n.save(a);
                n.backwardFn(g -> new Tensor[] {g.mul(unary(UnaryOp.GELU_GRAD, x))});
            }
        }
        return result.attach(n);
    }

    /** {@code a ** exponent}; the gradient is {@code exponent * a ** (exponent - 1)}. */
    static Tensor pow(Tensor a, double exponent) {
        Tensor.requireFloat("pow", a);
        Tensor e = a.backend().scalar((float) exponent);
        TensorScope.detach(e);
        Tensor result;
        try {
            result = binary(BinaryOp.POW, a, e);
        } finally {
            e.close();
        }
        if (!Autograd.recording(a)) {
            return result;
        }
        Node n = new Node("PowBackward", a);
        Tensor x = n.save(a);
        n.backwardFn(g -> new Tensor[] {g.mul(x.pow(exponent - 1).mul(exponent))});
        return result.attach(n);
    }

    /** Sums a gradient over the dimensions along which an input of shape {@code target} was broadcast. */
    static Tensor sumTo(Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        Tensor t = g;
        int lead = g.dim() - target.rank();
        for (int i = 0; i < lead; i++) {
            t = t.sum(0, false);
        }
        for (int d = 0; d < target.rank(); d++) {
            if (target.size(d) == 1 && t.size(d) != 1) {
                t = t.sum(d, true);
            }
        }
        return t;
    }

    /** {@code g.expand(target)}: a copy broadcast to {@code target}; the gradient sums back. */
    static Tensor expand(Tensor g, Shape target) {
        Shape check = Shape.broadcast(g.shape(), target);
        if (!check.equals(target)) {
            throw new IllegalArgumentException("cannot expand shape " + g.shape() + " to " + target);
        }
        Tensor zero = g.backend().scalar(0f);
        TensorScope.detach(zero);
        try {
            int rank = target.rank();
            Storage r = g.backend()
                    .kernels()
                    .broadcast(
                            BinaryOp.ADD,
                            g.storage(),
                            g.shape().paddedTo(rank),
                            zero.storage(),
                            zero.shape().paddedTo(rank),
                            target.toArray());
            Tensor result = g.backend().wrap(target, r);
            if (!Autograd.recording(g)) {
                return result;
            }
            Shape from = g.shape();
            Node n = new Node("ExpandBackward", g);
            n.backwardFn(grad -> new Tensor[] {sumTo(grad, from)});
            return result.attach(n);
        } finally {
            zero.close();
        }
    }

    private static String name(Enum<?> op) {
        String s = op.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1).replace("_", "") + "Backward";
    }
}
