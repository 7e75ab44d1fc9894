package org.llmfromscratch.examples.api;

import java.util.Arrays;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;
import org.llmfromscratch.models.generate.GenerationConfig;
import org.llmfromscratch.models.generate.TextGenerator;
import org.llmfromscratch.models.gpt.GPTModel;
import org.llmfromscratch.train.LossCalculator;

/** Example 2: a small GPT learns a text, then writes: the README's "API in 20 lines". */
public final class E02TrainAndGenerate {
    private E02TrainAndGenerate() {}

    public static void main(String[] args) {
        String text = "Every effort moves you closer to the lighthouse. ".repeat(40);
        Backend backend =
                Backends.get(args.length > 0 ? args[0] : "java"); // or Backends.get(): -Dllm.backend, LLM_BACKEND
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
        Generator generator = new Generator(123); // torch.manual_seed(123)
        GPTConfig config =
                new GPTConfig(50257, 32, 64, 4, 2, 0.1, false); // vocab, context, dim, heads, layers, dropout, qkv bias
        DataLoader loader = DataLoader.builder(new SlidingWindowDataset(tokenizer.encode(text), 32, 32))
                .batchSize(4)
                .shuffle(generator)
                .backend(backend)
                .build();
        try (GPTModel model = new GPTModel(backend, config, generator);
                AdamW optimizer = new AdamW(model.namedParameters(), 0.004, 0.1)) {
            for (int epoch = 0; epoch < 10; epoch++) {
                for (Batch batch : loader) {
                    try (batch;
                            TensorScope step = TensorScope.open()) { // frees the step's activations
                        optimizer.zeroGrad();
                        Tensor loss = LossCalculator.batchLoss(model, batch.input(), batch.target());
                        loss.backward();
                        optimizer.step();
                        System.out.printf("epoch %d loss %.3f%n", epoch + 1, loss.item());
                    }
                }
            }
            int[] ids = new TextGenerator(model)
                    .generate(tokenizer.encode("Every effort"), GenerationConfig.greedy(8), generator, null);
            System.out.println(Arrays.toString(ids) + " " + tokenizer.decode(ids)); // Every effort moves you closer ...
        }
    }
}
