package org.llmfromscratch.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GELU;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.LayerNorm;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.ModuleList;
import org.llmfromscratch.api.nn.ReLU;
import org.llmfromscratch.api.nn.Sequential;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.examples.plot.LinePlot;
import org.llmfromscratch.models.generate.GenerationConfig;
import org.llmfromscratch.models.generate.TextGenerator;
import org.llmfromscratch.models.gpt.GPTModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm gpt}: chapter 4 of the book: layer normalization, GELU, shortcut connections, the GPT-2 124M
 * model (parameters, memory, first logits) and its untrained generation. With the default seed 123 every
 * printed value is the one PyTorch prints; {@code --small} swaps the 124M configuration for a tiny one
 * (same vocabulary), for a run of a second.
 */
@Command(
        name = "gpt",
        mixinStandardHelpOptions = true,
        description = "Re-enact chapter 4 (layer norm, GELU, shortcuts, the GPT-2 124M model and its first generation),"
                + " printing what PyTorch prints.")
final class GptCommand implements Runnable {
    /** The quick configuration of {@code --small}: GPT-2's vocabulary, 2 layers of 32 dimensions. */
    static final GPTConfig SMALL = new GPTConfig(50257, 16, 32, 2, 2, 0.1, false);

    static final String ACTIVATIONS_PNG = "gelu-relu.png";

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    SeedOption seedOption;

    @Option(names = "--plots", paramLabel = "DIR", description = "also write a plot of GELU and ReLU on [-3, 3] to DIR")
    Path plots;

    @Option(
            names = "--small",
            description = "a tiny GPT (2 layers, 32 dimensions, context 16) instead of GPT-2 124M:"
                    + " quick, but its logits and tokens are not the book's")
    boolean small;

