package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm attention} and {@code llm gpt --small}: the book's printed values, the pictures, bad arguments. */
class ChapterCommandsTest {

    @Test
    void attentionPrintsTheBooksValues() {
        CliRun run = CliRun.of("attention");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertContains(out, "== 1. 3.3.1 A simple self-attention mechanism without trainable weights");
        assertContains(out, ">>> attn_scores = inputs @ inputs.T");
        // 3.3: journey's scores, weights and context vector
        assertContains(out, "tensor([0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865])");
        assertContains(out, "tensor([0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581])");
        assertContains(out, "tensor([0.4419, 0.6515, 0.5683])");
        // 3.4: SelfAttention_v1 (seed 123) and v2 (seed 789)
        assertContains(out, "tensor([[0.2996, 0.8053],");
        assertContains(out, "tensor([[-0.0739,  0.0713],");
        // 3.5: the causal weights both ways, and dropout
        assertContains(out, "[0.5517, 0.4483, 0.0000, 0.0000, 0.0000, 0.0000]");
        assertContains(out, "[0.2899,   -inf,   -inf,   -inf,   -inf,   -inf]");
        assertContains(out, "[0.7599, 0.6194, 0.6206, 0.0000, 0.0000, 0.0000]");
        // 3.5.3 and 3.6: CausalAttention, the wrapper, MultiHeadAttention
        assertContains(out, "[[[-0.4519,  0.2216],");
        assertContains(out, "[[[-0.4519,  0.2216,  0.4772,  0.1063],");
        assertContains(out, "tensor([[[0.3190, 0.4858],");
        assertContains(out, "[0.2575, 0.4028]]])");
        assertContains(out, "torch.Size([2, 6, 4])");
    }

    @Test
    void attentionPlotsWritesBothHeatmaps(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("attention", "--plots", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String name : new String[] {AttentionCommand.WEIGHTS_PNG, AttentionCommand.CAUSAL_PNG}) {
            BufferedImage png = ImageIO.read(dir.resolve(name).toFile());
            assertTrue(png != null && png.getWidth() > 500 && png.getHeight() > 300, name);
            assertContains(run.out(), "Wrote " + dir.resolve(name));
        }
    }

    @Test
    void smallGptPrintsEverySectionAndTheBooksGradients(@TempDir Path dir) {
        CliRun run = CliRun.of("gpt", "--small", "--plots", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertContains(out, "4.2 Normalizing activations with layer normalization");
        assertContains(out, "tensor([[0.2260, 0.3470, 0.0000, 0.2216, 0.0000, 0.0000],");
        assertContains(out, "[0.2133, 0.2394, 0.0000, 0.5198, 0.3297, 0.0000]])");
        assertContains(out, "4.3 A feed-forward network with GELU activations");
        assertContains(out, "4.4 Adding shortcut connections");
        assertContains(out, "layers.0.0.weight has gradient mean of 0.000201735");
        assertContains(out, "layers.4.0.weight has gradient mean of 1.32585");
        assertContains(out, "4.6 Coding the GPT model");
        assertContains(out, "tensor([[6109, 3626, 6100,  345],");
        assertContains(out, "torch.Size([2, 4, 50257])");
        assertContains(out, "Total number of parameters: 3,242,240");
        assertContains(out, "4.7 Generating text");
        assertContains(out, "[15496, 11, 314, 716]");
        assertContains(out, "tensor([[15496,    11,   314,   716,");
        assertTrue(dir.resolve(GptCommand.ACTIVATIONS_PNG).toFile().isFile());
    }

    @Test
    void pythonPrintsFloatsWithoutExponents() {
        assertEquals("0.00020173587836325169", GptCommand.python(2.0173587836325169E-4));
        assertEquals("1.3258540630340576", GptCommand.python(1.3258540630340576));
        assertEquals("1.0", GptCommand.python(1));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, CliRun.of("attention", "--plots", "").exitCode());
        assertEquals(2, CliRun.of("attention", "--backend", "no-such-backend").exitCode());
        assertEquals(2, CliRun.of("attention", "--no-such-flag").exitCode());
        assertEquals(2, CliRun.of("gpt", "--small", "--plots", "").exitCode());
        assertEquals(2, CliRun.of("gpt", "--seed", "twelve").exitCode());
    }

    private static void assertContains(String out, String expected) {
        assertTrue(out.contains(expected), "expected \"" + expected + "\" in:\n" + out);
    }
}
