package org.llmfromscratch.train;

/** What a {@link Trainer} reports while it runs; every method does nothing by default. */
public interface TrainingListener {

    /** After every optimizer step. */
    default void onStep(int epoch, int step, double loss, long tokensSeen, double lr) {}

    /** After an evaluation: the book's {@code Ep E (Step S): Train loss T, Val loss V} line. */
    default void onEvaluation(Evaluation evaluation) {}

    /** At the end of an epoch, with the book's sample text (greedy, 50 tokens after the start context). */
    default void onEpochEnd(int epoch, String sample) {}

    /** One evaluation: epoch counted from 1, step from 0, the two mean losses and the tokens seen so far. */
    record Evaluation(int epoch, int step, double trainLoss, double valLoss, long tokensSeen) {
        /** {@code Ep %d (Step %06d): Train loss %.3f, Val loss %.3f}, as the book prints it. */
        public String line() {
            return String.format(
                    java.util.Locale.ROOT,
                    "Ep %d (Step %06d): Train loss %.3f, Val loss %.3f",
                    epoch,
                    step,
                    trainLoss,
                    valLoss);
        }
    }
}
