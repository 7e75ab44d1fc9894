package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.conformance.BackendConformanceSuite;

/**
 * The whole conformance suite once more with every kernel split across four threads, however small its
 * input (a parallel threshold of 0): the tests' tensors are far below the 64 K elements from which the
 * default backend splits, so without this class the split-by-position forward would be tested only by
 * {@link ParallelSplitTest}'s few large inputs. Surefire runs it with and without the Vector API.
 */
class ForcedSplitConformanceTest extends BackendConformanceSuite {
    private static final Backend BACKEND =
            Backend.of("java-split", new JavaKernels(new RowSplitter(4, 0), EmbedRows.INSTANCE));

    @Override
    public Backend backend() {
        return BACKEND;
    }
}
