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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmfromscratch.api.io.SafeTensors;

/** API-level behaviour that needs no compute kernels: formatting, safetensors layout, scopes. */
class TensorApiTest {
    private final Backend backend = Backend.of("arrays-test", new StubKernels());

    @Test
    void formatsLikePyTorch() {
        assertEquals("tensor(0.3374)", backend.scalar(0.33737f).toString());
        assertEquals("tensor([1., 2.])", backend.tensor(new float[] {1, 2}).toString());
        assertEquals("tensor([0, 1, 2])", backend.arange(3).toString());
        assertEquals(
                "tensor([[[1., 2.]],\n\n        [[3., 4.]]])",
                backend.tensor(new float[][][] {{{1, 2}}, {{3, 4}}}).toString());
        assertEquals("tensor([], size=(0,))", backend.tensor(new float[0]).toString());
        String big = backend.fromFloats(Shape.of(2000), new float[2000]).toString();
        assertEquals("tensor([0., 0., 0.,  ..., 0., 0., 0.])", big);
    }

    @Test
    void summarizedTensorsChooseTheirFormatFromThePrintedValuesOnly() {
        // torch.tensor([0.3613, 0.4222, 1e-6, ..., 0.5]) with 2000 elements prints fixed, as PyTorch does:
        // the 1e-6 in the elided middle would otherwise switch everything to scientific notation.
        float[] v = new float[2000];
        java.util.Arrays.fill(v, 0.5f);
        v[0] = 0.3613f;
        v[1] = 0.4222f;
        v[1000] = 1e-6f;
        assertEquals(
                "tensor([0.3613, 0.4222, 0.5000,  ..., 0.5000, 0.5000, 0.5000])",
                backend.fromFloats(Shape.of(2000), v).toString());
    }

    @Test
    void safetensorsFilesHaveTheStandardLayout(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.safetensors");
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("tok_emb.weight", backend.tensor(new float[][] {{1, 2}, {3, 4}}));
        state.put("ids", backend.tensor(new long[] {7, 8, 9}));
        SafeTensors.write(file, state, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(file);
        long headerLength =
                ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(
                header.contains("\"tok_emb.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}"),
                header);
        assertTrue(header.contains("\"ids\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[16,40]}"), header);
        assertEquals(8 + headerLength + 40, bytes.length);
        assertEquals(0, (8 + headerLength) % 8, "data is 8-byte aligned");

        Map<String, Tensor> back = SafeTensors.read(file, backend);
        assertArrayEquals(new float[] {1, 2, 3, 4}, back.get("tok_emb.weight").toFloatArray());
        assertEquals(Shape.of(2, 2), back.get("tok_emb.weight").shape());
        assertArrayEquals(new long[] {7, 8, 9}, back.get("ids").toLongArray());
    }

    @Test
    void aTruncatedSafetensorsFileIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("w", backend.tensor(new float[] {1, 2, 3})), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file, backend));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("12 bytes"), e.getMessage());
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> SafeTensors.read(file, backend));
    }

    @Test
    void malformedSafetensorsHeadersAreErrorsNamingTheFileAndTensor(@TempDir Path dir) throws IOException {
        String[] headers = {
            "{\"w\": 5}",
            "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967297],\"data_offsets\":[0,4]}}",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
            "{\"\\uZZZZ\":{}}",
        };
        for (String header : headers) {
            Path file = dir.resolve("bad.safetensors");
            byte[] json = header.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.allocate(8 + json.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(json.length).put(json).putFloat(1f);
            Files.write(file, buf.array());
            IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file, backend), header);
            assertTrue(e.getMessage().contains(file.toString()), header + " -> " + e.getMessage());
        }
    }

    @Test
    void aScopeMustBeClosedInnermostFirst() {
        TensorScope outer = TensorScope.open();
        TensorScope inner = TensorScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    @Test
    void keepRejectsATensorTheScopeDoesNotOwn() {
        Tensor outside = backend.scalar(1);
        try (TensorScope scope = TensorScope.open()) {
            assertThrows(IllegalArgumentException.class, () -> scope.keep(outside));
        }
    }
}
