package org.llmfromscratch.conformance;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Tensor;

/**
 * Forward and backward of every differentiable operation against a double-precision reference and central
 * finite differences ({@link GradientCheck}), on small random inputs, broadcasting included.
 */
public interface GradientContract extends ConformanceFixture {

    private GradientCheck grad(long seed) {
        return new GradientCheck(backend(), seed);
    }

    @Test
    default void addBroadcastGradientsSumOverBroadcastDimensions() {
        grad(1).check(
                        "add",
                        new int[][] {{2, 3, 4}, {3, 1}},
                        t -> t[0].add(t[1]),
                        x -> DoubleReference.broadcast(
                                x[0], new int[] {2, 3, 4}, x[1], new int[] {1, 3, 1}, Double::sum));
    }

    @Test
    default void subBroadcastGradients() {
        grad(2).check(
                        "sub",
                        new int[][] {{4}, {3, 4}},
                        t -> t[0].sub(t[1]),
                        x -> DoubleReference.broadcast(
                                x[0], new int[] {1, 4}, x[1], new int[] {3, 4}, (a, b) -> a - b));
    }

    @Test
    default void mulBroadcastGradients() {
        grad(3).check(
                        "mul",
                        new int[][] {{2, 1, 4}, {3, 4}},
                        t -> t[0].mul(t[1]),
                        x -> DoubleReference.broadcast(
                                x[0], new int[] {2, 1, 4}, x[1], new int[] {1, 3, 4}, (a, b) -> a * b));
    }

    @Test
    default void divBroadcastGradients() {
        grad(4).range(0.5, 2)
                .check(
                        "div",
                        new int[][] {{3, 4}, {4}},
                        t -> t[0].div(t[1]),
                        x -> DoubleReference.broadcast(
                                x[0], new int[] {3, 4}, x[1], new int[] {1, 4}, (a, b) -> a / b));
    }

    @Test
    default void scalarArithmeticGradients() {
        grad(5).check(
                        "x * 3 + 1 - 0.5 / 2",
                        new int[][] {{5}},
                        t -> t[0].mul(3).add(1).sub(0.5).div(2),
                        x -> DoubleReference.map(x[0], v -> (v * 3 + 1 - 0.5) / 2));
    }

    @Test
    default void unaryGradients() {
        int[][] s = {{3, 5}};
        grad(6).check("neg", s, t -> t[0].neg(), x -> DoubleReference.map(x[0], v -> -v));
        grad(7).check("abs", s, t -> t[0].abs(), x -> DoubleReference.map(x[0], Math::abs));
        grad(8).check("exp", s, t -> t[0].exp(), x -> DoubleReference.map(x[0], Math::exp));
        grad(9).range(0.2, 3).check("log", s, t -> t[0].log(), x -> DoubleReference.map(x[0], Math::log));
        grad(10).range(0.2, 3).check("sqrt", s, t -> t[0].sqrt(), x -> DoubleReference.map(x[0], Math::sqrt));
        grad(11).check("tanh", s, t -> t[0].tanh(), x -> DoubleReference.map(x[0], Math::tanh));
        grad(12).check("relu", s, t -> t[0].relu(), x -> DoubleReference.map(x[0], v -> Math.max(v, 0)));
        grad(13).range(-3, 3).check("gelu", s, t -> t[0].gelu(), x -> DoubleReference.map(x[0], DoubleReference::gelu));
    }

    @Test
    default void powByAScalarGradients() {
        grad(14).check("pow 3", new int[][] {{6}}, t -> t[0].pow(3), x -> DoubleReference.map(x[0], v -> v * v * v));
        grad(15).range(0.3, 2)
                .check(
                        "pow 1.5",
                        new int[][] {{6}},
                        t -> t[0].pow(1.5),
                        x -> DoubleReference.map(x[0], v -> Math.pow(v, 1.5)));
    }

    @Test
    default void sumAndMeanGradients() {
        grad(16).check("sum", new int[][] {{2, 3}}, t -> t[0].sum(), x ->
                new double[] {x[0][0] + x[0][1] + x[0][2] + x[0][3] + x[0][4] + x[0][5]});
        grad(17).check(
                        "sum(1)",
                        new int[][] {{2, 3, 4}},
                        t -> t[0].sum(1, false),
                        x -> DoubleReference.reduce(x[0], 2, 3, 4, false));
        grad(18).check(
                        "mean(-1, keepdim)",
                        new int[][] {{2, 3, 4}},
                        t -> t[0].mean(-1, true),
                        x -> DoubleReference.map(DoubleReference.reduce(x[0], 6, 4, 1, false), v -> v / 4));
        grad(19).check("mean", new int[][] {{7}}, t -> t[0].mean(), x ->
                new double[] {java.util.Arrays.stream(x[0]).sum() / 7});
    }

