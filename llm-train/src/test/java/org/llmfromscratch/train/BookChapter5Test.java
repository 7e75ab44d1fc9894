package org.llmfromscratch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SharedData;
import org.llmfromscratch.data.SlidingWindowDataset;
import org.llmfromscratch.data.TextSplit;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * The book's chapter 5 on the tutorial's text, GPT-2 124M with context 256 on the java backend: the untrained
 * model's losses (section 5.1) and the first line of {@code train_model_simple}'s log, as PyTorch prints them.
 */
class BookChapter5Test {

    @Test
    void theUntrainedLossesAndTheFirstLogLineAreTheBooks() {
        String text = SharedData.verdictText();
        Backend backend = Backends.get("java");
        Gpt2Tokenizer tok = Gpt2Tokenizer.instance();
        TextSplit split = TextSplit.of(text, 0.9);
        Generator generator = new Generator(123);
        GPTConfig cfg = GPTConfig.GPT2_124M.withContextLength(256);
        try (GPTModel model = new GPTModel(backend, cfg, generator);
                AdamW optimizer = new AdamW(model.namedParameters(), 0.0004, 0.1)) {
            DataLoader train = DataLoader.builder(new SlidingWindowDataset(
                            tok.encode(split.train(), Set.of(Gpt2Tokenizer.END_OF_TEXT)), 256, 256))
                    .batchSize(2)
                    .shuffle(generator)
                    .dropLast(true)
                    .backend(backend)
                    .build();
            DataLoader val = DataLoader.builder(new SlidingWindowDataset(
                            tok.encode(split.validation(), Set.of(Gpt2Tokenizer.END_OF_TEXT)), 256, 256))
                    .batchSize(2)
                    .generator(generator)
                    .dropLast(false)
                    .backend(backend)
                    .build();
            assertEquals(9, train.numBatches());

            // Section 5.1: "Training loss: 10.98758..., Validation loss: 10.98111..." (a model made after its own
            // torch.manual_seed(123), evaluated over every batch): here the same model, with the generator's
            // state put back so the evaluation's loader draws do not shift the training run.
            byte[] state = generator.getState();
            model.eval();
            assertEquals(10.98758, LossCalculator.loaderLoss(model, train, 0), 1e-4);
            assertEquals(10.98111, LossCalculator.loaderLoss(model, val, 0), 1e-4);
            model.train();
            generator.setState(state);

            List<TrainingListener.Evaluation> log = new ArrayList<>();
            Trainer trainer = new Trainer(model, optimizer, train, val, generator, TrainingConfig.bookChapter5(), tok);
            boolean finished = trainer.train(new TrainingListener() {
                @Override
                public void onStep(int epoch, int step, double loss, long tokensSeen, double lr) {
                    trainer.requestStop(); // one step is enough for the first log line
                }

                @Override
                public void onEvaluation(Evaluation e) {
                    log.add(e);
                }
            });
            assertFalse(finished);
            assertEquals(
                    "Ep 1 (Step 000000): Train loss 9.781, Val loss 9.933",
                    log.get(0).line());
        }
    }
}
