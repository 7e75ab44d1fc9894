package org.llmfromscratch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.nn.GPTConfig;

class GPTConfigTest {

    @Test
    void gpt2SmallIsTheTutorialsConfig() {
        GPTConfig c = GPTConfig.GPT2_124M;
        assertEquals(50257, c.vocabSize());
        assertEquals(1024, c.contextLength());
        assertEquals(768, c.embeddingDim());
        assertEquals(12, c.numHeads());
        assertEquals(12, c.numLayers());
        assertEquals(0.1, c.dropRate());
        assertFalse(c.qkvBias());
    }

    @Test
    void theTutorialsSmallerSettingsAreDerived() {
        GPTConfig small = GPTConfig.GPT2_124M.withContextLength(4).withEmbeddingDim(256);
        assertEquals(4, small.contextLength());
        assertEquals(256, small.embeddingDim());
        assertEquals(50257, small.vocabSize());
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GPTConfig.GPT2_124M.withContextLength(0));
        assertThrows(IllegalArgumentException.class, () -> new GPTConfig(1, 1, 1, 1, 1, 1.5, false));
    }
}
