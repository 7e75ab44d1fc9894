package org.llmfromscratch.data;

/**
 * The train/validation split of chapter 5 of the book:
 * {@code split_idx = int(train_ratio * len(text_data)); train_data = text_data[:split_idx];
 * val_data = text_data[split_idx:]}. The split is of the TEXT, before tokenizing, at a character
 * index; both halves are then tokenized and windowed separately (so no window spans the split).
 * {@code len} counts code points as Python does, not UTF-16 chars, so a text with emoji splits where
 * Python would, and a surrogate pair is never cut.
 *
 * @param train the text before the split
 * @param validation the text from the split on
 */
public record TextSplit(String train, String validation) {
    /**
     * Splits {@code text} at {@code (int) (trainRatio * codePointCount)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= trainRatio <= 1}
     */
    public static TextSplit of(String text, double trainRatio) {
        if (!(trainRatio >= 0 && trainRatio <= 1)) {
            throw new IllegalArgumentException(
                    "trainRatio must be in [0, 1], got " + trainRatio + " (the book uses 0.90)");
        }
        int points = text.codePointCount(0, text.length());
        int split = (int) (trainRatio * points); // Python's int() truncates toward zero: so does the cast
        int at = text.offsetByCodePoints(0, split);
        return new TextSplit(text.substring(0, at), text.substring(at));
    }
}
