package org.llmfromscratch.consumer;

import java.util.Set;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.data.Gpt2Tokenizer;

/** Tokenizes a sentence and prints its GPTEmbedding forward pass on the java backend, found by ServiceLoader. */
public final class Consumer {
    private Consumer() {
    }

    public static void main(String[] args) {
        Backend backend = Backends.get("java");
        int[] ids = Gpt2Tokenizer.instance().encode("Every effort moves you", Set.of());
        GPTConfig config = GPTConfig.GPT2_124M.withContextLength(ids.length).withEmbeddingDim(8);
        try (GPTEmbedding embedding = new GPTEmbedding(backend, config, 123L);
             TensorScope scope = TensorScope.open()) {
            Tensor x = embedding.forward(backend.tensor(new int[][] {ids}));
            System.out.println("token ids " + java.util.Arrays.toString(ids) + " on " + backend.name() + " (" + backend.device() + ")");
            System.out.println("input embeddings " + x.shape());
            System.out.println(x);
        }
    }
}
