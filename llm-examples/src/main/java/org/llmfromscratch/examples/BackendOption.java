package org.llmfromscratch.examples;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --backend NAME}: explicit, else -Dllm.backend / LLM_BACKEND, else the pure-Java backend. */
final class BackendOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--backend",
            paramLabel = "NAME",
            description = "java, nd4j, aparapi or djl (default: -Dllm.backend, LLM_BACKEND, else java); "
                    + "'llm backends' lists what is available")
    String name;

    /**
     * The chosen backend. The tool defaults to {@code java} rather than the highest priority: the jar
     * bundles every backend, and a learner's first run should not unpack native libraries.
     */
    Backend backend() {
        String chosen = name != null ? name : Backends.requestedName() != null ? Backends.requestedName() : "java";
        try {
            return Backends.get(chosen);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
