package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run without a break longer than the limit is refused up front, naming where it is; up to the limit it encodes. */
class PieceTooLongTest {
    private static final int MAX = Gpt2Tokenizer.MAX_PIECE_CHARS;
    private final Gpt2Tokenizer tok = Gpt2Tokenizer.instance();

    @Test
    void aPieceOverTheLimitIsRefusedWithItsOffsetAndLength() {
        PieceTooLongException e = assertThrows(
                PieceTooLongException.class, () -> tok.encodeOrdinary("Hello world," + " " + "a".repeat(MAX)));
        assertEquals(12, e.offset()); // " aaa..." with its leading space
        assertEquals(MAX + 1, e.length());
        assertTrue(
                e.getMessage().contains("at character 12") && e.getMessage().contains(String.valueOf(MAX)),
                e.getMessage());
        assertThrows(PieceTooLongException.class, () -> tok.encode("\n".repeat(MAX + 1)));
        assertThrows(PieceTooLongException.class, () -> tok.encode("x" + "=".repeat(MAX + 1) + "y"));
    }

    @Test
    void aPieceAtTheLimitGivesJtokkitsIds() {
        String text = "ab " + "a".repeat(MAX - 1) + " cd"; // the piece " aaa..." has MAX characters
        assertArrayEquals(tok.jtokkit().encodeOrdinary(text).toArray(), tok.encodeOrdinary(text));
    }

    @Test
    void aCorpusFileNamesTheFileAndTheOffsetInTheWholeFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dna.txt");
        String head = SyntheticText.generate(5_000, 3) + "\n";
        Files.writeString(file, head + "ACGT".repeat(MAX / 4 + 1) + "\nthe end\n");
        CorpusEncoder enc = CorpusEncoder.builder()
                .progress(null)
                .threads(2)
                .pieceChars(1_000)
                .cacheDirectory(dir)
                .build();
        PieceTooLongException e = assertThrows(PieceTooLongException.class, () -> enc.encode(file));
        assertEquals(head.length(), e.offset());
        assertTrue(
                e.getMessage().startsWith(file.toString()) && e.getMessage().contains("at character " + head.length()),
                e.getMessage());
    }
}
