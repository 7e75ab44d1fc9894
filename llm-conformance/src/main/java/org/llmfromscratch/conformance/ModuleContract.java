package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;

/** Module behaviour on this backend: state dicts, files, train and eval mode. */
public interface ModuleContract extends ConformanceFixture {

    GPTConfig SMALL = new GPTConfig(100, 8, 6, 2, 1, 0.1, false);

    @Test
    default void aSavedModuleLoadsBackIntoAnotherWithTheSameWeights(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("embedding.safetensors");
        try (GPTEmbedding a = new GPTEmbedding(backend(), SMALL, 1L);
                GPTEmbedding b = new GPTEmbedding(backend(), SMALL, 2L)) {
            assertFalse(a.tokenEmbedding()
                    .weight()
                    .value()
                    .equal(b.tokenEmbedding().weight().value()));
            a.save(file);
            b.load(file);
            for (String name : a.stateDict().keySet()) {
                assertTrue(a.stateDict().get(name).equal(b.stateDict().get(name)), name + " restored");
            }
        }
    }

    @Test
    default void loadStateDictRejectsMissingAndMisshapenEntries() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), SMALL, 1L)) {
            Tensor tok = g.stateDict().get("tok_emb.weight");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> g.loadStateDict(Map.of("tok_emb.weight", tok)),
                    "missing keys [pos_emb.weight]");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> g.loadStateDict(Map.of("tok_emb.weight", tok, "pos_emb.weight", tok)),
                    "size mismatch for pos_emb.weight",
                    "[100, 6]",
                    "[8, 6]");
        }
    }

    @Test
    default void trainAndEvalPropagateToChildren() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), SMALL, 1L)) {
            assertTrue(g.isTraining());
            g.eval();
            assertFalse(g.tokenEmbedding().isTraining());
            g.train(true);
            assertTrue(g.positionalEmbedding().isTraining());
        }
    }

    @Test
    default void aGptEmbeddingBuiltOnExistingLayersSharesTheirWeights() {
        Embedding tok = new Embedding(backend(), 100, 6, 3L);
        Embedding pos = new Embedding(backend(), 8, 6, 4L);
        try (GPTEmbedding g = new GPTEmbedding(tok, pos)) {
            assertEquals(tok.weight(), g.namedParameters().get("tok_emb.weight"));
            assertEquals(pos.weight(), g.namedParameters().get("pos_emb.weight"));
        }
    }
}
