package org.llmfromscratch.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.examples.plot.Heatmap;
import org.llmfromscratch.models.attention.CausalAttention;
import org.llmfromscratch.models.attention.CausalMask;
import org.llmfromscratch.models.attention.MultiHeadAttention;
import org.llmfromscratch.models.attention.MultiHeadAttentionWrapper;
import org.llmfromscratch.models.attention.SelfAttentionV1;
import org.llmfromscratch.models.attention.SelfAttentionV2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm attention}: chapter 3 of the book, sections 3.3 to 3.6, on its six 3-d embeddings of
 * "Your journey starts with one step". The seeds are the book's (123 and 789), so every printed tensor
 * is the one PyTorch prints.
 */
@Command(
        name = "attention",
        mixinStandardHelpOptions = true,
        description =
                "Re-enact chapter 3 (self-attention, causal attention, multi-head attention), printing what PyTorch prints.")
final class AttentionCommand implements Runnable {
    static final float[][] INPUTS = {
        {0.43f, 0.15f, 0.89f},
        {0.55f, 0.87f, 0.66f},
        {0.57f, 0.85f, 0.64f},
        {0.22f, 0.58f, 0.33f},
        {0.77f, 0.25f, 0.10f},
        {0.05f, 0.80f, 0.55f}
    };
    static final String[] WORDS = {"Your", "journey", "starts", "with", "one", "step"};
    static final String WEIGHTS_PNG = "attention-weights.png";
    static final String CAUSAL_PNG = "causal-attention-weights.png";

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Option(
            names = "--plots",
            paramLabel = "DIR",
            description = "also write heatmaps of the 6 x 6 attention weights (plain and causal) to DIR")
    Path plots;

