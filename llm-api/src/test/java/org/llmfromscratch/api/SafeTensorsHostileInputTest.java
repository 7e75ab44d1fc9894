package org.llmfromscratch.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmfromscratch.api.io.SafeTensors;

/** Hostile safetensors files: each is a clear IOException naming the file (and the tensor), never another throwable. */
class SafeTensorsHostileInputTest {
    private static final String FUZZ_CHARS = "{}[]\":,0123456789-\\ue";
    private final Backend backend = Backend.of("arrays-test", new StubKernels());

    @TempDir
    Path dir;

    private Path withHeader(String header, int dataBytes) throws IOException {
        return withHeaderBytes(header.getBytes(StandardCharsets.UTF_8), dataBytes);
    }

    private Path withHeaderBytes(byte[] json, int dataBytes) throws IOException {
        Path file = dir.resolve("hostile.safetensors");
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        Files.write(file, buf.array());
        return file;
    }

    private IOException refused(Path file) {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file, backend));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    @Test
    void deeplyNestedHeadersAreRefusedNotAStackOverflow() throws IOException {
        refused(withHeader("[".repeat(100_000), 0));
        IOException e = refused(withHeader("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000), 0));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void hugeOffsetsAndShapesAreCheckedWithoutOverflow() throws IOException {
        IOException e = refused(withHeader(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[" + (Long.MAX_VALUE - 4) + ","
                        + Long.MAX_VALUE + "]}}",
                4)); // 4 bytes, far past the end
        assertTrue(
                e.getMessage().contains("'w'") && e.getMessage().contains(String.valueOf(Long.MAX_VALUE)),
                e.getMessage());
        String limit = String.valueOf(Integer.MAX_VALUE - 8);
        e = refused(withHeader(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,2147483647]," + "\"data_offsets\":[0,4]}}",
                4));
        assertTrue(
                e.getMessage().contains("'w'")
                        && e.getMessage().contains(limit)
                        && !e.getMessage().contains("needs -"),
                e.getMessage());
        e = refused(
                withHeader("{\"w\":{\"dtype\":\"I64\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,4]}}", 4));
        assertTrue(
                e.getMessage().contains("'w'")
                        && e.getMessage().contains(limit)
                        && !e.getMessage().contains("needs -"),
                e.getMessage());
    }

    @Test
    void aTensorOver2GbIsRefusedForTheLimitNotItsOffsets() throws IOException {
        long bytes = 2_400_000_000L;
        IOException e = refused(withHeader(
                "{\"big\":{\"dtype\":\"F32\",\"shape\":[600000000],\"data_offsets\":[0," + bytes + "]}}", 0));
        assertTrue(
                e.getMessage().contains("'big'")
                        && e.getMessage().contains(String.valueOf(bytes))
                        && e.getMessage().contains(String.valueOf(Integer.MAX_VALUE - 8)),
                e.getMessage());
    }

    @Test
    void aHeaderOverTheCapIsRefusedForTheCap() throws IOException {
        Path file = dir.resolve("big-header.safetensors");
        Files.write(
                file,
                ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(200_000_000L)
                        .array());
        IOException e = refused(file);
        assertTrue(
                e.getMessage().contains("200000000") && e.getMessage().contains(String.valueOf(100L << 20)),
                e.getMessage());
    }

    @Test
    void aDirectoryIsRefusedNamingItsPath() throws IOException {
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(dir, backend));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void malformedHeadersTheReferenceRefusesAreRefused() throws IOException {
        String w = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        String[] bad = {
            "{\"w\":" + w + ",\"w\":" + w + "}", // duplicate key
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", // overlap
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", // gap before
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", // 4 bytes after the data
            "{\"w\\e\":" + w + "}", // invalid escape
            "{\"w\\u-123\":" + w + "}", // invalid \\u
            "{\"__metadata__\":[1,2],\"w\":" + w + "}", // metadata not an object
            "{\"__metadata__\":{\"k\":1},\"w\":" + w + "}", // metadata value not a string
            "{\"w\":" + w + "}trailing",
            "{\"w\n\":" + w + "}", // raw control character
        };
        int[] dataBytes = {4, 8, 8, 8, 4, 4, 4, 4, 4, 4};
        for (int i = 0; i < bad.length; i++) {
            refused(withHeader(bad[i], dataBytes[i]));
        }
        byte[] json = ("{\"w\":" + w + "}").getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = Arrays.copyOf(json, json.length);
        invalidUtf8[2] = (byte) 0xC3; // "w" -> a broken sequence
        invalidUtf8[3] = (byte) 0x28;
        refused(withHeaderBytes(invalidUtf8, 4));
    }

    @Test
    void validFilesStillRoundTrip() throws IOException {
        Path file = dir.resolve("ok.safetensors");
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("a", backend.tensor(new float[] {1, 2, 3}));
        state.put("empty", backend.tensor(new float[0]));
        state.put("b", backend.tensor(new long[] {7, -8}));
        SafeTensors.write(file, state, Map.of("format", "pt", "note", "\"quoted\\\" \u00e9 \uD83D\uDE00"));
        Map<String, Tensor> back = SafeTensors.read(file, backend);
        assertEquals(state.keySet(), back.keySet());
        assertArrayEquals(new float[] {1, 2, 3}, back.get("a").toFloatArray());
        assertArrayEquals(new long[] {7, -8}, back.get("b").toLongArray());
    }

    /** A few hundred damaged copies of a valid file: each is read or refused with an IOException naming the file. */
    @Test
    void fuzzedFilesEndInAClearErrorOrAreRead() throws IOException {
        Path file = dir.resolve("fuzz.safetensors");
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("tok_emb.weight", backend.tensor(new float[][] {{1, 2}, {3, 4}, {5, 6}}));
        state.put("ids", backend.tensor(new int[] {1, 2, 3}));
        state.put("pos", backend.tensor(new long[] {0, 1}));
        SafeTensors.write(file, state, Map.of("format", "pt"));
        byte[] good = Files.readAllBytes(file);
        int headerEnd =
                8 + (int) ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(good, 8, headerEnd - 8, StandardCharsets.UTF_8);
        Random rnd = new Random(15);
        int refusedCount = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bad = good.clone();
            switch (round % 5) {
                case 0 -> bad[rnd.nextInt(headerEnd)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> bad[rnd.nextInt(headerEnd)] = (byte) FUZZ_CHARS.charAt(rnd.nextInt(FUZZ_CHARS.length()));
                case 2 -> bad = Arrays.copyOf(bad, rnd.nextInt(bad.length));
                case 3 -> ByteBuffer.wrap(bad)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(0, rnd.nextBoolean() ? rnd.nextLong() : headerEnd - 8 + rnd.nextInt(17) - 8);
                default -> { // change one number in the header
                    String[] numbers = header.split("(?<=[\\[,])|(?=[\\],])");
                    int k = rnd.nextInt(numbers.length);
                    if (numbers[k].matches("\\d+")) {
                        long[] choices = {
                            0,
                            -1,
                            Long.MAX_VALUE,
                            Long.MAX_VALUE - 3,
                            1L << 31,
                            1L << 62,
                            Long.parseLong(numbers[k]) + rnd.nextInt(9) - 4
                        };
                        numbers[k] = String.valueOf(choices[rnd.nextInt(choices.length)]);
                    }
                    byte[] json = String.join("", numbers).getBytes(StandardCharsets.UTF_8);
                    ByteBuffer b = ByteBuffer.allocate(8 + json.length + good.length - headerEnd)
                            .order(ByteOrder.LITTLE_ENDIAN);
                    b.putLong(json.length).put(json).put(good, headerEnd, good.length - headerEnd);
                    bad = b.array();
                }
            }
            Files.write(file, bad);
            try {
                Map<String, Tensor> back = SafeTensors.read(file, backend);
                for (Tensor t : back.values()) {
                    assertEquals(
                            t.numel(),
                            t.dtype() == DType.FLOAT32
                                    ? t.toFloatArray().length
                                    : t.dtype() == DType.INT32 ? t.toIntArray().length : t.toLongArray().length);
                    t.close();
                }
            } catch (IOException e) {
                refusedCount++;
                assertTrue(
                        e.getMessage() != null && e.getMessage().contains(file.toString()),
                        "round " + round + ": " + e);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("round " + round + ": " + e, e);
            }
        }
        assertTrue(refusedCount > 100, "most damage is detected: " + refusedCount);
    }
}
