package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.conformance.ReferenceKernels;

/**
 * The multi-threaded paths at the sizes where the default backend takes them (64 K output elements and
 * more: every GPT-2-size forward), compared element for element with the plain-loop reference, and the
 * threshold itself, both ways: tiny work stays on the calling thread unless the threshold is forced to 0.
 */
class ParallelSplitTest {

    @Test
    void theDefaultThresholdKeepsTheTutorialForwardOnOneThreadAndSplitsGpt2() {
        RowSplitter splitter = new RowSplitter(2);
        assertFalse(splitter.splits(4, 8L * 256), "the tutorial's [8, 4] x 256 forward is split by position");
        assertTrue(splitter.splits(1024, 8L * 768), "GPT-2's [8, 1024] x 768 forward");
        assertFalse(splitter.splits(63, 1024), "just under 64 K elements");
        assertTrue(splitter.splits(64, 1024), "exactly 64 K elements");
        assertFalse(new RowSplitter(1).splits(1024, 8L * 768), "one thread never splits");
    }

    @Test
    void aForcedThresholdSplitsTinyWorkIntoDisjointRangesThatCoverEveryRow() {
        RowSplitter forced = new RowSplitter(4, 0);
        assertTrue(forced.splits(2, 1));
        assertEquals(List.of(List.of(0, 10)), ranges(new RowSplitter(4), 10, 1), "default threshold: one range");
        List<List<Integer>> ranges = ranges(forced, 10, 1);
        assertEquals(4, ranges.size(), "one range per thread: " + ranges);
        int next = 0;
        for (List<Integer> r : ranges) {
            assertEquals(next, r.get(0), "ranges " + ranges);
            next = r.get(1);
        }
        assertEquals(10, next, "ranges " + ranges);
    }

    private static List<List<Integer>> ranges(RowSplitter splitter, int rows, long width) {
        List<List<Integer>> ranges = Collections.synchronizedList(new ArrayList<>());
        splitter.forEachRow(rows, width, (from, to) -> ranges.add(List.of(from, to)));
        List<List<Integer>> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
        return sorted;
    }

    @Test
    void gpt2SizeForwardGatherAndBroadcastMatchTheReferenceOnTwoAndThreeThreads() {
        Random r = new Random(21);
        int vocab = 1000;
        int cols = 768;
        int context = 1024;
        float[] tok = gaussians(r, vocab * cols);
        float[] pos = gaussians(r, context * cols);
        // [2, 67] x 768 = 102,912 elements: split by position, 67 positions over 2 or 3 threads do not divide evenly.
        int batch = 2;
        int seq = 67;
        long[] ids = r.longs(batch * seq, 0, vocab).toArray();
        for (int threads : new int[] {2, 3}) {
            JavaKernels kernels = new JavaKernels(threads, EmbedRows.INSTANCE);
            assertTrue(kernels.splitter().splits(seq, (long) batch * cols), "the forward must take the parallel path");
            Backend backend = Backend.of("java-" + threads + "t", kernels);
            String what = threads + " threads, " + EmbedRows.INSTANCE.describe();
            try (TensorScope scope = TensorScope.open()) {
                Tensor idTensor = backend.fromLongs(Shape.of(batch, seq), ids);
                Tensor tokTable = backend.fromFloats(Shape.of(vocab, cols), tok);
                Tensor posTable = backend.fromFloats(Shape.of(context, cols), pos);
                assertArrayEquals(
                        ReferenceKernels.inputEmbedding(tok, pos, cols, ids, seq),
                        Functional.inputEmbedding(idTensor, tokTable, posTable).toFloatArray(),
                        "forward, " + what);
                assertArrayEquals(
                        ReferenceKernels.gatherRows(tok, cols, ids),
                        tokTable.gatherRows(idTensor).toFloatArray(),
                        "gather, " + what);
                float[] a = gaussians(r, batch * seq * cols);
                float[] b = gaussians(r, seq * cols);
                Tensor sum = backend.fromFloats(Shape.of(batch, seq, cols), a)
                        .add(backend.fromFloats(Shape.of(seq, cols), b));
                assertArrayEquals(
                        ReferenceKernels.broadcast(a, new int[] {batch, seq, cols}, b, new int[] {seq, cols}, false),
                        sum.toFloatArray(),
                        "broadcast add, " + what);
            }
        }
    }

    private static float[] gaussians(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
