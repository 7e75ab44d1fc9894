package org.llmfromscratch.train;

import java.util.ArrayList;
import java.util.List;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;
import org.llmfromscratch.data.TextSplit;
import org.llmfromscratch.models.gpt.GPTModel;

/** A small run set up as the book's chapter 5, on a short text: model, AdamW, loaders sharing one generator. */
final class TinyRun implements AutoCloseable {
    static final String TEXT = String.join(
            " ",
            java.util.Collections.nCopies(
                    12,
                    "Every effort moves you closer to the lighthouse, where the keeper writes letters to the sea."));
    static final GPTConfig CONFIG = new GPTConfig(50257, 16, 16, 2, 1, 0.1, false);

    final Backend backend = Backends.get("java");
    final Generator generator = new Generator(123);
    final GPTModel model = new GPTModel(backend, CONFIG, generator);
    final AdamW optimizer = new AdamW(model.namedParameters(), 0.004, 0.1);
    final DataLoader train;
    final DataLoader val;
    final Trainer trainer;
    final List<Double> stepLosses = new ArrayList<>();
    final List<TrainingListener.Evaluation> evaluations = new ArrayList<>();
    final List<String> samples = new ArrayList<>();

    TinyRun(int epochs) {
        TextSplit split = TextSplit.of(TEXT, 0.9);
        Gpt2Tokenizer tok = Gpt2Tokenizer.instance();
        train = DataLoader.builder(new SlidingWindowDataset(tok.encode(split.train()), 16, 16))
                .batchSize(2)
                .shuffle(generator)
                .dropLast(true)
                .backend(backend)
                .build();
        val = DataLoader.builder(new SlidingWindowDataset(tok.encode(split.validation()), 16, 16))
                .batchSize(2)
                .generator(generator)
                .dropLast(false)
                .backend(backend)
                .build();
        TrainingConfig cfg =
                new TrainingConfig(epochs, 3, 2, LearningRateSchedule.constant(0.004), 0, "Every effort", 5);
        trainer = new Trainer(model, optimizer, train, val, generator, cfg, tok);
    }

    TrainingListener recorder() {
        return new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, double loss, long tokensSeen, double lr) {
                stepLosses.add(loss);
            }

            @Override
            public void onEvaluation(Evaluation e) {
                evaluations.add(e);
            }

            @Override
            public void onEpochEnd(int epoch, String sample) {
                samples.add(sample);
            }
        };
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
