package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;

/** Embedding and GPTEmbedding: PyTorch's seeded weights, semantics, parameters and bad input. */
public interface EmbeddingContract extends ConformanceFixture {

    /** The tutorial's small setting: vocab 50257, context 4, dim 256. */
    GPTConfig TUTORIAL = GPTConfig.GPT2_124M.withContextLength(4).withEmbeddingDim(256);

    @Test
    default void seed123GivesPyTorchsEmbedding6x3() {
        try (Embedding e = new Embedding(backend(), 6, 3, 123L)) {
            assertEquals(Shape.of(6, 3), e.weight().value().shape());
            assertValues(TorchReference.EMBEDDING_6_3, e.weight().value(), TorchReference.TOLERANCE);
        }
    }

    @Test
    default void seed123GivesPyTorchsRowZeroOfTheGpt2TokenTable() {
        try (GPTEmbedding e = new GPTEmbedding(backend(), TUTORIAL, 123L)) {
            Tensor row0 = e.tokenEmbedding().weight().value().select(0, 0).slice(0, 0, 16);
            assertValues(TorchReference.RANDN_16, row0, TorchReference.TOLERANCE);
        }
    }

    @Test
    default void weightsAreBitIdenticalToTheSharedGenerator() {
        float[] expected = new Generator(7).normal(1000 * 20);
        try (Embedding e = new Embedding(backend(), 1000, 20, 7L)) {
            assertArrayEquals(expected, e.weight().value().toFloatArray(), "every backend stores the generator's bits");
        }
    }

    @Test
    default void forwardIsWeightIndexedByIds() {
        try (Embedding e = new Embedding(backend(), 6, 3, 123L)) {
            Tensor ids = backend().tensor(new int[] {2, 3, 5, 1});
            Tensor viaLayer = e.forward(ids);
            Tensor viaIndex = e.weight().value().gatherRows(ids);
            assertTrue(viaLayer.equal(viaIndex));
            assertValues(
                    java.util.Arrays.copyOfRange(TorchReference.EMBEDDING_6_3, 9, 12),
                    viaLayer.select(0, 1),
                    TorchReference.TOLERANCE);
        }
    }

    @Test
    default void gptEmbeddingIsTokenPlusPosition() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), TUTORIAL.withEmbeddingDim(8), 123L)) {
            Tensor ids = backend().tensor(new int[][] {{40, 367, 2885, 1464}, {1807, 3619, 402, 271}});
            Tensor x = g.forward(ids);
            assertEquals(Shape.of(2, 4, 8), x.shape());
            Tensor manual = g.tokenEmbedding()
                    .forward(ids)
                    .add(g.positionalEmbedding().forward(backend().arange(4)));
            assertTrue(x.allClose(manual, 0, 0), "fused forward equals tok_emb(ids) + pos_emb(arange(4))");
        }
    }

    @Test
    default void gptEmbeddingAcceptsASequenceWithoutBatch() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), TUTORIAL.withEmbeddingDim(4), 1L)) {
            Tensor x = g.forward(backend().tensor(new long[] {5, 6}));
            assertEquals(Shape.of(2, 4), x.shape());
            Tensor batched = g.forward(backend().tensor(new long[][] {{5, 6}}));
            assertArrayEquals(batched.toFloatArray(), x.toFloatArray());
        }
    }

    @Test
    default void gptEmbeddingParametersHavePyTorchNamesAndCounts() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), TUTORIAL, 123L)) {
            assertEquals(
                    java.util.List.of("tok_emb.weight", "pos_emb.weight"),
                    new java.util.ArrayList<>(g.namedParameters().keySet()));
            assertEquals(12_866_816L, g.parameterCount());
            assertEquals(12_865_792L, g.tokenEmbedding().parameterCount());
        }
    }

    @Test
    default void aSequenceLongerThanTheContextIsRejectedNamingBoth() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), TUTORIAL.withEmbeddingDim(4), 1L)) {
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> g.forward(backend().tensor(new int[][] {{1, 2, 3, 4, 5}})),
                    "sequence length 5",
                    "context length 4");
        }
    }

    @Test
    default void aTokenIdOutsideTheVocabularyIsRejected() {
        try (GPTEmbedding g = new GPTEmbedding(backend(), TUTORIAL.withEmbeddingDim(4), 1L)) {
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> g.forward(backend().tensor(new int[][] {{1, 50257}})),
                    "token id 50257",
                    "position [0, 1]",
                    "0..50256");
        }
    }

    @Test
    default void paddingIdxStartsAsAZeroRow() {
        try (Embedding e = new Embedding(backend(), 4, 3, -1, new Generator(5))) {
            assertEquals(3, e.paddingIdx());
            assertArrayEquals(
                    new float[3], e.forward(backend().tensor(new int[] {3})).toFloatArray());
            assertFalse(java.util.Arrays.equals(
                    new float[3], e.forward(backend().tensor(new int[] {0})).toFloatArray()));
        }
        assertFailsWith(
                IllegalArgumentException.class,
                () -> new Embedding(backend(), 4, 3, 4, new Generator(5)),
                "paddingIdx 4");
    }

    @Test
    default void fromPretrainedUsesTheGivenWeightsAndFreezesThem() {
        Tensor w = backend().tensor(new float[][] {{1, 2}, {3, 4}});
        try (Embedding e = Embedding.fromPretrained(w, true)) {
            assertFalse(e.weight().requiresGrad());
            assertArrayEquals(
                    new float[] {3, 4, 1, 2},
                    e.forward(backend().tensor(new int[] {1, 0})).toFloatArray());
        }
        try (Embedding e = Embedding.fromPretrained(backend().tensor(new float[][] {{1}}), false)) {
            assertTrue(e.weight().requiresGrad());
        }
    }

    @Test
    default void theSameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() {
        try (Embedding a = new Embedding(backend(), 50, 8, 42L);
                Embedding b = new Embedding(backend(), 50, 8, 42L);
                Embedding c = new Embedding(backend(), 50, 8, 43L)) {
            assertTrue(a.weight().value().equal(b.weight().value()));
            assertFalse(a.weight().value().equal(c.weight().value()));
        }
    }
}
