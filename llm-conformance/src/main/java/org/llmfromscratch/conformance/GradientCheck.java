package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * Checks an operation's forward values and gradients against a plain double-precision reference: the
 * backend computes {@code L = sum(op(x) * r)} for random {@code x} and {@code r} and its gradients by
 * {@code backward()}; the reference gives the forward values in double and each gradient element by central
 * finite differences of the same {@code L} in double ({@code h = 1e-6}), so the only float error is the
 * backend's own.
 */
final class GradientCheck {
    /** A reference in double: the flattened inputs in, the flattened output out. */
    interface Reference {
        double[] apply(double[][] inputs);
    }

    private final Backend backend;
    private final Random random;
    private double low = -1;
    private double high = 1;
    private double tolerance = 2e-4;

    GradientCheck(Backend backend, long seed) {
        this.backend = backend;
        this.random = new Random(seed);
    }

    /** Inputs drawn uniformly from {@code [low, high)} (positive ranges for log, sqrt, pow). */
    GradientCheck range(double low, double high) {
        this.low = low;
        this.high = high;
        return this;
    }

    /** Absolute tolerance, scaled by {@code 1 + |expected|}; the default 2e-4 covers float32 forward and backward. */
    GradientCheck tolerance(double tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    /** Runs the check for inputs of the given shapes. */
    void check(String what, int[][] shapes, Function<Tensor[], Tensor> op, Reference reference) {
        double[][] x = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            x[i] = new double[(int) Shape.of(shapes[i]).numel()];
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = low + (high - low) * random.nextDouble();
                x[i][j] = (float) x[i][j];
            }
        }
        double[] expectedOut = reference.apply(x);
        double[] r = new double[expectedOut.length];
        float[] rf = new float[r.length];
        for (int j = 0; j < r.length; j++) {
            rf[j] = (float) (random.nextDouble() * 2 - 1);
            r[j] = rf[j];
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor[] inputs = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                float[] f = new float[x[i].length];
                for (int j = 0; j < f.length; j++) {
                    f[j] = (float) x[i][j];
                }
                inputs[i] = backend.fromFloats(Shape.of(shapes[i]), f).requiresGrad(true);
            }
            Tensor out = op.apply(inputs);
            float[] got = out.toFloatArray();
            assertEquals(expectedOut.length, got.length, what + ": number of output elements");
            for (int j = 0; j < got.length; j++) {
                assertClose(what + " forward element " + j, expectedOut[j], got[j]);
            }
            out.mul(backend.fromFloats(out.shape(), rf)).sum().backward();
            for (int i = 0; i < shapes.length; i++) {
                assertNotNull(inputs[i].grad(), what + ": input " + i + " got no gradient");
                float[] g = inputs[i].grad().toFloatArray();
                for (int j = 0; j < g.length; j++) {
                    double saved = x[i][j];
                    double h = 1e-6;
                    x[i][j] = saved + h;
                    double plus = dot(reference.apply(x), r);
                    x[i][j] = saved - h;
                    double minus = dot(reference.apply(x), r);
                    x[i][j] = saved;
                    assertClose(what + " d/d(input " + i + ")[" + j + "]", (plus - minus) / (2 * h), g[j]);
                }
            }
        }
    }

    private void assertClose(String what, double expected, double actual) {
        double diff = Math.abs(expected - actual);
        assertTrue(
                diff <= tolerance * (1 + Math.abs(expected)),
                what + ": expected " + expected + " but got " + actual + " (difference " + diff + ")");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
