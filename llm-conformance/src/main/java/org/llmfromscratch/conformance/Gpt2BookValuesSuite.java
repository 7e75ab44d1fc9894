package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.models.generate.GenerationConfig;
import org.llmfromscratch.models.generate.TextGenerator;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * The book's chapter 4 numbers at full size: {@code torch.manual_seed(123); model = GPTModel(GPT_CONFIG_124M)}
 * (652 MB of float32). Separate from {@link BackendConformanceSuite} because of its size: a backend runs it
 * with its own test class (the java and nd4j backends in the default build, every backend with
 * {@code -Plong}). Logits within 1e-4 of PyTorch 1.13.1's (the book prints them to 4 decimals), generated ids identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class Gpt2BookValuesSuite {
    private GPTModel model;
    private Generator generator;

    /** The backend under test. */
    protected abstract Backend backend();

    @BeforeAll
    void buildTheModel() {
        generator = new Generator(123);
        model = new GPTModel(backend(), GPTConfig.GPT2_124M, generator);
    }

    @AfterAll
    void freeTheModel() {
        model.close();
    }

    @Test
    void parameterCountsAreTheBooks() {
        assertEquals(163_009_536L, model.parameterCount());
        assertEquals(
                124_412_160L,
                model.parameterCount()
                        - model.namedParameters().get("out_head.weight").numel());
    }

    @Test
    void trainingModeLogitsAndTheUntrainedGenerationAreTheBooks() {
        // In order, as the book: the forward in training mode draws its dropout masks after the init draws.
        try (TensorScope scope = TensorScope.open();
                NoGrad off = NoGrad.enter()) {
            model.train();
            Tensor logits =
                    model.forward(backend().tensor(new int[][] {{6109, 3626, 6100, 345}, {6109, 1110, 6622, 257}}));
            float[] first = logits.select(0, 0).select(0, 0).toFloatArray();
            float[] last = logits.select(0, 1).select(0, 3).toFloatArray();
            assertClose(
                    new double[] {0.3612613379955292, 0.422248899936676, -0.07112905383110046},
                    new double[] {first[0], first[1], first[2]});
            assertClose(
                    new double[] {0.3482997417449951, 0.4661133289337158, -0.28377872705459595},
                    new double[] {first[50254], first[50255], first[50256]});
            assertClose(
                    new double[] {1.2630199193954468, -0.1858472377061844, 0.038762181997299194},
                    new double[] {last[50254], last[50255], last[50256]});
        }
        model.eval();
        int[] out = new TextGenerator(model)
                .generate(new int[] {15496, 11, 314, 716}, GenerationConfig.greedy(6), generator, null);
        assertArrayEquals(new int[] {15496, 11, 314, 716, 27018, 24086, 47843, 30961, 42348, 7267}, out);
    }

    private static void assertClose(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            // PyTorch 1.13.1's values (the book prints them to 4 decimals); float32 sums in another order
            assertEquals(expected[i], actual[i], 1e-4, "logit " + i);
        }
    }
}
