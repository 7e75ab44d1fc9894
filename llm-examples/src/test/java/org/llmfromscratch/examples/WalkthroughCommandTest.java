package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkthroughCommandTest {

    @Test
    void printsPyTorchsValuesForSeed123() {
        CliRun run = CliRun.of("walkthrough");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("12,865,792  (= 50257 x 256)"), out);
        // torch.manual_seed(123); nn.Embedding(50257, 256).weight[0, :10] (DESIGN.md's randn(16) prefix)
        assertTrue(
                out.contains("tensor([[ 0.3374, -0.1778, -0.3035, -0.5880,  0.3486,  0.6603, -0.2196,\n"
                        + "         -0.3792,  0.7671, -1.1925],"),
                out);
        // torch.manual_seed(123); nn.Embedding(6, 3).weight
        assertTrue(
                out.contains("tensor([[ 0.3374, -0.1778, -0.1690],\n        [ 0.9178,  1.5810,  1.3010],\n"
                        + "        [ 1.2753, -0.2010, -0.1606],\n        [-0.4015,  0.9666, -1.1481],\n"
                        + "        [-1.1589,  0.3255, -0.6315],\n        [-2.8400, -0.7849, -1.4096]])"),
                out);
        assertTrue(out.contains("12,866,816  (= 50257 x 256 + 4 x 256)"), out);
        assertTrue(out.contains(">>> torch.equal(x, input_embeddings)\nTrue"), "the module equals the manual sum");
        assertTrue(
                out.contains(">>> torch.equal(embedding_layer(input_ids), embedding_layer.weight[input_ids])\nTrue"));
        assertTrue(out.contains(">>> torch.equal(token_embeddings[0, 0], token_embeddings[0, 1])\nFalse"));
        assertTrue(out.contains("torch.Size([8, 4, 256])"), out);
        assertTrue(out.contains("Text: the bundled sample story"), out);
    }

    @Test
    void withTheVerdictTheFirstBatchIsTheTutorials() {
        Path verdict = CliRun.theVerdict();
        CliRun run = CliRun.of("walkthrough", "--text", verdict.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("20,479 characters and 5,145 GPT-2 tokens"), run.out());
        assertTrue(
                run.out()
                        .contains("tensor([[   40,   367,  2885,  1464],\n        [ 1807,  3619,   402,   271],\n"
                                + "        [10899,  2138,   257,  7026],\n        [15632,   438,  2016,   257],\n"
                                + "        [  922,  5891,  1576,   438],\n        [  568,   340,   373,   645],\n"
                                + "        [ 1049,  5975,   284,   502],\n        [  284,  3285,   326,    11]]"),
                run.out());
        assertTrue(run.out().contains("[ 3285,   326,    11,   287]]"), "the last target row");
    }

    @Test
    void writesThreePicturesThatOpen(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("walkthrough", "--plots", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String name :
                new String[] {"positional-embeddings.png", "input-embeddings.png", "token-embeddings-pca.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertTrue(image != null && image.getWidth() > 400 && image.getHeight() > 200, name);
            assertTrue(run.out().contains("Wrote " + dir.resolve(name)), run.out());
        }
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        CliRun run = CliRun.of("walkthrough", "--seed", "7");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(!run.out().contains("0.3374, -0.1778, -0.3035"), "seed 7 is not seed 123");
    }
}
