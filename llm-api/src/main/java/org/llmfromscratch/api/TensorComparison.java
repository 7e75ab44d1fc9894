package org.llmfromscratch.api;

/**
 * {@code torch.equal} and {@code torch.allclose} on host copies of two tensors of one backend: numbers are
 * compared as numbers (0.0 equals -0.0, NaN equals nothing, equal infinities are close), integers exactly.
 */
final class TensorComparison {
    private TensorComparison() {}

    static boolean equal(Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape()) || a.dtype() != b.dtype()) {
            return false;
        }
        switch (a.dtype()) {
            case FLOAT32: {
                float[] x = a.toFloatArray();
                float[] y = b.toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    if (!(x[i] == y[i])) {
                        return false;
                    }
                }
                return true;
            }
            case INT32:
                return java.util.Arrays.equals(a.toIntArray(), b.toIntArray());
            default:
                return java.util.Arrays.equals(a.toLongArray(), b.toLongArray());
        }
    }

    static boolean allClose(Tensor a, Tensor b, double rtol, double atol) {
        if (!a.shape().equals(b.shape())) {
            return false;
        }
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] == y[i] || Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
                return false;
            }
        }
        return true;
    }
}
