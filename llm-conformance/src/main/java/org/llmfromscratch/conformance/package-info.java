/**
 * The conformance suite: every backend, ours or a third party's, passes the same tests. Subclass
 * {@link org.llmfromscratch.conformance.BackendConformanceSuite}; the contracts it gathers compare the
 * backend with PyTorch's values ({@link org.llmfromscratch.conformance.TorchReference}) and with naive
 * loops ({@link org.llmfromscratch.conformance.ReferenceKernels}).
 */
package org.llmfromscratch.conformance;