    @Override
    public void run() {
        PlotsDirectory.prepare(spec, plots); // before the chapter, not after it
        Backend backend = backendOption.backend();
        Narration n = new Narration(spec.commandLine().getOut());
        n.say("Backend: " + backend.name() + " (" + backend.device() + ")");
        try (TensorScope scope = TensorScope.open();
                NoGrad off = NoGrad.enter()) {
            Tensor inputs = backend.tensor(INPUTS);
            simpleForOneQuery(n, inputs);
            Tensor plain = simpleForAll(n, inputs);
            selfAttentionV1(n, backend, inputs);
            Tensor causal;
            try (SelfAttentionV2 sa = selfAttentionV2(n, backend, inputs)) {
                causal = causalMask(n, backend, sa, inputs);
            }
            dropout(n, backend, causal);
            Tensor batch = Tensor.cat(List.of(inputs.reshape(1, 6, 3), inputs.reshape(1, 6, 3)), 0);
            causalAttention(n, backend, batch);
            multiHead(n, backend, batch);
            if (plots != null) {
                plots(n, plain, causal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the pictures into " + plots + ": " + WalkthroughPlots.reason(e), e);
        }
    }

    private static void simpleForOneQuery(Narration n, Tensor inputs) {
        n.section("3.3.1 A simple self-attention mechanism without trainable weights");
        n.python("inputs = torch.tensor([[0.43, 0.15, 0.89], [0.55, 0.87, 0.66], [0.57, 0.85, 0.64],"
                + " [0.22, 0.58, 0.33], [0.77, 0.25, 0.10], [0.05, 0.80, 0.55]])");
        n.say("One 3-d embedding per word of \"" + String.join(" ", WORDS)
                + "\". The query is the second, \"journey\":");
        n.python("query = inputs[1]");
        Tensor query = inputs.select(0, 1);
        n.python("attn_scores_2 = torch.tensor([torch.dot(x_i, query) for x_i in inputs])");
        Tensor scores = inputs.matmulTransposed(query.reshape(1, 3)).reshape(6);
        n.tensor(scores);
        n.say("Normalized with the softmax, the attention weights sum to 1:");
        n.python("attn_weights_2 = torch.softmax(attn_scores_2, dim=0)");
        Tensor weights = scores.softmax(0);
        n.tensor(weights);
        n.python("attn_weights_2.sum()");
        n.tensor(weights.sum());
        n.say("The context vector of \"journey\" is the weighted sum of all the inputs:");
        n.python("context_vec_2 = sum(attn_weights_2[i] * x_i for i, x_i in enumerate(inputs))");
        n.tensor(weights.reshape(1, 6).matmul(inputs).reshape(3));
    }

    private static Tensor simpleForAll(Narration n, Tensor inputs) {
        n.section("3.3.2 Computing attention weights for all input tokens");
        n.python("attn_scores = inputs @ inputs.T");
        Tensor scores = inputs.matmulTransposed(inputs);
        n.tensor(scores);
        n.python("attn_weights = torch.softmax(attn_scores, dim=-1)");
        Tensor weights = scores.softmax(-1);
        n.tensor(weights);
        n.python("attn_weights.sum(dim=-1)");
        n.tensor(weights.sum(-1, false));
        n.python("all_context_vecs = attn_weights @ inputs");
        n.tensor(weights.matmul(inputs));
        n.say("Its second row is context_vec_2 above.");
        return weights;
    }

    private static void selfAttentionV1(Narration n, Backend backend, Tensor inputs) {
        n.section("3.4 Self-attention with trainable weights: SelfAttention_v1");
        n.say("Queries, keys and values are projections of the inputs by three trainable [3, 2] matrices.");
        n.python("torch.manual_seed(123)");
        n.python("sa_v1 = SelfAttention_v1(d_in=3, d_out=2)");
        try (SelfAttentionV1 sa = new SelfAttentionV1(backend, 3, 2, new Generator(123))) {
            Tensor wQuery = sa.namedParameters().get("W_query").value();
            n.python("x_2 = inputs[1]; query_2 = x_2 @ sa_v1.W_query");
            n.tensor(inputs.select(0, 1).reshape(1, 3).matmul(wQuery).reshape(2));
            n.say("The scores are scaled by 1 / sqrt(d_k) before the softmax: softmax(Q K^T / sqrt(2)) V.");
            n.python("sa_v1(inputs)");
            n.tensor(sa.forward(inputs));
        }
    }

    private static SelfAttentionV2 selfAttentionV2(Narration n, Backend backend, Tensor inputs) {
        n.section("3.4.2 SelfAttention_v2: nn.Linear projections");
        n.say("nn.Linear draws its weights differently from torch.rand, so the values differ from v1's.");
        n.python("torch.manual_seed(789)");
        n.python("sa_v2 = SelfAttention_v2(d_in=3, d_out=2)");
        SelfAttentionV2 sa = new SelfAttentionV2(backend, 3, 2, false, new Generator(789));
        n.python("sa_v2(inputs)");
        n.tensor(sa.forward(inputs));
        return sa;
    }

    private static Tensor causalMask(Narration n, Backend backend, SelfAttentionV2 sa, Tensor inputs) {
        n.section("3.5.1 Applying a causal attention mask");
        n.python("queries = sa_v2.W_query(inputs); keys = sa_v2.W_key(inputs)");
        Tensor queries = sa.query().forward(inputs);
        Tensor keys = sa.key().forward(inputs);
        n.python("attn_scores = queries @ keys.T");
        Tensor scores = queries.matmulTransposed(keys);
        n.python("attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)");
        Tensor weights = scores.div(Math.sqrt(keys.size(-1))).softmax(-1);
        n.tensor(weights);
        n.say("A word must not attend to the words after it. First way: zero the weights above the diagonal,");
        n.say("then renormalize each row so that it sums to 1 again.");
        n.python("mask_simple = torch.tril(torch.ones(6, 6))");
        Tensor future = CausalMask.of(backend, 6);
        Tensor lower = backend.ones(6, 6).sub(future);
        n.tensor(lower);
        n.python("masked_simple = attn_weights * mask_simple");
        Tensor maskedSimple = weights.mul(lower);
        n.tensor(maskedSimple);
        n.python("masked_simple_norm = masked_simple / masked_simple.sum(dim=-1, keepdim=True)");
        n.tensor(maskedSimple.div(maskedSimple.sum(-1, true)));
        n.say("Second way, as the model does it: fill the scores above the diagonal with -inf; the softmax");
        n.say("turns them into zeros and normalizes the rest in one step. The result is the same.");
        n.python("mask = torch.triu(torch.ones(6, 6), diagonal=1)");
        n.python("masked = attn_scores.masked_fill(mask.bool(), -torch.inf)");
        Tensor masked = scores.maskedFill(future, Double.NEGATIVE_INFINITY);
        n.tensor(masked);
        n.python("attn_weights = torch.softmax(masked / keys.shape[-1]**0.5, dim=1)");
        Tensor causal = masked.div(Math.sqrt(keys.size(-1))).softmax(1);
        n.tensor(causal);
        return causal;
    }

    private static void dropout(Narration n, Backend backend, Tensor causal) {
        n.section("3.5.2 Masking additional attention weights with dropout");
        n.say("In training, dropout zeroes each weight with probability 0.5 and doubles the others (1 / (1 - 0.5)):");
        n.python("torch.manual_seed(123)");
        n.python("dropout = torch.nn.Dropout(0.5)");
        n.python("dropout(torch.ones(6, 6))");
        n.tensor(Functional.dropout(backend.ones(6, 6), 0.5, true, new Generator(123)));
        n.python("torch.manual_seed(123)");
        n.python("dropout(attn_weights)");
        n.tensor(Functional.dropout(causal, 0.5, true, new Generator(123)));
    }

    private static void causalAttention(Narration n, Backend backend, Tensor batch) {
        n.section("3.5.3 A compact causal attention class");
        n.python("batch = torch.stack((inputs, inputs), dim=0)");
        n.python("batch.shape");
        n.say(Narration.size(batch.shape()));
        n.python("torch.manual_seed(123)");
        n.python("ca = CausalAttention(d_in=3, d_out=2, context_length=6, dropout=0.0)");
        try (CausalAttention ca = new CausalAttention(backend, 3, 2, 6, 0.0, false, new Generator(123))) {
            n.python("context_vecs = ca(batch)");
            Tensor out = ca.forward(batch);
            n.tensor(out);
            n.python("context_vecs.shape");
            n.say(Narration.size(out.shape()));
        }
    }

    private static void multiHead(Narration n, Backend backend, Tensor batch) {
        n.section("3.6.1 Stacking multiple single-head attention layers");
        n.python("torch.manual_seed(123)");
        n.python("mha = MultiHeadAttentionWrapper(d_in=3, d_out=2, context_length=6, dropout=0.0, num_heads=2)");
        try (MultiHeadAttentionWrapper mha =
                new MultiHeadAttentionWrapper(backend, 3, 2, 6, 0.0, 2, false, new Generator(123))) {
            n.python("context_vecs = mha(batch)");
            Tensor out = mha.forward(batch);
            n.tensor(out);
            n.python("context_vecs.shape");
            n.say(Narration.size(out.shape()));
            n.say("The first head is the CausalAttention above (same seed): its two columns come first.");
        }
        n.section("3.6.2 Implementing multi-head attention with weight splits");
        n.say("One projection of d_out = 2 split into 2 heads of 1 dimension, merged by an output projection.");
        n.python("torch.manual_seed(123)");
        n.python("mha = MultiHeadAttention(d_in=3, d_out=2, context_length=6, dropout=0.0, num_heads=2)");
        try (MultiHeadAttention mha = new MultiHeadAttention(backend, 3, 2, 6, 0.0, 2, false, new Generator(123))) {
            n.python("context_vecs = mha(batch)");
            Tensor out = mha.forward(batch);
            n.tensor(out);
            n.python("context_vecs.shape");
            n.say(Narration.size(out.shape()));
        }
    }

    private void plots(Narration n, Tensor plain, Tensor causal) throws IOException {
        Path weights = plots.resolve(WEIGHTS_PNG);
        Heatmap.write(
                weights,
                rows(plain),
                "Attention weights: softmax(inputs @ inputs.T), each row sums to 1",
                "key (the word attended to)",
                "query (the word attending)",
                WORDS,
                WORDS);
        Path causalPng = plots.resolve(CAUSAL_PNG);
        Heatmap.write(
                causalPng,
                rows(causal),
                "Causal attention weights of SelfAttention_v2 (zero above the diagonal)",
                "key (the word attended to)",
                "query (the word attending)",
                WORDS,
                WORDS);
        n.section("Pictures");
        n.say("Wrote " + weights);
        n.say("Wrote " + causalPng);
    }

    private static float[][] rows(Tensor matrix) {
        int r = matrix.size(0);
        int c = matrix.size(1);
        float[] flat = matrix.toFloatArray();
        float[][] out = new float[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }
}
