package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged token file is never trusted: it is detected and rebuilt, and the ids are always the right ones. */
class TokenCacheCorruptionTest {
    private static final int COUNT_OFFSET = 40;

    @TempDir
    Path dir;

    private Path source;
    private CorpusEncoder encoder;
    private int[] expected;
    private Path cacheFile;
    private byte[] good;

    @BeforeEach
    void encodeOnce() throws Exception {
        source = dir.resolve("corpus.txt");
        Files.writeString(source, SyntheticText.generate(4_000, 11));
        encoder = CorpusEncoder.builder()
                .progress(null)
                .threads(1)
                .cacheDirectory(dir.resolve("cache"))
                .build();
        expected = Gpt2Tokenizer.instance().encode(Files.readString(source));
        assertArrayEquals(expected, encoder.encode(source).toArray());
        cacheFile = encoder.cacheFileFor(source);
        good = Files.readAllBytes(cacheFile);
    }

    @Test
    void aFlippedByteInTheIdsIsDetectedAndRebuilt() throws Exception {
        byte[] bad = good.clone();
        bad[TokenFile.HEADER + 4 * 7 + 3] ^= (byte) 0x80; // id 7 becomes a huge negative number
        Files.write(cacheFile, bad);
        assertEquals(false, encoder.isCached(source), "a token file whose ids fail their checksum is not used");
        assertArrayEquals(expected, encoder.encode(source).toArray());
        assertArrayEquals(good, Files.readAllBytes(cacheFile), "the token file was rebuilt");
    }

    @Test
    void aHugeOrNegativeCountIsRebuiltNotAnIndexError() throws Exception {
        for (long count :
                new long[] {1L << 62, (1L << 62) + expected.length, -1, Long.MIN_VALUE, expected.length + 1L}) {
            byte[] bad = good.clone();
            ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(COUNT_OFFSET, count);
            Files.write(cacheFile, bad);
            assertArrayEquals(expected, encoder.encode(source).toArray(), "count " + count);
            assertArrayEquals(good, Files.readAllBytes(cacheFile), "count " + count);
        }
    }

    @Test
    void aFailedFinalMoveLeavesNoPartialFile() throws Exception {
        Files.delete(cacheFile);
        Files.createDirectories(cacheFile.resolve("blocker")); // a non-empty directory where the file goes
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> encoder.encode(source));
        assertTrue(e.getMessage().contains(cacheFile.toString()), e.getMessage());
        try (Stream<Path> files = Files.list(cacheFile.getParent())) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".partial")).count(), "no *.partial left behind");
        }
    }

    /** A few hundred random damages: each read gives exactly the ids of the text, never another throwable. */
    @Test
    void fuzzedTokenFilesGiveTheRightIdsOrAreRebuilt() throws Exception {
        Random rnd = new Random(15);
        for (int round = 0; round < 300; round++) {
            byte[] bad = mutate(good, rnd);
            Files.write(cacheFile, bad);
            try {
                int[] ids = encoder.encode(source).toArray();
                if (!Arrays.equals(expected, ids)) {
                    fail("round " + round + ": a damaged token file was served as other ids");
                }
            } catch (RuntimeException | Error e) {
                throw new AssertionError("round " + round + ": " + e, e);
            }
        }
    }

    static byte[] mutate(byte[] good, Random rnd) {
        byte[] bad = good.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8)); // one bit
            case 1 -> { // a few bytes
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> bad = Arrays.copyOf(bad, rnd.nextInt(bad.length)); // truncated
            case 3 -> { // a header field
                int field = 8 + 8 * rnd.nextInt(7);
                ByteBuffer.wrap(bad)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(
                                field,
                                rnd.nextBoolean()
                                        ? rnd.nextLong()
                                        : ByteBuffer.wrap(bad)
                                                        .order(ByteOrder.LITTLE_ENDIAN)
                                                        .getLong(field)
                                                + rnd.nextInt(9)
                                                - 4);
            }
            default -> bad = Arrays.copyOf(bad, bad.length + 4 * (1 + rnd.nextInt(3))); // extra ids
        }
        return bad;
    }
}
