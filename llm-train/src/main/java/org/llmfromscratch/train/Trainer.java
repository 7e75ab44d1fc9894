package org.llmfromscratch.train;

import java.util.concurrent.atomic.AtomicBoolean;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.optim.GradClipping;
import org.llmfromscratch.api.optim.Optimizer;
import org.llmfromscratch.api.optim.ParamGroup;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.models.generate.GenerationConfig;
import org.llmfromscratch.models.generate.TextGenerator;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * The book's {@code train_model_simple}: per step zero the gradients, compute the batch's cross-entropy,
 * backward, optimizer step; every {@code evalFreq} steps (from step 0) the mean loss of the first
 * {@code evalIter} batches of the train and validation loaders in evaluation mode without gradients;
 * after each epoch a greedy sample. Appendix D's warm-up, cosine decay and gradient clipping (after the
 * warm-up) are options of the {@link TrainingConfig}.
 *
 * <p>The model, the loaders and the dropout layers share one {@link Generator}, so the run draws the
 * numbers PyTorch draws after {@code torch.manual_seed}. {@link #requestStop()} (Ctrl-C) ends the run after
 * the current step, and {@link #state()} then holds what a {@link TrainingCheckpoint} needs to resume it.
 */
public final class Trainer {
    private final GPTModel model;
    private final Optimizer optimizer;
    private final DataLoader trainLoader;
    private final DataLoader valLoader;
    private final Generator generator;
    private final TrainingConfig config;
    private final Gpt2Tokenizer tokenizer;
    private final AtomicBoolean stop = new AtomicBoolean();
    private TrainingState state = TrainingState.start();

    /** A trainer; {@code generator} is the one the model's dropout and the loaders draw from. */
    public Trainer(
            GPTModel model,
            Optimizer optimizer,
            DataLoader trainLoader,
            DataLoader valLoader,
            Generator generator,
            TrainingConfig config,
            Gpt2Tokenizer tokenizer) {
        this.model = model;
        this.optimizer = optimizer;
        this.trainLoader = trainLoader;
        this.valLoader = valLoader;
        this.generator = generator;
        this.config = config;
        this.tokenizer = tokenizer;
    }

    /** Continue from {@code resumed} (a checkpoint's state) instead of the start. */
    public Trainer resumeFrom(TrainingState resumed) {
        this.state = resumed;
        return this;
    }

    /** Ends the run after the current step (thread-safe: a shutdown hook may call it). */
    public void requestStop() {
        stop.set(true);
    }

    /** Where the run is: enough to resume it (with the generator's state). */
    public TrainingState state() {
        return state;
    }

    /** The shared generator. */
    public Generator generator() {
        return generator;
    }

    /**
     * Runs the remaining epochs; returns true when all of them ran, false when stopped early by
     * {@link #requestStop()} (the state then points at the next step).
     */
    public boolean train(TrainingListener listener) {
        for (int epoch = state.epoch(); epoch < config.epochs(); epoch++) {
            model.train();
            DataLoader.Epoch batches = state.epochOrder() != null
                    ? trainLoader.resume(epoch, state.epochOrder(), state.position())
                    : trainLoader.iterator();
            while (batches.hasNext()) {
                int step = state.step() + 1;
                double lr = config.schedule().at(step);
                for (ParamGroup g : optimizer.paramGroups()) {
                    g.lr(lr);
                }
                double loss;
                long tokens;
                try (Batch batch = batches.next();
                        TensorScope scope = TensorScope.open()) {
                    optimizer.zeroGrad();
                    Tensor l = LossCalculator.batchLoss(model, batch.input(), batch.target());
                    l.backward();
                    if (config.gradClipNorm() > 0 && step > config.schedule().warmupSteps()) {
                        GradClipping.clipGradNorm(model.parameters(), config.gradClipNorm());
                    }
                    optimizer.step();
                    loss = l.item();
                    tokens = batch.input().numel();
                }
                long seen = state.tokensSeen() + tokens;
                state = new TrainingState(epoch, step, seen, batches.order(), batches.position());
                listener.onStep(epoch + 1, step, loss, seen, lr);
                if (step % config.evalFreq() == 0) {
                    listener.onEvaluation(evaluate(epoch + 1, step, seen));
                }
                if (stop.get() && batches.hasNext()) {
                    return false;
                }
            }
            listener.onEpochEnd(epoch + 1, sample());
            state = new TrainingState(epoch + 1, state.step(), state.tokensSeen(), null, 0);
            if (stop.get() && epoch + 1 < config.epochs()) {
                return false;
            }
        }
        return true;
    }

    /** The book's {@code evaluate_model}: both losses in evaluation mode, then back to training mode. */
    public TrainingListener.Evaluation evaluate(int epoch, int step, long tokensSeen) {
        model.eval();
        try {
            double train = LossCalculator.loaderLoss(model, trainLoader, config.evalIter());
            double val = LossCalculator.loaderLoss(model, valLoader, config.evalIter());
            return new TrainingListener.Evaluation(epoch, step, train, val, tokensSeen);
        } finally {
            model.train();
        }
    }

    /** The book's {@code generate_and_print_sample}: greedy tokens after the start context, newlines as spaces. */
    public String sample() {
        int[] start = tokenizer.encode(config.startContext(), java.util.Set.of(Gpt2Tokenizer.END_OF_TEXT));
        int[] ids = new TextGenerator(model)
                .generate(
                        TextGenerator.lastTokens(start, model.config().contextLength()),
                        GenerationConfig.greedy(config.sampleTokens()),
                        generator,
                        null);
        return tokenizer.decode(ids).replace("\n", " ");
    }
}
