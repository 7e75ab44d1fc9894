package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.io.SafeTensors;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.models.checkpoint.Gpt2Checkpoint;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * GPT-2's Hugging Face layout: a small random model written in exactly that layout (names, shapes, Conv1D
 * orientation, fused qkv) loads back into a model that gives the same logits; missing or mis-shaped tensors
 * are named.
 */
public interface Gpt2CheckpointContract extends ConformanceFixture {
    GPTConfig SMALL = new GPTConfig(50, 8, 128, 2, 2, 0.1, true);

    private Path written(GPTModel model) throws IOException {
        Path file = Files.createTempFile("gpt2-", ".safetensors");
        file.toFile().deleteOnExit();
        Gpt2Checkpoint.write(model, file);
        return file;
    }

    @Test
    default void aCheckpointInGpt2sLayoutLoadsIntoTheSameModel() throws IOException {
        try (GPTModel original = GPTModel.tied(backend(), SMALL, new Generator(42));
                NoGrad off = NoGrad.enter()) {
            Path file = written(original);
            Map<String, Tensor> raw = SafeTensors.read(file, backend());
            assertEquals(
                    org.llmfromscratch.api.Shape.of(128, 384),
                    raw.get("h.1.attn.c_attn.weight").shape());
            assertEquals(
                    org.llmfromscratch.api.Shape.of(128, 512),
                    raw.get("h.0.mlp.c_fc.weight").shape());
            assertEquals(2 + 2 * 12 + 2, raw.size());
            raw.values().forEach(Tensor::close);
            try (GPTModel loaded = Gpt2Checkpoint.load(file, backend())) {
                assertEquals(SMALL, loaded.config());
                original.eval();
                loaded.eval();
                Tensor ids = backend().tensor(new int[][] {{1, 7, 3, 49}});
                assertValues(
                        original.forward(ids).toFloatArray(),
                        loaded.forward(ids).toFloatArray(),
                        1e-6);
            }
        }
    }

    @Test
    default void theTransformerPrefixAndMaskBuffersAreAccepted() throws IOException {
        try (GPTModel original = GPTModel.tied(backend(), SMALL, new Generator(43));
                NoGrad off = NoGrad.enter()) {
            Map<String, Tensor> raw = SafeTensors.read(written(original), backend());
            Map<String, Tensor> prefixed = new LinkedHashMap<>();
            raw.forEach((k, v) -> prefixed.put("transformer." + k, v));
            prefixed.put("transformer.h.0.attn.bias", backend().ones(1, 1, 8, 8));
            Path file = Files.createTempFile("gpt2-prefixed-", ".safetensors");
            file.toFile().deleteOnExit();
            SafeTensors.write(file, prefixed, Map.of("format", "pt"));
            try (GPTModel loaded = Gpt2Checkpoint.load(file, backend())) {
                assertEquals(2, loaded.config().numLayers());
            }
        }
    }

    @Test
    default void aMissingOrMisShapedTensorIsNamed() throws IOException {
        try (GPTModel original = GPTModel.tied(backend(), SMALL, new Generator(44));
                NoGrad off = NoGrad.enter()) {
            Map<String, Tensor> raw = SafeTensors.read(written(original), backend());
            Map<String, Tensor> missing = new LinkedHashMap<>(raw);
            missing.remove("h.1.mlp.c_proj.bias");
            Path file = Files.createTempFile("gpt2-missing-", ".safetensors");
            file.toFile().deleteOnExit();
            SafeTensors.write(file, missing, Map.of());
            assertFailsWith(
                    IllegalArgumentException.class, () -> Gpt2Checkpoint.load(file, backend()), "h.1.mlp.c_proj.bias");
            Map<String, Tensor> bad = new LinkedHashMap<>(raw);
            bad.put("h.0.ln_2.weight", backend().ones(127));
            Path badFile = Files.createTempFile("gpt2-bad-", ".safetensors");
            badFile.toFile().deleteOnExit();
            SafeTensors.write(badFile, bad, Map.of());
            IllegalArgumentException e = assertFailsWith(
                    IllegalArgumentException.class,
                    () -> Gpt2Checkpoint.load(badFile, backend()),
                    "h.0.ln_2.weight",
                    "[127]",
                    "[128]");
            assertTrue(e.getMessage().contains(badFile.toString()));
        }
    }
}
