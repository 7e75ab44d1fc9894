package org.llmfromscratch.train;

/**
 * Where a training run is: the epoch (0-based) being run, the last global step done (-1 before the first),
 * the tokens seen, and inside a started epoch its window order and the next batch's position.
 */
public record TrainingState(int epoch, int step, long tokensSeen, int[] epochOrder, int position) {

    /** Before the first step. */
    public static TrainingState start() {
        return new TrainingState(0, -1, 0, null, 0);
    }
}
