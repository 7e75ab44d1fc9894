package org.llmfromscratch.models.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.io.SafeTensors;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * GPT-2 in the Hugging Face {@code model.safetensors} layout: {@code wte.weight}, {@code wpe.weight},
 * {@code h.{i}.ln_1.weight/bias}, {@code h.{i}.attn.c_attn.weight/bias} (query, key and value fused, in
 * Conv1D's {@code [in, out]} orientation), {@code h.{i}.attn.c_proj.*}, {@code h.{i}.ln_2.*},
 * {@code h.{i}.mlp.c_fc.*}, {@code h.{i}.mlp.c_proj.*}, {@code ln_f.*}; names may carry a
 * {@code transformer.} prefix, and the {@code attn.bias}/{@code attn.masked_bias} mask buffers are ignored.
 * The model is the book's {@link GPTModel} with a qkv bias and the output head tied to {@code wte}, as the
 * book's {@code load_weights_into_gpt} builds it.
 *
 * <p>The size comes from the tensors: layers from the {@code h.{i}} count, dim from {@code wte}, context
 * from {@code wpe}, and heads from the dim (GPT-2's heads are 64 wide: 768 → 12, 1024 → 16, 1280 → 20,
 * 1600 → 25).
 */
public final class Gpt2Checkpoint {
    private static final Pattern LAYER = Pattern.compile("h\\.(\\d+)\\..*");

    private Gpt2Checkpoint() {}

    /** Loads a GPT-2 checkpoint onto {@code backend}; heads are {@code dim / 64}. */
    public static GPTModel load(Path file, Backend backend) throws IOException {
        return load(file, backend, 0);
    }

    /**
     * Loads a GPT-2 checkpoint with {@code heads} attention heads (0: {@code dim / 64}, GPT-2's).
     *
     * @throws IllegalArgumentException naming a tensor that is missing or has the wrong shape, or a file
     *     that is not a GPT-2 checkpoint
     */
    public static GPTModel load(Path file, Backend backend, int heads) throws IOException {
        Map<String, Tensor> raw = SafeTensors.read(file, backend);
        Map<String, Tensor> w = new LinkedHashMap<>();
        raw.forEach((k, v) -> w.put(k.startsWith("transformer.") ? k.substring("transformer.".length()) : k, v));
        try {
            Tensor wte = need(w, "wte.weight", file, null);
            Tensor wpe = need(w, "wpe.weight", file, null);
            if (wte.dim() != 2 || wpe.dim() != 2 || wte.size(1) != wpe.size(1)) {
                throw new IllegalArgumentException(file + " is not a GPT-2 checkpoint: wte.weight " + wte.shape()
                        + " and wpe.weight " + wpe.shape() + " must be [vocab, dim] and [context, dim]");
            }
            int dim = wte.size(1);
            TreeSet<Integer> layers = new TreeSet<>();
            for (String k : w.keySet()) {
                Matcher m = LAYER.matcher(k);
                if (m.matches()) {
                    layers.add(Integer.parseInt(m.group(1)));
                }
            }
            if (layers.isEmpty() || layers.last() != layers.size() - 1) {
                throw new IllegalArgumentException(
                        file + " is not a GPT-2 checkpoint: its layers h.{i} are " + layers + ", expected h.0 to h.N");
            }
            int numHeads = heads > 0 ? heads : dim / 64;
            if (numHeads < 1 || dim % numHeads != 0) {
                throw new IllegalArgumentException("cannot infer the attention heads of " + file + " from dim " + dim
                        + " (GPT-2's heads are 64 wide); pass the number of heads");
            }
            GPTConfig cfg = new GPTConfig(wte.size(0), wpe.size(0), dim, numHeads, layers.size(), 0.1, true);
            GPTModel model = GPTModel.tied(backend, cfg, new Generator(0));
            Map<String, Tensor> book = null;
            try {
                book = toBook(w, cfg, file, backend);
                model.loadStateDict(book);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            } finally {
                if (book != null) {
                    book.values().forEach(Tensor::close);
                }
            }
            return model;
        } finally {
            raw.values().forEach(Tensor::close);
        }
    }

    private static Map<String, Tensor> toBook(Map<String, Tensor> w, GPTConfig cfg, Path file, Backend backend) {
        int d = cfg.embeddingDim();
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("tok_emb.weight", need(w, "wte.weight", file, Shape.of(cfg.vocabSize(), d)));
        out.put("pos_emb.weight", need(w, "wpe.weight", file, Shape.of(cfg.contextLength(), d)));
        for (int i = 0; i < cfg.numLayers(); i++) {
            String h = "h." + i + ".";
            String b = "trf_blocks." + i + ".";
            float[] qkv =
                    need(w, h + "attn.c_attn.weight", file, Shape.of(d, 3 * d)).toFloatArray();
            float[] qkvBias =
                    need(w, h + "attn.c_attn.bias", file, Shape.of(3 * d)).toFloatArray();
            String[] names = {"W_query", "W_key", "W_value"};
            for (int p = 0; p < 3; p++) {
                out.put(
                        b + "att." + names[p] + ".weight",
                        backend.adopt(Shape.of(d, d), columnsTransposed(qkv, d, 3 * d, p * d, d)));
                out.put(
                        b + "att." + names[p] + ".bias",
                        backend.adopt(Shape.of(d), java.util.Arrays.copyOfRange(qkvBias, p * d, (p + 1) * d)));
            }
            out.put(
                    b + "att.out_proj.weight",
                    transposed(need(w, h + "attn.c_proj.weight", file, Shape.of(d, d)), backend));
            out.put(b + "att.out_proj.bias", need(w, h + "attn.c_proj.bias", file, Shape.of(d)));
            out.put(
                    b + "ff.layers.0.weight",
                    transposed(need(w, h + "mlp.c_fc.weight", file, Shape.of(d, 4 * d)), backend));
            out.put(b + "ff.layers.0.bias", need(w, h + "mlp.c_fc.bias", file, Shape.of(4 * d)));
            out.put(
                    b + "ff.layers.2.weight",
                    transposed(need(w, h + "mlp.c_proj.weight", file, Shape.of(4 * d, d)), backend));
            out.put(b + "ff.layers.2.bias", need(w, h + "mlp.c_proj.bias", file, Shape.of(d)));
            out.put(b + "norm1.scale", need(w, h + "ln_1.weight", file, Shape.of(d)));
            out.put(b + "norm1.shift", need(w, h + "ln_1.bias", file, Shape.of(d)));
            out.put(b + "norm2.scale", need(w, h + "ln_2.weight", file, Shape.of(d)));
            out.put(b + "norm2.shift", need(w, h + "ln_2.bias", file, Shape.of(d)));
        }
        out.put("final_norm.scale", need(w, "ln_f.weight", file, Shape.of(d)));
        out.put("final_norm.shift", need(w, "ln_f.bias", file, Shape.of(d)));
        return out;
    }

    /**
     * Writes {@code model} (tied, with a qkv bias) in GPT-2's Hugging Face layout, so other tools (and
     * {@link #load}) read it.
     */
    public static void write(GPTModel model, Path file) throws IOException {
        if (!model.isTied() || !model.config().qkvBias()) {
            throw new IllegalArgumentException("GPT-2's layout needs a tied output head and a qkv bias; this model has "
                    + (model.isTied() ? "" : "its own output head ")
                    + (model.config().qkvBias() ? "" : "no qkv bias"));
        }
        GPTConfig cfg = model.config();
        int d = cfg.embeddingDim();
        Backend backend = model.tokenEmbedding().weight().value().backend();
        Map<String, Tensor> p = model.stateDict();
        Map<String, Tensor> out = new LinkedHashMap<>();
        java.util.List<Tensor> made = new java.util.ArrayList<>();
        try {
            out.put("wte.weight", p.get("tok_emb.weight"));
            out.put("wpe.weight", p.get("pos_emb.weight"));
            for (int i = 0; i < cfg.numLayers(); i++) {
                String h = "h." + i + ".";
                String b = "trf_blocks." + i + ".";
                float[] fused = new float[d * 3 * d];
                float[] fusedBias = new float[3 * d];
                String[] names = {"W_query", "W_key", "W_value"};
                for (int q = 0; q < 3; q++) {
                    float[] wt = p.get(b + "att." + names[q] + ".weight").toFloatArray(); // [out, in]
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c < d; c++) {
                            fused[c * 3 * d + q * d + r] = wt[r * d + c];
                        }
                    }
                    System.arraycopy(p.get(b + "att." + names[q] + ".bias").toFloatArray(), 0, fusedBias, q * d, d);
                }
                out.put(h + "attn.c_attn.weight", keep(made, backend.adopt(Shape.of(d, 3 * d), fused)));
                out.put(h + "attn.c_attn.bias", keep(made, backend.adopt(Shape.of(3 * d), fusedBias)));
                out.put(h + "attn.c_proj.weight", keep(made, transposed(p.get(b + "att.out_proj.weight"), backend)));
                out.put(h + "attn.c_proj.bias", p.get(b + "att.out_proj.bias"));
                out.put(h + "mlp.c_fc.weight", keep(made, transposed(p.get(b + "ff.layers.0.weight"), backend)));
                out.put(h + "mlp.c_fc.bias", p.get(b + "ff.layers.0.bias"));
                out.put(h + "mlp.c_proj.weight", keep(made, transposed(p.get(b + "ff.layers.2.weight"), backend)));
                out.put(h + "mlp.c_proj.bias", p.get(b + "ff.layers.2.bias"));
                out.put(h + "ln_1.weight", p.get(b + "norm1.scale"));
                out.put(h + "ln_1.bias", p.get(b + "norm1.shift"));
                out.put(h + "ln_2.weight", p.get(b + "norm2.scale"));
                out.put(h + "ln_2.bias", p.get(b + "norm2.shift"));
            }
            out.put("ln_f.weight", p.get("final_norm.scale"));
            out.put("ln_f.bias", p.get("final_norm.shift"));
            SafeTensors.write(file, out, Map.of("format", "pt"));
        } finally {
            made.forEach(Tensor::close);
        }
    }

    private static Tensor keep(java.util.List<Tensor> made, Tensor t) {
        made.add(t);
        return t;
    }

    private static Tensor need(Map<String, Tensor> w, String name, Path file, Shape shape) {
        Tensor t = w.get(name);
        if (t == null) {
            throw new IllegalArgumentException(file + " has no tensor '" + name + "'; a GPT-2 checkpoint needs it");
        }
        if (shape != null && !t.shape().equals(shape)) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "' of " + file + " has shape " + t.shape() + ", expected " + shape);
        }
        return t;
    }

    private static Tensor transposed(Tensor t, Backend backend) {
        float[] v = t.toFloatArray();
        return backend.adopt(Shape.of(t.size(1), t.size(0)), columnsTransposed(v, t.size(0), t.size(1), 0, t.size(1)));
    }

    /** Columns {@code [from, from + count)} of a row-major {@code [rows, cols]} matrix, transposed to {@code [count, rows]}. */
    private static float[] columnsTransposed(float[] m, int rows, int cols, int from, int count) {
        float[] out = new float[count * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < count; c++) {
                out[c * rows + r] = m[r * cols + from + c];
            }
        }
        return out;
    }
}
