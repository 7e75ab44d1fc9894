package org.llmfromscratch.examples;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SlidingWindowDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llm batches}: the tutorial's {@code create_dataloader_v1} with every knob, and its first batches. */
@Command(
        name = "batches",
        mixinStandardHelpOptions = true,
        description = "Show the data loader's first batches: input and target token ids, windows and batch counts.")
final class BatchesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    SeedOption seedOption;

    @Mixin
    TextOption textOption;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            defaultValue = "8",
            description = "windows per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--max-length",
            paramLabel = "L",
            defaultValue = "4",
            description = "tokens per window (default: ${DEFAULT-VALUE})")
    int maxLength;

    @Option(
            names = "--stride",
            paramLabel = "S",
            defaultValue = "4",
            description = "tokens between window starts (default: ${DEFAULT-VALUE})")
    int stride;

    @Option(
            names = "--shuffle",
            negatable = true,
            defaultValue = "false",
            description = "shuffle windows with --seed (default: --no-shuffle, as the tutorial's first example)")
    boolean shuffle;

    // A negatable option whose default is true needs fallbackValue "true" too: without it picocli sets
    // --drop-last to the opposite of the default (false) and --no-drop-last to true.
    @Option(
            names = "--drop-last",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "drop a last, smaller batch (default: on, as the tutorial)")
    boolean dropLast;

    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "1",
            description = "batches to print (default: ${DEFAULT-VALUE})")
    int show;

    @Override
    public void run() {
        for (Object[] check :
                new Object[][] {{"--batch-size", batchSize}, {"--max-length", maxLength}, {"--stride", stride}}) {
            if ((int) check[1] < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), check[0] + " must be at least 1, got " + check[1]);
            }
        }
        if (show < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--show must be >= 0, got " + show);
        }
        Backend backend = backendOption.backend();
        TextSource text = textOption.load();
        PrintWriter out = spec.commandLine().getOut();
        int[] ids = Gpt2Tokenizer.instance().encode(text.text(), Set.of(Gpt2Tokenizer.END_OF_TEXT));
        SlidingWindowDataset dataset = new SlidingWindowDataset(ids, maxLength, stride);
        DataLoader.Builder builder = DataLoader.builder(dataset)
                .batchSize(batchSize)
                .dropLast(dropLast)
                .backend(backend);
        DataLoader loader = (shuffle ? builder.shuffle(seedOption.seed) : builder.noShuffle()).build();
        out.printf(Locale.ROOT, "Text: %s (%,d tokens)%n", text.name(), ids.length);
        out.printf(
                Locale.ROOT,
                "Windows: %,d  (for i in range(0, %d - %d, %d))%n",
                dataset.size(),
                ids.length,
                maxLength,
                stride);
        out.printf(
                Locale.ROOT,
                "Batches per epoch: %,d  (batch_size=%d, drop_last=%s, shuffle=%s)%n",
                loader.numBatches(),
                batchSize,
                Narration.bool(dropLast),
                shuffle ? "True, seed " + seedOption.seed : "False");
        out.println("Backend: " + backend.name());
        Iterator<Batch> it = loader.iterator();
        for (int i = 0; i < show && it.hasNext(); i++) {
            try (Batch batch = it.next()) {
                out.println();
                out.println("Batch " + i + " inputs:");
                out.println(batch.input());
                out.println("Batch " + i + " targets:");
                out.println(batch.target());
            }
        }
    }
}