    @Test
    default void maxAlongADimensionGradient() {
        grad(20).check(
                        "max(1)",
                        new int[][] {{3, 5, 2}},
                        t -> t[0].max(1, false),
                        x -> DoubleReference.reduce(x[0], 3, 5, 2, true));
    }

    @Test
    default void matmulGradients() {
        grad(21).check(
                        "2-D matmul",
                        new int[][] {{3, 4}, {4, 5}},
                        t -> t[0].matmul(t[1]),
                        x -> DoubleReference.matmul(x[0], x[1], 1, 3, 4, 5, true));
        grad(22).check(
                        "batched matmul",
                        new int[][] {{2, 3, 4}, {2, 4, 2}},
                        t -> t[0].matmul(t[1]),
                        x -> DoubleReference.matmul(x[0], x[1], 2, 3, 4, 2, false));
        grad(23).check(
                        "batch broadcast matmul",
                        new int[][] {{2, 3, 4}, {4, 2}},
                        t -> t[0].matmul(t[1]),
                        x -> DoubleReference.matmul(x[0], x[1], 2, 3, 4, 2, true));
        grad(24).check(
                        "matmulTransposed",
                        new int[][] {{2, 3, 4}, {5, 4}},
                        t -> t[0].matmulTransposed(t[1]),
                        x -> DoubleReference.matmul(
                                x[0],
                                DoubleReference.permute(x[1], new int[] {5, 4}, new int[] {1, 0}),
                                2,
                                3,
                                4,
                                5,
                                true));
        grad(25).check(
                        "batched matmulTransposed",
                        new int[][] {{2, 3, 4}, {2, 5, 4}},
                        t -> t[0].matmulTransposed(t[1]),
                        x -> DoubleReference.matmul(
                                x[0],
                                DoubleReference.permute(x[1], new int[] {2, 5, 4}, new int[] {0, 2, 1}),
                                2,
                                3,
                                4,
                                5,
                                false));
    }

