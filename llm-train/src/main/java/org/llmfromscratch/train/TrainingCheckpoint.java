package org.llmfromscratch.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.io.SafeTensors;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.Optimizer;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * A training run in one safetensors file: the model's parameters ({@code model.<name>}), the optimizer's
 * state ({@code optimizer.<param>.<buffer>}), and in the header's metadata the model's configuration, the
 * step, epoch, tokens seen, the interrupted epoch's window order and position, and the generator's state,
 * so that a resumed run continues with the same losses, bit for bit, on the same backend. A
 * {@code .json} beside it repeats the metadata for people.
 *
 * <p>Saving writes a temporary file in the same directory and renames it over the old checkpoint, so a
 * crash during a save leaves the previous checkpoint as it was.
 */
public final class TrainingCheckpoint {
    /** The metadata value that marks this project's training checkpoints. */
    public static final String FORMAT = "llm-from-scratch-training-1";

    private TrainingCheckpoint() {}

    /** Saves the run atomically to {@code file}. */
    public static void save(Path file, GPTModel model, Optimizer optimizer, TrainingState state, Generator generator)
            throws IOException {
        save(file, model, optimizer, state, generator, () -> {});
    }

    /** {@link #save}, running {@code beforeCommit} after the temporary file is written (tests interrupt there). */
    static void save(
            Path file,
            GPTModel model,
            Optimizer optimizer,
            TrainingState state,
            Generator generator,
            Runnable beforeCommit)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        tensors.putAll(optimizer.stateDict());
        Map<String, String> meta = metadata(model, state, generator);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try {
            SafeTensors.write(tmp, tensors, meta);
            beforeCommit.run();
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.writeString(file.resolveSibling(file.getFileName() + ".json"), json(meta), StandardCharsets.UTF_8);
    }

    private static Map<String, String> metadata(GPTModel model, TrainingState s, Generator generator) {
        GPTConfig c = model.config();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("config.vocab_size", Integer.toString(c.vocabSize()));
        m.put("config.context_length", Integer.toString(c.contextLength()));
        m.put("config.emb_dim", Integer.toString(c.embeddingDim()));
        m.put("config.n_heads", Integer.toString(c.numHeads()));
        m.put("config.n_layers", Integer.toString(c.numLayers()));
        m.put("config.drop_rate", Double.toString(c.dropRate()));
        m.put("config.qkv_bias", Boolean.toString(c.qkvBias()));
        m.put("config.tied_head", Boolean.toString(model.isTied()));
        m.put("backend", model.tokenEmbedding().weight().value().backend().name());
        m.put("training.epoch", Integer.toString(s.epoch()));
        m.put("training.step", Integer.toString(s.step()));
        m.put("training.tokens_seen", Long.toString(s.tokensSeen()));
        m.put("training.position", Integer.toString(s.position()));
        m.put(
                "training.epoch_order",
                s.epochOrder() == null
                        ? ""
                        : Arrays.stream(s.epochOrder())
                                .mapToObj(Integer::toString)
                                .collect(Collectors.joining(",")));
        m.put("training.generator", Base64.getEncoder().encodeToString(generator.getState()));
        return m;
    }

    private static String json(Map<String, String> meta) {
        return meta.entrySet().stream()
                .filter(e -> !e.getKey().equals("training.generator"))
                .map(e -> "  \"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
    }

    /** A checkpoint read back: its configuration, tensors (owned: close it) and training state. */
    public record Loaded(
            GPTConfig config,
            boolean tiedHead,
            String backendName,
            Map<String, Tensor> modelState,
            Map<String, Tensor> optimizerState,
            TrainingState state,
            byte[] generatorState)
            implements AutoCloseable {

        /** A model with this checkpoint's configuration and parameters on {@code backend}. */
        public GPTModel model(Backend backend) {
            GPTModel model = tiedHead
                    ? GPTModel.tied(backend, config, new Generator(0))
                    : new GPTModel(backend, config, new Generator(0));
            try {
                model.loadStateDict(modelState);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return model;
        }

        @Override
        public void close() {
            modelState.values().forEach(Tensor::close);
            optimizerState.values().forEach(Tensor::close);
        }
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws IOException naming the file when it is missing, truncated, corrupt, or not a training checkpoint
     */
    public static Loaded load(Path file, Backend backend) throws IOException {
        Map<String, String> meta = SafeTensors.readMetadata(file);
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(file + " is not a training checkpoint of this project (format "
                    + meta.getOrDefault("format", "none") + ", expected " + FORMAT + ")");
        }
        GPTConfig config;
        TrainingState state;
        byte[] generator;
        try {
            config = new GPTConfig(
                    integer(meta, "config.vocab_size"),
                    integer(meta, "config.context_length"),
                    integer(meta, "config.emb_dim"),
                    integer(meta, "config.n_heads"),
                    integer(meta, "config.n_layers"),
                    Double.parseDouble(meta.get("config.drop_rate")),
                    Boolean.parseBoolean(meta.get("config.qkv_bias")));
            String order = meta.get("training.epoch_order");
            state = new TrainingState(
                    integer(meta, "training.epoch"),
                    integer(meta, "training.step"),
                    Long.parseLong(meta.get("training.tokens_seen")),
                    order == null || order.isEmpty()
                            ? null
                            : Arrays.stream(order.split(","))
                                    .mapToInt(Integer::parseInt)
                                    .toArray(),
                    integer(meta, "training.position"));
            generator = Base64.getDecoder().decode(meta.get("training.generator"));
        } catch (RuntimeException e) {
            throw new IOException(file + " has corrupt training metadata: " + e.getMessage(), e);
        }
        Map<String, Tensor> all = SafeTensors.read(file, backend);
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        all.forEach((k, v) ->
                (k.startsWith("model.") ? model : optimizer).put(k.startsWith("model.") ? k.substring(6) : k, v));
        return new Loaded(
                config,
                Boolean.parseBoolean(meta.get("config.tied_head")),
                meta.get("backend"),
                model,
                optimizer,
                state,
                generator);
    }

    private static int integer(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the key '" + key + "' is missing");
        }
        return Integer.parseInt(v);
    }
}
