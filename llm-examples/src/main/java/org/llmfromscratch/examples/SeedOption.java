package org.llmfromscratch.examples;

import picocli.CommandLine.Option;

/** {@code --seed N}: the {@code torch.manual_seed} of the run. */
final class SeedOption {
    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "123",
            description = "random seed, like torch.manual_seed (default: ${DEFAULT-VALUE}, the tutorial's)")
    long seed;
}
