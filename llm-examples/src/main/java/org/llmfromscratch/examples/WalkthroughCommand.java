package org.llmfromscratch.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm walkthrough}: the embedding-layer notebook, section by section, on the chosen backend.
 * With seed 123 every printed value is the one PyTorch prints for the same step.
 */
@Command(
        name = "walkthrough",
        mixinStandardHelpOptions = true,
        description = "Re-enact the tutorial's token and positional embedding steps, printing what PyTorch prints.")
final class WalkthroughCommand implements Runnable {
    static final int VOCAB = 50257;
    static final int OUTPUT_DIM = 256;
    static final int CONTEXT = 4;
    static final int BATCH = 8;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    SeedOption seedOption;

    @Mixin
    TextOption textOption;

    @Option(names = "--plots", paramLabel = "DIR", description = "also write PNG pictures of the embeddings to DIR")
    Path plots;

    @Override
    public void run() {
        PlotsDirectory.prepare(spec, plots); // before the walkthrough, not after it
        Backend backend = backendOption.backend();
        TextSource text = textOption.load();
        long seed = seedOption.seed;
        Narration n = new Narration(spec.commandLine().getOut());
        try (TensorScope scope = TensorScope.open()) {
            configuration(n, backend, seed, text);
            Generator generator = new Generator(seed);
            Embedding tokenLayer = Progress.during(
                    "building the 50257 x 256 token table", () -> new Embedding(backend, VOCAB, OUTPUT_DIM, generator));
            Embedding posLayer = null;
            try {
                tokenLayer(n, tokenLayer, seed);
                Batch batch = firstBatch(n, backend, text);
                Tensor tokenEmbeddings = tokenEmbeddings(n, tokenLayer, batch);
                posLayer = new Embedding(backend, CONTEXT, OUTPUT_DIM, generator);
                Tensor posEmbeddings = positions(n, posLayer, backend);
                Tensor inputEmbeddings = broadcastSum(n, tokenEmbeddings, posEmbeddings);
                lookupEquivalence(n, backend, seed);
                try (GPTEmbedding module = new GPTEmbedding(tokenLayer, posLayer)) {
                    tokenLayer = null;
                    posLayer = null;
                    gptModule(n, module, batch, inputEmbeddings);
                }
                if (plots != null) {
                    WalkthroughPlots.write(plots, n, batch, tokenEmbeddings, posEmbeddings, inputEmbeddings);
                }
            } finally {
                if (tokenLayer != null) {
                    tokenLayer.close();
                }
                if (posLayer != null) {
                    posLayer.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the pictures into " + plots + ": " + WalkthroughPlots.reason(e), e);
        }
    }

    private static void configuration(Narration n, Backend backend, long seed, TextSource text) {
        n.section("Configuration");
        GPTConfig c = GPTConfig.GPT2_124M;
        n.printf(
                "GPT_CONFIG_124M = {vocab_size: %d, context_length: %d, emb_dim: %d, n_heads: %d, n_layers: %d,"
                        + " drop_rate: %.1f, qkv_bias: %s}%n",
                c.vocabSize(),
                c.contextLength(),
                c.embeddingDim(),
                c.numHeads(),
                c.numLayers(),
                c.dropRate(),
                Narration.bool(c.qkvBias()));
        n.printf(
                "This chapter uses a smaller setting: output_dim = %d, max_length = context_length = %d, batch_size = %d%n",
                OUTPUT_DIM, CONTEXT, BATCH);
        n.say("Backend: " + backend.name() + " (" + backend.device() + ")");
        n.say("Seed: " + seed + (seed == 123 ? " (the tutorial's, so every value below is PyTorch's)" : ""));
        n.say("Text: " + text.name());
    }

    private static void tokenLayer(Narration n, Embedding layer, long seed) {
        n.section("The token-embedding layer");
        n.python("torch.manual_seed(" + seed + ")");
        n.python("token_embedding_layer = torch.nn.Embedding(vocab_size=" + VOCAB + ", output_dim=" + OUTPUT_DIM + ")");
        n.python("token_embedding_layer.weight.shape");
        n.say(Narration.size(layer.weight().value().shape()));
        n.python("sum(p.numel() for p in token_embedding_layer.parameters())");
        n.printf("%,d  (= %d x %d)%n", layer.parameterCount(), VOCAB, OUTPUT_DIM);
        n.say("");
        n.say("Each row is one token id's vector. The rows of token ids 0, 1 and 2 (first 10 values):");
        n.python("token_embedding_layer.weight[:3, :10]");
        try (TensorScope scope = TensorScope.open()) {
            n.tensor(layer.weight().value().slice(0, 0, 3).slice(1, 0, 10));
        }
    }

    private static Batch firstBatch(Narration n, Backend backend, TextSource text) {
        n.section("The first batch of the data loader");
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
        int[] ids = tokenizer.encode(text.text(), Set.of(Gpt2Tokenizer.END_OF_TEXT));
        n.printf(
                "The text has %,d characters and %,d GPT-2 tokens.%n",
                text.text().length(), ids.length);
        n.python("dataloader = create_dataloader_v1(raw_text, batch_size=8, max_length=4, stride=4, shuffle=False)");
        SlidingWindowDataset dataset = new SlidingWindowDataset(ids, CONTEXT, CONTEXT);
        DataLoader loader = DataLoader.builder(dataset)
                .batchSize(BATCH)
                .noShuffle()
                .backend(backend)
                .build();
        n.printf("(%,d windows of 4 tokens, %,d batches of 8)%n", dataset.size(), loader.numBatches());
        n.python("inputs, targets = next(iter(dataloader))");
        Batch batch = loader.iterator().next();
        n.python("print(\"Token IDs:\\n\", inputs)");
        n.tensor(batch.input());
        n.python("print(\"Targets:\\n\", targets)");
        n.tensor(batch.target());
        n.say("Each target row is its input row shifted by one token: the next token to predict.");
        return batch;
    }

    private static Tensor tokenEmbeddings(Narration n, Embedding layer, Batch batch) {
        n.section("Token embeddings of the batch");
        n.python("token_embeddings = token_embedding_layer(inputs)");
        Tensor emb = layer.forward(batch.input());
        n.python("token_embeddings.shape");
        n.say(Narration.size(emb.shape()));
        n.say("");
        n.say("Are the embeddings of the first two tokens equal? They are different tokens, so no:");
        try (TensorScope scope = TensorScope.open()) {
            Tensor a = emb.select(0, 0).select(0, 0);
            Tensor b = emb.select(0, 0).select(0, 1);
            n.python("torch.equal(token_embeddings[0, 0], token_embeddings[0, 1])");
            n.say(Narration.bool(a.equal(b)));
            n.python("torch.norm(token_embeddings[0, 0] - token_embeddings[0, 1])");
            n.tensor(a.sub(b).norm());
        }
        return emb;
    }

    private static Tensor positions(Narration n, Embedding posLayer, Backend backend) {
        n.section("The positional-embedding layer");
        n.python("pos_embedding_layer = torch.nn.Embedding(context_length=" + CONTEXT + ", output_dim=" + OUTPUT_DIM
                + ")");
        n.python("pos_embeddings = pos_embedding_layer(torch.arange(" + CONTEXT + "))");
        Tensor pos = posLayer.forward(backend.arange(CONTEXT));
        n.python("pos_embeddings.shape");
        n.say(Narration.size(pos.shape()));
        n.python("pos_embeddings[:, :10]");
        try (TensorScope scope = TensorScope.open()) {
            n.tensor(pos.slice(1, 0, 10));
            n.say("Position 0 and position 1 get different vectors, whatever the token:");
            n.python("torch.norm(pos_embeddings[0] - pos_embeddings[1])");
            n.tensor(pos.select(0, 0).sub(pos.select(0, 1)).norm());
        }
        return pos;
    }

    private static Tensor broadcastSum(Narration n, Tensor tok, Tensor pos) {
        n.section("Adding them: broadcasting [8, 4, 256] + [4, 256]");
        n.python("input_embeddings = token_embeddings + pos_embeddings");
        Tensor sum = tok.add(pos);
        n.python("input_embeddings.shape");
        n.say(Narration.size(sum.shape()));
        try (TensorScope scope = TensorScope.open()) {
            n.python("torch.allclose(input_embeddings[3, 2], token_embeddings[3, 2] + pos_embeddings[2])");
            Tensor one = sum.select(0, 3).select(0, 2);
            n.say(Narration.bool(one.allClose(tok.select(0, 3).select(0, 2).add(pos.select(0, 2)))));
            n.say("Every sequence of the batch received the same positional rows:");
            n.python(
                    "all(torch.allclose(input_embeddings[b] - token_embeddings[b], pos_embeddings) for b in range(8))");
            boolean all = true;
            for (int b = 0; b < tok.size(0); b++) {
                all &= sum.select(0, b).sub(tok.select(0, b)).allClose(pos, 1e-5, 1e-6);
            }
            n.say(Narration.bool(all));
        }
        return sum;
    }

    private static void lookupEquivalence(Narration n, Backend backend, long seed) {
        n.section("An embedding layer is a lookup: the 6 x 3 example");
        n.python("torch.manual_seed(" + seed + ")");
        n.python("embedding_layer = torch.nn.Embedding(6, 3)");
        try (TensorScope scope = TensorScope.open();
                Embedding small = new Embedding(backend, 6, 3, seed)) {
            n.python("embedding_layer.weight");
            n.say("Parameter containing:");
            n.tensor(small.weight().value());
            n.python("input_ids = torch.tensor([2, 3, 5, 1])");
            Tensor ids = backend.tensor(new long[] {2, 3, 5, 1});
            n.python("embedding_layer(input_ids)");
            Tensor looked = small.forward(ids);
            n.tensor(looked);
            n.python("torch.equal(embedding_layer(input_ids), embedding_layer.weight[input_ids])");
            n.say(Narration.bool(looked.equal(small.weight().value().gatherRows(ids))));
        }
    }

    private static void gptModule(Narration n, GPTEmbedding module, Batch batch, Tensor manual) {
        n.section("The GPTEmbedding module");
        n.say("The module owns both layers: tok_emb and pos_emb. Built on the very layers above, so that its");
        n.say("output can be compared with the manual sum (the notebook builds fresh layers, which differ).");
        n.say(module.toString());
        n.python("sum(p.numel() for p in model.parameters())");
        n.printf("%,d  (= 50257 x 256 + 4 x 256)%n", module.parameterCount());
        try (TensorScope scope = TensorScope.open()) {
            Tensor x = module.forward(batch.input());
            n.python("x = model(inputs); x.shape");
            n.say(Narration.size(x.shape()));
            n.python("torch.equal(x, input_embeddings)");
            n.say(Narration.bool(x.equal(manual)));
        }
    }
}
