package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSequenceTest {
    @TempDir
    Path dir;

    @Test
    void slicesAreViewsAndNest() {
        TokenSequence s =
                TokenSequence.of(IntStream.range(0, 10).toArray()).slice(2, 9).slice(1, 4);
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {3, 4, 5}, s.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
    }

    @Test
    void copyOutsideTheSequenceIsAnErrorNamingTheRange() {
        TokenSequence s = TokenSequence.of(new int[5]);
        IndexOutOfBoundsException e =
                assertThrows(IndexOutOfBoundsException.class, () -> s.copyTo(3, new int[4], 0, 4));
        assertEquals("ids [3, 7) are not inside [0, 5)", e.getMessage());
    }

    @Test
    void aMappedTokenFileReadsItsIds() throws Exception {
        Path f = dir.resolve("t.tokens");
        Files.writeString(f, "Hello, mapped world. Ünïcödé!");
        TokenSequence ids = CorpusEncoder.builder()
                .progress(null)
                .cacheDirectory(dir)
                .build()
                .encode(f);
        int[] expected = Gpt2Tokenizer.instance().encode("Hello, mapped world. Ünïcödé!");
        assertEquals(expected.length, ids.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ids.get(i));
        }
        int[] part = new int[3];
        ids.copyTo(2, part, 0, 3);
        assertArrayEquals(new int[] {expected[2], expected[3], expected[4]}, part);
    }
}