    @Test
    default void movementGradients() {
        grad(26).check(
                        "reshape",
                        new int[][] {{2, 6}},
                        t -> t[0].reshape(3, 4).mul(t[0].reshape(3, 4)),
                        x -> DoubleReference.map(x[0], v -> v * v));
        grad(27).check(
                        "transpose",
                        new int[][] {{2, 3, 4}},
                        t -> t[0].transpose(0, 2),
                        x -> DoubleReference.permute(x[0], new int[] {2, 3, 4}, new int[] {2, 1, 0}));
        grad(28).check(
                        "permute",
                        new int[][] {{2, 3, 4, 2}},
                        t -> t[0].permute(0, 2, 1, 3),
                        x -> DoubleReference.permute(x[0], new int[] {2, 3, 4, 2}, new int[] {0, 2, 1, 3}));
        grad(29).check("slice", new int[][] {{3, 5}}, t -> t[0].slice(1, 1, 4), x -> {
            double[] o = new double[9];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(x[0], i * 5 + 1, o, i * 3, 3);
            }
            return o;
        });
        grad(30).check(
                        "select",
                        new int[][] {{3, 4}},
                        t -> t[0].select(0, 1),
                        x -> java.util.Arrays.copyOfRange(x[0], 4, 8));
        grad(31).check(
                        "cat",
                        new int[][] {{2, 2}, {2, 3}},
                        t -> Tensor.cat(List.of(t[0], t[1]), 1),
                        x -> new double[] {
                            x[0][0], x[0][1], x[1][0], x[1][1], x[1][2], x[0][2], x[0][3], x[1][3], x[1][4], x[1][5]
                        });
    }

    @Test
    default void softmaxGradients() {
        grad(32).check(
                        "softmax(-1)",
                        new int[][] {{3, 4}},
                        t -> t[0].softmax(-1),
                        x -> DoubleReference.softmax(x[0], 3, 4, 1, false));
        grad(33).check(
                        "softmax(0)",
                        new int[][] {{3, 4}},
                        t -> t[0].softmax(0),
                        x -> DoubleReference.softmax(x[0], 1, 3, 4, false));
        grad(34).check(
                        "logSoftmax(1)",
                        new int[][] {{2, 5}},
                        t -> t[0].logSoftmax(1),
                        x -> DoubleReference.softmax(x[0], 2, 5, 1, true));
    }

    @Test
    default void maskedFillGradientSkipsMaskedElements() {
        Tensor mask = backend().tensor(new float[][] {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}});
        grad(35).check(
                        "maskedFill then softmax",
                        new int[][] {{2, 3, 3}},
                        t -> t[0].maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(-1),
                        x -> {
                            double[] m = DoubleReference.broadcast(
                                    x[0],
                                    new int[] {2, 3, 3},
                                    new double[] {0, 1, 1, 0, 0, 1, 0, 0, 0},
                                    new int[] {1, 3, 3},
                                    (v, k) -> k != 0 ? Double.NEGATIVE_INFINITY : v);
                            return DoubleReference.softmax(m, 6, 3, 1, false);
                        });
    }

    @Test
    default void crossEntropyGradientWithIgnoredTargets() {
        Tensor targets = backend().tensor(new long[] {2, -100, 0, 4});
        grad(36).check("crossEntropy", new int[][] {{4, 5}}, t -> Functional.crossEntropy(t[0], targets), x -> {
            double[] lsm = DoubleReference.softmax(x[0], 4, 5, 1, true);
            return new double[] {-(lsm[2] + lsm[10] + lsm[19]) / 3};
        });
    }

    @Test
    default void mseLossGradient() {
        grad(37).check("mseLoss", new int[][] {{2, 3}, {2, 3}}, t -> Functional.mseLoss(t[0], t[1]), x -> {
            double s = 0;
            for (int i = 0; i < 6; i++) {
                s += (x[0][i] - x[1][i]) * (x[0][i] - x[1][i]);
            }
            return new double[] {s / 6};
        });
    }

    @Test
    default void linearGradient() {
        grad(38).check("linear", new int[][] {{2, 3, 4}, {5, 4}, {5}}, t -> Functional.linear(t[0], t[1], t[2]), x -> {
            double[] y = DoubleReference.matmul(
                    x[0], DoubleReference.permute(x[1], new int[] {5, 4}, new int[] {1, 0}), 1, 6, 4, 5, true);
            return DoubleReference.broadcast(y, new int[] {6, 5}, x[2], new int[] {1, 5}, Double::sum);
        });
    }

    @Test
    default void fusedAttentionGradients() {
        // q [2, 3, 4], k and v [2, 5, 4]: queries at positions 2..4 of 5 keys (a cache of 2), causal.
        grad(39).check(
                        "scaledDotProductAttention",
                        new int[][] {{2, 3, 4}, {2, 5, 4}, {2, 5, 4}},
                        t -> Functional.scaledDotProductAttention(t[0], t[1], t[2], 2),
                        x -> {
                            double[] out = new double[2 * 3 * 4];
                            for (int h = 0; h < 2; h++) {
                                for (int i = 0; i < 3; i++) {
                                    double[] s = new double[5];
                                    for (int j = 0; j < 5; j++) {
                                        double dot = 0;
                                        for (int c = 0; c < 4; c++) {
                                            dot += x[0][(h * 3 + i) * 4 + c] * x[1][(h * 5 + j) * 4 + c];
                                        }
                                        s[j] = j > i + 2 ? Double.NEGATIVE_INFINITY : dot / 2;
                                    }
                                    double[] w = DoubleReference.softmax(s, 1, 5, 1, false);
                                    for (int c = 0; c < 4; c++) {
                                        double acc = 0;
                                        for (int j = 0; j < 5; j++) {
                                            acc += w[j] * x[2][(h * 5 + j) * 4 + c];
                                        }
                                        out[(h * 3 + i) * 4 + c] = acc;
                                    }
                                }
                            }
                            return out;
                        });
    }

    @Test
    default void fusedAttentionEqualsTheComposition() {
        java.util.Random r = new java.util.Random(40);
        float[] qv = new float[2 * 2 * 7 * 8];
        float[] kv = new float[qv.length];
        float[] vv = new float[qv.length];
        for (int i = 0; i < qv.length; i++) {
            qv[i] = r.nextFloat() * 2 - 1;
            kv[i] = r.nextFloat() * 2 - 1;
            vv[i] = r.nextFloat() * 2 - 1;
        }
        org.llmfromscratch.api.Shape s = org.llmfromscratch.api.Shape.of(2, 2, 7, 8);
        Tensor q = backend().fromFloats(s, qv);
        Tensor k = backend().fromFloats(s, kv);
        Tensor v = backend().fromFloats(s, vv);
        Tensor fused = Functional.scaledDotProductAttention(q, k, v, 0);
        Tensor mask = org.llmfromscratch.models.attention.CausalMask.of(backend(), 7);
        Tensor composed = q.matmulTransposed(k)
                .maskedFill(mask, Double.NEGATIVE_INFINITY)
                .div(Math.sqrt(8))
                .softmax(-1)
                .matmul(v);
        assertValues(composed.toFloatArray(), fused.toFloatArray(), 2e-6);
    }
}
