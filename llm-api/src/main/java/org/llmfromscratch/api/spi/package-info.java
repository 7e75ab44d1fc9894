/**
 * The service-provider interface a compute backend implements: {@link
 * org.llmfromscratch.api.spi.BackendProvider} (found by {@link java.util.ServiceLoader}), {@link
 * org.llmfromscratch.api.spi.Kernels} (the compute primitives) and {@link
 * org.llmfromscratch.api.spi.Storage} (its memory). Users never need this package; backend authors
 * implement it and prove it with the {@code llm-conformance} suite.
 */
package org.llmfromscratch.api.spi;
