package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlidingWindowDatasetTest {
    /** Python's {@code len(range(0, n - L, stride))}, counted by walking the range. */
    private static int pythonWindowCount(int n, int maxLength, int stride) {
        int count = 0;
        for (int i = 0; i < n - maxLength; i += stride) {
            count++;
        }
        return count;
    }

    @Test
    void windowCountsMatchTheTutorialsRangeForManySettings() {
        for (int n : new int[] {2, 5, 17, 100, 5145}) {
            for (int len = 1; len < Math.min(n, 40); len += 3) {
                for (int stride : new int[] {1, 2, 3, 4, 7, 64, 1000}) {
                    SlidingWindowDataset ds =
                            new SlidingWindowDataset(IntStream.range(0, n).toArray(), len, stride);
                    assertEquals(
                            pythonWindowCount(n, len, stride), ds.size(), "n=" + n + " L=" + len + " stride=" + stride);
                }
            }
        }
    }

    @Test
    void windowsAreInputAndTargetShiftedByOne() {
        SlidingWindowDataset ds =
                new SlidingWindowDataset(IntStream.range(100, 120).toArray(), 4, 3);
        assertArrayEquals(new int[] {100, 101, 102, 103}, ds.input(0).toArray());
        assertArrayEquals(new int[] {101, 102, 103, 104}, ds.target(0).toArray());
        assertArrayEquals(new int[] {115, 116, 117, 118}, ds.input(5).toArray());
        assertArrayEquals(new int[] {116, 117, 118, 119}, ds.target(5).toArray());
        assertEquals(6, ds.size());
    }

    @Test
    void windowsAreViewsOfTheOneIdArray() {
        int[] ids = IntStream.range(0, 10).toArray();
        SlidingWindowDataset ds = new SlidingWindowDataset(ids, 4, 2);
        ids[3] = 999; // the caller breaks the no-change promise only to prove nothing was copied
        assertEquals(999, ds.input(0).get(3));
        assertEquals(999, ds.target(1).get(0));
    }

    @Test
    void theVerdictWithMaxLength4Stride4() {
        int[] ids = Gpt2Tokenizer.instance().encode(SharedData.verdictText());
        SlidingWindowDataset ds = new SlidingWindowDataset(ids, 4, 4);
        assertEquals((5145 - 4 + 3) / 4, ds.size());
        assertArrayEquals(new int[] {40, 367, 2885, 1464}, ds.input(0).toArray());
        assertArrayEquals(new int[] {367, 2885, 1464, 1807}, ds.target(0).toArray());
    }

    @Test
    void aTextTooShortForOneWindowSaysHowManyTokensItHasAndNeeds() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new SlidingWindowDataset(new int[] {1, 2, 3, 4}, 4, 1));
        assertTrue(e.getMessage().contains("has 4 tokens") && e.getMessage().contains("needs 5"), e.getMessage());
    }

    @Test
    void maxLengthAndStrideBelowOneAreErrors() {
        int[] ids = IntStream.range(0, 10).toArray();
        IllegalArgumentException a =
                assertThrows(IllegalArgumentException.class, () -> new SlidingWindowDataset(ids, 0, 1));
        assertTrue(a.getMessage().contains("maxLength must be >= 1, got 0"), a.getMessage());
        IllegalArgumentException b =
                assertThrows(IllegalArgumentException.class, () -> new SlidingWindowDataset(ids, 2, -3));
        assertTrue(b.getMessage().contains("stride must be >= 1, got -3"), b.getMessage());
    }

    @Test
    void aWindowOutsideTheDatasetIsAnError() {
        SlidingWindowDataset ds =
                new SlidingWindowDataset(IntStream.range(0, 10).toArray(), 4, 4);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> ds.input(2));
        assertTrue(e.getMessage().contains("window 2") && e.getMessage().contains("2 windows"), e.getMessage());
    }
}