    @Override
    public void run() {
        PlotsDirectory.prepare(spec, plots); // before the chapter, not after it
        Backend backend = backendOption.backend();
        long seed = seedOption.seed;
        GPTConfig cfg = small ? SMALL : GPTConfig.GPT2_124M;
        Narration n = new Narration(spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        n.say("Backend: " + backend.name() + " (" + backend.device() + ")");
        n.say("Seed: " + seed + (seed == 123 ? " (the book's, so the values below are PyTorch's)" : ""));
        try (TensorScope scope = TensorScope.open()) {
            try (NoGrad off = NoGrad.enter()) {
                layerNorm(n, backend, seed);
                activations(n, backend);
            }
            shortcuts(n, backend, seed);
            try (NoGrad off = NoGrad.enter()) {
                gpt(n, err, backend, cfg, seed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the pictures into " + plots + ": " + WalkthroughPlots.reason(e), e);
        }
    }

    private static void layerNorm(Narration n, Backend backend, long seed) {
        n.section("4.2 Normalizing activations with layer normalization");
        n.python("torch.manual_seed(" + seed + ")");
        Generator g = new Generator(seed);
        n.python("batch_example = torch.randn(2, 5)");
        Tensor batch = backend.randn(g, 2, 5);
        n.python("layer = nn.Sequential(nn.Linear(5, 6), nn.ReLU())");
        try (Sequential layer = new Sequential(new Linear(backend, 5, 6, true, g), new ReLU());
                LayerNorm ln = new LayerNorm(backend, 5)) {
            n.python("out = layer(batch_example)");
            Tensor out = layer.forward(batch);
            n.tensor(out);
            n.python("mean = out.mean(dim=-1, keepdim=True); var = out.var(dim=-1, keepdim=True)");
            meanAndVar(n, out, true);
            n.say("Subtract the mean and divide by the standard deviation: each row gets mean 0 and variance 1.");
            n.python("out_norm = (out - mean) / torch.sqrt(var)");
            Tensor mean = out.mean(-1, true);
            Tensor norm = out.sub(mean).div(variance(out, true).sqrt());
            n.tensor(norm);
            meanAndVar(n, norm, true);
            n.say("The LayerNorm module does the same (biased variance, eps = 1e-5), then scales and shifts:");
            n.python("ln = LayerNorm(emb_dim=5)");
            n.python("out_ln = ln(batch_example)");
            Tensor outLn = ln.forward(batch);
            n.python(
                    "mean = out_ln.mean(dim=-1, keepdim=True); var = out_ln.var(dim=-1, unbiased=False, keepdim=True)");
            meanAndVar(n, outLn, false);
        }
    }

    private static void meanAndVar(Narration n, Tensor t, boolean unbiased) {
        n.say("Mean:");
        n.tensor(t.mean(-1, true));
        n.say("Variance:");
        n.tensor(variance(t, unbiased));
    }

    /** {@code t.var(dim=-1, keepdim=True, unbiased=...)}. */
    private static Tensor variance(Tensor t, boolean unbiased) {
        int count = t.size(-1);
        Tensor centred = t.sub(t.mean(-1, true));
        return centred.mul(centred).sum(-1, true).div(unbiased ? count - 1 : count);
    }

    private void activations(Narration n, Backend backend) throws IOException {
        n.section("4.3 A feed-forward network with GELU activations");
        n.say("GELU(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): smooth, and slightly negative below 0,");
        n.say("where ReLU is exactly 0.");
        n.python("gelu, relu = GELU(), nn.ReLU()");
        n.python("x = torch.tensor([-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0])");
        Tensor x = backend.tensor(new float[] {-3f, -2f, -1f, -0.5f, 0f, 0.5f, 1f, 2f, 3f});
        GELU gelu = new GELU();
        ReLU relu = new ReLU();
        n.python("gelu(x)");
        n.tensor(gelu.forward(x));
        n.python("relu(x)");
        n.tensor(relu.forward(x));
        if (plots != null) {
            int points = 100;
            float[] grid = new float[points];
            for (int i = 0; i < points; i++) {
                grid[i] = (float) (-3 + 6.0 * i / (points - 1)); // torch.linspace(-3, 3, 100)
            }
            Tensor xs = backend.tensor(grid);
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("GELU", gelu.forward(xs).toDoubleArray());
            series.put("ReLU", relu.forward(xs).toDoubleArray());
            Path png = plots.resolve(ACTIVATIONS_PNG);
            LinePlot.write(png, "GELU and ReLU activation functions", "x", "activation", xs.toDoubleArray(), series);
            n.python("x = torch.linspace(-3, 3, 100); plt.plot(x, gelu(x)); plt.plot(x, relu(x))");
            n.say("Wrote " + png);
        }
    }

    /** The book's {@code ExampleDeepNeuralNetwork}: five {@code Sequential(Linear, GELU)} layers, sizes [3, 3, 3, 3, 3, 1]. */
    private static void shortcuts(Narration n, Backend backend, long seed) {
        n.section("4.4 Adding shortcut connections");
        n.say("Five layers of Linear + GELU; the loss's gradients shrink layer after layer towards the input");
        n.say("(vanishing gradients) unless each layer's input is added to its output.");
        n.python("layer_sizes = [3, 3, 3, 3, 3, 1]");
        n.python("sample_input = torch.tensor([[1., 0., -1.]])");
        for (boolean shortcut : new boolean[] {false, true}) {
            String name = shortcut ? "model_with_shortcut" : "model_without_shortcut";
            n.python("torch.manual_seed(" + seed + ")");
            n.python(name + " = ExampleDeepNeuralNetwork(layer_sizes, use_shortcut=" + Narration.bool(shortcut) + ")");
            n.python("print_gradients(" + name + ", sample_input)");
            int[] sizes = {3, 3, 3, 3, 3, 1};
            Generator g = new Generator(seed);
            try (TensorScope scope = TensorScope.open();
                    ModuleList<Sequential> layers = new ModuleList<>()) {
                for (int i = 0; i < 5; i++) {
                    layers.add(new Sequential(new Linear(backend, sizes[i], sizes[i + 1], true, g), new GELU()));
                }
                Tensor x = backend.tensor(new float[][] {{1, 0, -1}});
                for (Sequential layer : layers.modules()) {
                    Tensor out = layer.forward(x);
                    x = shortcut && out.shape().equals(x.shape()) ? x.add(out) : out;
                }
                Functional.mseLoss(x, backend.tensor(new float[][] {{0}})).backward();
                layers.namedParameters().forEach((param, p) -> {
                    if (param.endsWith("weight")) {
                        n.say("layers." + param + " has gradient mean of "
                                + python(p.grad().abs().mean().item()));
                    }
                });
            }
        }
        n.say("With shortcuts the first layer's gradient is about a thousand times larger: it still learns.");
    }

    /** A float32 value as Python prints {@code tensor.item()}: the shortest repr, never in E-notation below 1e16. */
    static String python(double v) {
        String s = new BigDecimal(Double.toString(v)).toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** Token ids as PyTorch's default integer type, int64, so that they print without a dtype. */
    private static long[] longs(int[] ids) {
        return Arrays.stream(ids).asLongStream().toArray();
    }

    private static void gpt(Narration n, PrintWriter err, Backend backend, GPTConfig cfg, long seed) {
        String cfgName = cfg == SMALL ? "GPT_CONFIG_SMALL" : "GPT_CONFIG_124M";
        n.section("4.6 Coding the GPT model");
        n.printf(
                "%s = {vocab_size: %d, context_length: %d, emb_dim: %d, n_heads: %d, n_layers: %d, drop_rate: %.1f,"
                        + " qkv_bias: %s}%n",
                cfgName,
                cfg.vocabSize(),
                cfg.contextLength(),
                cfg.embeddingDim(),
                cfg.numHeads(),
                cfg.numLayers(),
                cfg.dropRate(),
                Narration.bool(cfg.qkvBias()));
        if (cfg == SMALL) {
            n.say("(--small: a tiny model; the logits and tokens below are not the book's, which are GPT-2 124M's)");
        }
        Gpt2Tokenizer tokenizer = Gpt2Tokenizer.instance();
        n.python("txt1 = \"Every effort moves you\"; txt2 = \"Every day holds a\"");
        n.python("batch = torch.stack([torch.tensor(tokenizer.encode(txt1)), torch.tensor(tokenizer.encode(txt2))])");
        Tensor batch = backend.tensor(new long[][] {
            longs(tokenizer.encode("Every effort moves you", Set.of())),
            longs(tokenizer.encode("Every day holds a", Set.of()))
        });
        n.tensor(batch);
        n.python("torch.manual_seed(" + seed + ")");
        n.python("model = GPTModel(" + cfgName + ")");
        Generator g = new Generator(seed);
        if (cfg != SMALL) {
            err.println("Building GPT-2 124M: 163 million weights drawn from the generator (about 10-20 s)...");
            err.flush();
        }
        try (GPTModel model = Progress.during("building the model", () -> new GPTModel(backend, cfg, g))) {
            n.say("(training mode, as a freshly built nn.Module: dropout draws its masks from the same generator)");
            n.python("out = model(batch)");
            if (cfg != SMALL) {
                err.println("Running the forward pass of 2 x 4 tokens through 12 blocks and the 50257-way head...");
                err.flush();
            }
            Tensor out = Progress.during("forward pass", () -> model.forward(batch));
            n.python("out.shape");
            n.say(Narration.size(out.shape()));
            n.python("out");
            n.tensor(out);

            long total = model.parameterCount();
            n.python("total_params = sum(p.numel() for p in model.parameters())");
            n.printf("Total number of parameters: %,d%n", total);
            Tensor tok = model.tokenEmbedding().weight().value();
            Tensor head = model.namedParameters().get("out_head.weight").value();
            n.python("model.tok_emb.weight.shape");
            n.say(Narration.size(tok.shape()));
            n.python("model.out_head.weight.shape");
            n.say(Narration.size(head.shape()));
            n.say("GPT-2 ties the output head to the token embeddings (the same matrix), so it has fewer parameters:");
            n.python("total_params - sum(p.numel() for p in model.out_head.parameters())");
            n.printf("Number of trainable parameters considering weight tying: %,d%n", total - head.numel());
            n.python("total_params * 4 / (1024 * 1024)  # float32: 4 bytes each");
            n.printf("Total size of the model: %.2f MB%n", total * 4.0 / (1024 * 1024));

            n.section("4.7 Generating text");
            String start = "Hello, I am";
            int[] encoded = tokenizer.encode(start, Set.of());
            n.python("encoded = tokenizer.encode(\"" + start + "\")");
            n.say(Arrays.stream(encoded).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]")));
            n.python("model.eval()");
            n.python("out = generate_text_simple(model, torch.tensor(encoded).unsqueeze(0), max_new_tokens=6,"
                    + " context_size=" + cfg.contextLength() + ")");
            if (cfg != SMALL) {
                err.println("Generating 6 tokens greedily...");
                err.flush();
            }
            int[] ids = Progress.during("generating", () -> new TextGenerator(model)
                    .generate(encoded, GenerationConfig.greedy(6), new Generator(seed), null));
            n.tensor(backend.tensor(new long[][] {longs(ids)}));
            n.python("len(out[0])");
            n.say(Integer.toString(ids.length));
            n.python("tokenizer.decode(out.squeeze(0).tolist())");
            n.say(tokenizer.decode(ids));
            n.say("Gibberish: the model is untrained. Chapter 5 trains it.");
        }
    }
}
