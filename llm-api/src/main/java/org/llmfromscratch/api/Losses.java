package org.llmfromscratch.api;

/**
 * Cross-entropy as the book computes it, composed from differentiable pieces so its gradient needs no
 * code of its own: {@code -mean(log_softmax(logits)[i, targets[i]])} over the targets not ignored.
 */
final class Losses {
    private Losses() {}

    static Tensor crossEntropy(Tensor logits, Tensor targets, int ignoreIndex) {
        logits.sameBackend("crossEntropy", targets);
        Tensor.requireFloat("crossEntropy", logits);
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("crossEntropy needs logits [N, C], got shape " + logits.shape()
                    + " (flatten the batch first: logits.reshape(-1, C))");
        }
        if (!targets.dtype().isInteger() || targets.dim() != 1 || targets.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("crossEntropy needs integer targets [N] = [" + logits.size(0) + "], got "
                    + targets.shape() + " " + targets.dtype());
        }
        int rows = logits.size(0);
        int classes = logits.size(1);
        long[] t = targets.dtype() == DType.INT64
                ? targets.toLongArray()
                : java.util.Arrays.stream(targets.toIntArray()).asLongStream().toArray();
        int[] flat = new int[rows];
        float[] keep = new float[rows];
        int valid = 0;
        for (int i = 0; i < rows; i++) {
            if (t[i] == ignoreIndex) {
                flat[i] = i * classes;
                continue;
            }
            if (t[i] < 0 || t[i] >= classes) {
                throw new IllegalArgumentException("target " + t[i] + " at position " + i + " is out of bounds: targets"
                        + " must be in [0, " + classes + ") or the ignore index " + ignoreIndex);
            }
            flat[i] = Math.toIntExact(i * (long) classes + t[i]);
            keep[i] = 1f;
            valid++;
        }
        Backend b = logits.backend();
        try (TensorScope scope = TensorScope.open()) {
            Tensor picked = logits.logSoftmax(1)
                    .reshape(rows * classes, 1)
                    .gatherRows(b.adopt(Shape.of(rows), flat))
                    .reshape(rows);
            Tensor loss = picked.mul(b.adopt(Shape.of(rows), keep)).sum().div(-(double) valid);
            return scope.keep(loss);
        }
    }
}
