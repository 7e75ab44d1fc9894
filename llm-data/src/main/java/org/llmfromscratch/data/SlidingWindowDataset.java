package org.llmfromscratch.data;

import java.util.Objects;

/**
 * The tutorial's {@code GPTDatasetV1}: windows of {@code maxLength} ids taken every {@code stride} ids,
 * each with its target, the same window shifted by one id.
 *
 * <pre>
 * for i in range(0, N - max_length, stride):
 *     input  = ids[i     : i + max_length]
 *     target = ids[i + 1 : i + max_length + 1]
 * </pre>
 *
 * so there are {@code ceil((N - maxLength) / stride)} windows. Windows are views into the one id
 * sequence: nothing is copied until a batch is assembled. Where the tutorial silently yields no window
 * for a text shorter than {@code maxLength + 1} ids, this class throws, saying how many ids there are
 * and how many one window needs.
 */
public final class SlidingWindowDataset {
    private final TokenSequence ids;
    private final int maxLength;
    private final int stride;
    private final int size;

    /**
     * @throws IllegalArgumentException for {@code maxLength} or {@code stride} &lt; 1, or fewer than
     *     {@code maxLength + 1} ids
     */
    public SlidingWindowDataset(TokenSequence ids, int maxLength, int stride) {
        this.ids = Objects.requireNonNull(ids, "ids");
        this.maxLength = Checks.positive("maxLength", maxLength);
        this.stride = Checks.positive("stride", stride);
        long n = ids.size();
        if (n < maxLength + 1L) {
            throw new IllegalArgumentException("the text has " + n + " tokens, but one window of maxLength " + maxLength
                    + " needs " + (maxLength + 1L) + " (maxLength input ids plus the next one as the last target):"
                    + " use a longer text or a smaller maxLength");
        }
        long windows = (n - maxLength + stride - 1) / stride;
        if (windows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " tokens with stride " + stride + " make " + windows
                    + " windows, more than an int can index: use a larger stride");
        }
        this.size = (int) windows;
    }

    /** {@code new SlidingWindowDataset(TokenSequence.of(ids), maxLength, stride)}. */
    public SlidingWindowDataset(int[] ids, int maxLength, int stride) {
        this(TokenSequence.of(ids), maxLength, stride);
    }

    /** Number of windows, {@code len(dataset)}. */
    public int size() {
        return size;
    }

    /** Ids per window. */
    public int maxLength() {
        return maxLength;
    }

    /** Ids between the starts of consecutive windows. */
    public int stride() {
        return stride;
    }

    /** The ids the windows are taken from. */
    public TokenSequence ids() {
        return ids;
    }

    /** Where window {@code index} starts in {@link #ids()}: {@code index * stride}. */
    public long start(int index) {
        check(index);
        return (long) index * stride;
    }

    /** The input ids of window {@code index}, a view. */
    public TokenSequence input(int index) {
        long s = start(index);
        return ids.slice(s, s + maxLength);
    }

    /** The target ids of window {@code index} (the input shifted by one), a view. */
    public TokenSequence target(int index) {
        long s = start(index);
        return ids.slice(s + 1, s + 1 + maxLength);
    }

    /** Copies window {@code index}'s input to {@code dst[offset ...]} and its target to {@code targetDst[offset ...]}. */
    public void copyWindow(int index, int[] dst, int[] targetDst, int offset) {
        long s = start(index);
        ids.copyTo(s, dst, offset, maxLength);
        ids.copyTo(s + 1, targetDst, offset, maxLength);
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("window " + index + " is outside the dataset's " + size + " windows");
        }
    }

    @Override
    public String toString() {
        return "SlidingWindowDataset[" + size + " windows of " + maxLength + " ids, stride " + stride + ", "
                + ids.size() + " ids]";
    }
}
