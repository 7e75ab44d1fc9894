package org.llmfromscratch.conformance;

import org.llmfromscratch.api.spi.ArrayKernels;
import org.llmfromscratch.api.spi.Storage;

/**
 * The reference semantics of the SPI's primitives and composites for a backend's differential tests: the
 * plain loops of {@link ArrayKernels} ({@code ArrayPrimitives}) and the {@code Kernels} interface's default
 * composites, exactly what a heap backend gets without overriding anything. The forward-embedding kernels
 * are not part of it (the conformance suite checks those against {@link ReferenceKernels}).
 */
public final class PrimitiveReference extends ArrayKernels {
    @Override
    public String device() {
        return "reference";
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        throw new UnsupportedOperationException("the primitive reference has no gatherRows");
    }

    @Override
    public Storage embed(Storage tok, Storage pos, int cols, Storage ids, int batch, int seq) {
        throw new UnsupportedOperationException("the primitive reference has no embed");
    }

    @Override
    public double sum(Storage storage) {
        throw new UnsupportedOperationException("the primitive reference has no sum");
    }

    @Override
    public double sumOfSquares(Storage storage) {
        throw new UnsupportedOperationException("the primitive reference has no sumOfSquares");
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        throw new UnsupportedOperationException("the primitive reference has no slice");
    }
}
