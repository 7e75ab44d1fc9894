/**
 * {@code llm.jar}, the tutorial as a command-line tool: {@link org.llmfromscratch.examples.LlmCli} and its
 * commands ({@code walkthrough}, {@code tokenize}, {@code batches}, {@code backends}), built on picocli.
 */
package org.llmfromscratch.examples;
