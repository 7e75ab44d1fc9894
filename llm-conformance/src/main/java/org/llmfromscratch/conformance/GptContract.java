package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.models.generate.GenerationConfig;
import org.llmfromscratch.models.generate.Sampling;
import org.llmfromscratch.models.generate.TextGenerator;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * The book's GPT on a configuration small enough for every backend (vocab 50, context 8, dim 8, 2 heads,
 * 2 layers, dropout 0.1, qkv bias), against PyTorch 1.13.1 running the book's code after
 * {@code torch.manual_seed(123)}: training-mode logits (dropout masks from the same stream), the loss and
 * gradients, evaluation logits, and generation with and without the key-value cache.
 */
public interface GptContract extends ConformanceFixture {
    GPTConfig TINY = new GPTConfig(50, 8, 8, 2, 2, 0.1, true);

    private GPTModel tiny() {
        return new GPTModel(backend(), TINY, new Generator(123));
    }

    private Tensor ids() {
        return backend().tensor(new int[][] {{3, 14, 15, 9, 26}, {5, 35, 8, 9, 7}});
    }

    @Test
    default void trainingForwardLossAndGradientsMatchPyTorch() {
        try (GPTModel model = tiny()) {
            Tensor logits = model.forward(ids());
            assertValues(
                    new double[] {
                        -0.490500807762146,
                        -0.03368540108203888,
                        -0.0415983647108078,
                        0.3064199686050415,
                        0.3189263641834259
                    },
                    logits.select(0, 0).select(0, 0).slice(0, 0, 5),
                    2e-6);
            assertValues(
                    new double[] {
                        0.6096912622451782,
                        1.3277292251586914,
                        0.10048998147249222,
                        -1.2972296476364136,
                        0.003045853227376938
                    },
                    logits.select(0, 1).select(0, 4).slice(0, 45, 50),
                    2e-6);
            Tensor loss = Functional.crossEntropy(
                    logits.reshape(-1, 50), backend().tensor(new long[] {14, 15, 9, 26, 5, 35, 8, 9, 7, 1}));
            assertEquals(3.9768307209014893, loss.item(), 2e-6);
            loss.backward();
            var p = model.namedParameters();
            assertValues(
                    new double[] {0.0012332245241850615, 0.0, -0.001548684318549931, -0.010130343027412891},
                    p.get("tok_emb.weight").grad().select(0, 3).slice(0, 0, 4),
                    1e-6);
            assertValues(
                    new double[] {
                        -0.002020008396357298, 0.0014626749325543642, -0.0008463855483569205, -0.0018078186549246311
                    },
                    p.get("trf_blocks.1.att.W_query.weight").grad().select(0, 0).slice(0, 0, 4),
                    1e-6);
            assertValues(
                    new double[] {0.017198137938976288, 0.001145338756032288, 0.0045537194237113, 0.002307640155777335},
                    p.get("trf_blocks.0.norm1.scale").grad().slice(0, 0, 4),
                    1e-6);
        }
    }

    @Test
    default void evaluationForwardMatchesPyTorch() {
        try (GPTModel model = tiny();
                NoGrad off = NoGrad.enter()) {
            model.eval();
            Tensor logits = model.forward(ids());
            assertValues(
                    new double[] {
                        0.8476625680923462,
                        -0.03504312038421631,
                        0.34371620416641235,
                        0.34382203221321106,
                        -1.0299091339111328
                    },
                    logits.select(0, 0).select(0, 4).slice(0, 0, 5),
                    2e-6);
        }
    }

    @Test
    default void generationGivesTheSameTokensWithAndWithoutTheCacheAlsoPastTheContext() {
        try (GPTModel model = tiny()) {
            TextGenerator generator = new TextGenerator(model);
            // 3 + 12 tokens: past the context of 8, where the window slides and is recomputed.
            int[] cached = generator.generate(new int[] {1, 2, 3}, GenerationConfig.greedy(12), new Generator(1), null);
            int[] plain = generator.generate(
                    new int[] {1, 2, 3}, GenerationConfig.greedy(12).withCache(false), new Generator(1), null);
            assertEquals(15, cached.length);
            assertArrayEquals(plain, cached);
            GenerationConfig sampled =
                    GenerationConfig.greedy(10).withTemperature(1.5).withTopK(20);
            assertArrayEquals(
                    generator.generate(new int[] {4}, sampled.withCache(false), new Generator(7), null),
                    generator.generate(new int[] {4}, sampled, new Generator(7), null));
        }
    }

    @Test
    default void generationStreamsEveryTokenAndStopsAtTheEndOfText() {
        try (GPTModel model = tiny()) {
            TextGenerator generator = new TextGenerator(model);
            List<Integer> streamed = new ArrayList<>();
            int[] all =
                    generator.generate(new int[] {1, 2}, GenerationConfig.greedy(5), new Generator(1), streamed::add);
            assertEquals(7, all.length);
            assertArrayEquals(
                    new int[] {all[2], all[3], all[4], all[5], all[6]},
                    streamed.stream().mapToInt(Integer::intValue).toArray());
            int[] stopped = generator.generate(
                    new int[] {1, 2}, GenerationConfig.greedy(5).withEosId(all[4]), new Generator(1), null);
            assertArrayEquals(new int[] {1, 2, all[2], all[3]}, stopped);
        }
    }

    @Test
    default void generationRefusesBadInput() {
        try (GPTModel model = tiny()) {
            TextGenerator generator = new TextGenerator(model);
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> generator.generate(new int[] {1, 50}, GenerationConfig.greedy(1), new Generator(1), null),
                    "token id 50",
                    "0..49");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> generator.generate(new int[9], GenerationConfig.greedy(1), new Generator(1), null),
                    "9 tokens",
                    "context length 8");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> generator.generate(
                            new int[] {1}, GenerationConfig.greedy(1).withTopK(51), new Generator(1), null),
                    "topK",
                    "51");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> GenerationConfig.greedy(1).withTemperature(-1),
                    "temperature",
                    "-1");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> model.forward(backend().tensor(new int[][] {new int[9]})),
                    "9 tokens",
                    "context length 8");
        }
    }

    @Test
    default void multinomialDrawsTheBooksCounts() {
        // torch.manual_seed(123); 1,000 x torch.multinomial(softmax(next_token_logits), 1)
        float[] logits = {4.51f, 0.89f, -1.90f, 6.75f, 1.63f, -1.62f, -1.89f, 6.28f, 1.79f};
        float[] probs = Sampling.softmax(logits);
        Generator g = new Generator(123);
        int[] counts = new int[9];
        for (int i = 0; i < 1000; i++) {
            counts[Sampling.multinomial(probs, g)]++;
        }
        assertArrayEquals(new int[] {73, 0, 0, 582, 2, 0, 0, 343, 0}, counts);
    }

    @Test
    default void parameterCountsAreTheBooks() {
        try (GPTModel model = tiny()) {
            // tok 400 + pos 64 + 2 x (qkv 3 x 72 + out 72 + ff 288 + 264 + norms 32) + final 16 + head 400
            assertEquals(400 + 64 + 2 * (216 + 72 + 288 + 264 + 32) + 16 + 400, model.parameterCount());
        }
        try (GPTModel tied = GPTModel.tied(backend(), TINY, new Generator(123))) {
            assertEquals(400 + 64 + 2 * (216 + 72 + 288 + 264 + 32) + 16, tied.parameterCount());
        }
    }
}
