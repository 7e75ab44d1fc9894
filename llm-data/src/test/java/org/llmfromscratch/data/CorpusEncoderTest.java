package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusEncoderTest {
    private static final Tokenizer TOK = Gpt2Tokenizer.instance();

    @TempDir
    Path dir;

    private CorpusEncoder.Builder quiet() {
        return CorpusEncoder.builder().progress(null).cacheDirectory(dir.resolve("cache"));
    }

    @Test
    void parallelPiecesGiveTheIdsOfTheWholeText() {
        String text = SyntheticText.generate(300_000, 3);
        int[] whole = TOK.encode(text);
        for (int threads : new int[] {1, 2, 3}) {
            CorpusEncoder enc = quiet().threads(threads).pieceChars(1000).build();
            assertArrayEquals(whole, enc.encode(text), "threads " + threads);
        }
    }

    @Test
    void parallelPiecesOfRandomTrickyTextGiveTheIdsOfTheWholeText() {
        Random rng = new Random(11);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 100_000) {
            sb.append(SplitPointsTest.randomText(rng, 50, false));
        }
        String text = sb.toString();
        assertArrayEquals(
                TOK.encode(text), quiet().threads(2).pieceChars(64).build().encode(text));
    }

    @Test
    void encodesAFileLikeTheWholeTextAndReusesTheTokenFile() throws Exception {
        String text = SyntheticText.generate(200_000, 5) + "Ünïcödé 🙂 — “end”";
        Path file = dir.resolve("corpus.txt");
        Files.writeString(file, text);
        CorpusEncoder enc = quiet().threads(2).pieceChars(4096).build();
        assertFalse(enc.isCached(file));
        TokenSequence ids = enc.encode(file);
        assertInstanceOf(MappedTokenSequence.class, ids);
        assertArrayEquals(TOK.encode(text), ids.toArray());
        assertTrue(enc.isCached(file));
        FileTime written = Files.getLastModifiedTime(enc.cacheFileFor(file));
        Thread.sleep(20);
        assertArrayEquals(TOK.encode(text), enc.encode(file).toArray());
        assertEquals(written, Files.getLastModifiedTime(enc.cacheFileFor(file)), "the token file was reused");
    }

    @Test
    void aChangedSourceInvalidatesTheTokenFileEvenWithTheSameSizeAndTime() throws Exception {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "Hello world, hello tea.");
        CorpusEncoder enc = quiet().build();
        enc.encode(file);
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, "Jello world, hello tea."); // same size
        Files.setLastModifiedTime(file, time); // same time: only the CRC tells
        assertFalse(enc.isCached(file));
        assertArrayEquals(
                TOK.encode("Jello world, hello tea."), enc.encode(file).toArray());
        Files.writeString(file, "Hello world, hello tea and cake.");
        assertFalse(enc.isCached(file));
        assertArrayEquals(
                TOK.encode("Hello world, hello tea and cake."), enc.encode(file).toArray());
    }

    @Test
    void withoutACacheFileIdsStayInMemory() throws Exception {
        Path file = dir.resolve("b.txt");
        Files.writeString(file, "no cache here");
        CorpusEncoder enc =
                CorpusEncoder.builder().progress(null).cacheDirectory(null).build();
        assertArrayEquals(TOK.encode("no cache here"), enc.encode(file).toArray());
        assertFalse(enc.isCached(file));
    }

    @Test
    void invalidUtf8NamesTheFileAndTheByteOffset() throws Exception {
        Path file = dir.resolve("bad.txt");
        byte[] good = "héllo ".getBytes(StandardCharsets.UTF_8); // 7 bytes
        byte[] bytes = new byte[good.length + 3];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[7] = (byte) 0xFF;
        bytes[8] = 'a';
        bytes[9] = 'b';
        Files.write(file, bytes);
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> quiet().build().encode(file));
        assertTrue(
                e.getMessage().contains(file.toString()) && e.getMessage().contains("byte offset 7"), e.getMessage());
    }

    @Test
    void aTruncatedCharacterAtTheEndIsInvalidUtf8() {
        byte[] euro = "ab€".getBytes(StandardCharsets.UTF_8); // € is 3 bytes at offset 2
        byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 1);
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class, () -> quiet().build().encode(new ByteArrayInputStream(cut), "stream.txt"));
        assertTrue(e.getMessage().contains("stream.txt") && e.getMessage().contains("byte offset 2"), e.getMessage());
    }

    @Test
    void anUnwritableCacheDirectoryIsAnErrorSayingHowToChooseAnother() throws Exception {
        Path file = dir.resolve("c.txt");
        Files.writeString(file, "text");
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CorpusEncoder.builder()
                .progress(null)
                .cacheDirectory(notADirectory)
                .build()
                .encode(file));
        assertTrue(
                e.getMessage().contains(notADirectory.toString())
                        && e.getMessage().contains("LLM_DATA_CACHE"),
                e.getMessage());
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path file = dir.resolve("missing.txt");
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> quiet().build().encode(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void aDisallowedSpecialTokenInACorpusIsAnErrorNamingTheSource() {
        byte[] bytes = "one\n\ntwo <|endoftext|> three".getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> quiet().threads(2).pieceChars(16).build().encode(new ByteArrayInputStream(bytes), "docs.txt"));
        assertTrue(e.getMessage().contains("docs.txt") && e.getMessage().contains("<|endoftext|>"), e.getMessage());
    }

    @Test
    void allowedSpecialTokensBetweenDocuments() {
        String text = ("A first document.\n\n<|endoftext|>A second one.\n<|endoftext|>\n\nThird.  ").repeat(200);
        Set<String> allowed = Set.of(Gpt2Tokenizer.END_OF_TEXT);
        int[] got = quiet().threads(2)
                .pieceChars(32)
                .allowedSpecial(allowed)
                .build()
                .encode(text);
        assertArrayEquals(TOK.encode(text, allowed), got);
    }

    @Test
    void streamsAreEncodedInMemory() {
        String text = SyntheticText.generate(50_000, 9);
        TokenSequence ids = quiet().pieceChars(512)
                .build()
                .encode(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s");
        assertArrayEquals(TOK.encode(text), ids.toArray());
    }

    @Test
    void progressIsReportedToTheListenerAndToNobodyByDefault() throws Exception {
        List<long[]> calls = Collections.synchronizedList(new ArrayList<>());
        quiet().progress((done, total) -> calls.add(new long[] {done, total}))
                .build()
                .encode(new ByteArrayInputStream("short".getBytes(StandardCharsets.UTF_8)), "s");
        assertArrayEquals(new long[] {5, -1}, calls.get(calls.size() - 1), "a stream: 5 bytes of an unknown total");
        calls.clear();
        Path file = dir.resolve("text.txt");
        Files.writeString(file, SyntheticText.generate(3_000_000, 4), StandardCharsets.UTF_8);
        long size = Files.size(file);
        quiet().progress((done, total) -> calls.add(new long[] {done, total}))
                .build()
                .encode(file);
        assertTrue(calls.size() >= 3, "a 3 MB file is read in 1 MB blocks: " + calls.size() + " reports");
        long last = 0;
        for (long[] c : calls) {
            assertEquals(size, c[1], "the total is the file's size");
            assertTrue(c[0] >= last && c[0] <= size, "done never goes back nor past the size: " + c[0]);
            last = c[0];
        }
        assertEquals(size, last, "the last report is the whole file");
        assertEquals(ProgressListener.NONE, defaultListener(), "off by default");
    }

    private static ProgressListener defaultListener() throws Exception {
        CorpusEncoder enc = CorpusEncoder.builder().cacheDirectory(null).build();
        java.lang.reflect.Field f = CorpusEncoder.class.getDeclaredField("progress");
        f.setAccessible(true);
        return (ProgressListener) f.get(enc);
    }
}
