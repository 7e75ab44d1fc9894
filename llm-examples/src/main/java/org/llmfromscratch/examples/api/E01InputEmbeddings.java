package org.llmfromscratch.examples.api;

import java.util.Set;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;

/** Example 1: text to input embeddings in a few lines, the README's "API in 20 lines". */
public final class E01InputEmbeddings {
    private E01InputEmbeddings() {}

    public static void main(String[] args) {
        String text = "In the beginning the embeddings were random, and the model knew nothing of words. "
                + "Then it read, and read, and every window of four tokens taught it a little more.";
        Backend backend = Backends.get(
                args.length > 0 ? args[0] : "java"); // or Backends.get(): -Dllm.backend, LLM_BACKEND, priority
        GPTConfig config = GPTConfig.GPT2_124M.withContextLength(4).withEmbeddingDim(256);
        int[] ids = Gpt2Tokenizer.instance().encode(text, Set.of("<|endoftext|>"));
        SlidingWindowDataset windows = new SlidingWindowDataset(ids, 4, 4); // max_length 4, stride 4
        DataLoader loader =
                DataLoader.builder(windows).batchSize(8).backend(backend).build();

        try (GPTEmbedding embedding = new GPTEmbedding(backend, config, 123L); // torch.manual_seed(123)
                TensorScope scope = TensorScope.open()) { // closes every tensor below
            Batch batch = loader.iterator().next();
            Tensor x = embedding.forward(batch.input()); // tok_emb(ids) + pos_emb(arange(4))
            System.out.println("inputs  " + batch.input().shape() + " on " + backend.name());
            System.out.println("x       " + x.shape()); // [8, 4, 256]
            System.out.println("x[0, 0, :4] = " + x.select(0, 0).select(0, 0).slice(0, 0, 4));
            System.out.println("parameters: " + embedding.parameterCount()); // 12,866,816
        }
    }
}
