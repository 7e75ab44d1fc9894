package org.llmfromscratch.train;

/**
 * The book's appendix D schedule: linear warm-up from {@code initialLr} to {@code peakLr} over
 * {@code warmupSteps}, then cosine decay to {@code minLr} by {@code totalSteps}; or a constant rate.
 */
public record LearningRateSchedule(
        double initialLr, double peakLr, double minLr, int warmupSteps, int totalSteps, boolean cosine) {

    public LearningRateSchedule {
        if (!(initialLr >= 0 && peakLr >= 0 && minLr >= 0)) {
            throw new IllegalArgumentException(
                    "learning rates must be >= 0, got " + initialLr + ", " + peakLr + ", " + minLr);
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new IllegalArgumentException(
                    "step counts must be >= 0, got warm-up " + warmupSteps + ", total " + totalSteps);
        }
    }

    /** A constant learning rate (the book's chapter 5). */
    public static LearningRateSchedule constant(double lr) {
        return new LearningRateSchedule(lr, lr, lr, 0, 0, false);
    }

    /** The rate at global step {@code step} (0-based), as appendix D's {@code train_model} computes it. */
    public double at(int step) {
        if (step < warmupSteps) {
            return initialLr + step * ((peakLr - initialLr) / warmupSteps);
        }
        if (!cosine) {
            return peakLr;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return minLr + (peakLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
