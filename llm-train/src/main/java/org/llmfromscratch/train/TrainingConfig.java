package org.llmfromscratch.train;

/**
 * The knobs of {@code train_model_simple} and appendix D's extras.
 *
 * @param epochs passes over the training loader
 * @param evalFreq evaluate every this many steps (step 0 included)
 * @param evalIter batches of each loader per evaluation
 * @param schedule the learning rate per step
 * @param gradClipNorm clip the global gradient norm to this (0: no clipping); appendix D clips after warm-up
 * @param startContext the text the epoch samples continue
 * @param sampleTokens tokens per sample (the book: 50)
 */
public record TrainingConfig(
        int epochs,
        int evalFreq,
        int evalIter,
        LearningRateSchedule schedule,
        double gradClipNorm,
        String startContext,
        int sampleTokens) {

    public TrainingConfig {
        if (epochs < 1 || evalFreq < 1 || evalIter < 1) {
            throw new IllegalArgumentException(
                    "epochs, evalFreq and evalIter must be >= 1, got " + epochs + ", " + evalFreq + ", " + evalIter);
        }
        if (!(gradClipNorm >= 0)) {
            throw new IllegalArgumentException("gradClipNorm must be >= 0, got " + gradClipNorm);
        }
    }

    /** The book's chapter 5 run: 10 epochs, eval every 5 steps on 5 batches, lr 0.0004, "Every effort moves you". */
    public static TrainingConfig bookChapter5() {
        return new TrainingConfig(10, 5, 5, LearningRateSchedule.constant(0.0004), 0, "Every effort moves you", 50);
    }
}
