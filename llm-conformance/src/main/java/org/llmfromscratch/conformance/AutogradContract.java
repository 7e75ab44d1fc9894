package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.optim.SGD;

/** The autograd semantics PyTorch users rely on: accumulation, no_grad, detach, freed graphs, clear errors. */
public interface AutogradContract extends ConformanceFixture {

    @Test
    default void backwardFillsTheGradientOfEveryLeafThatRequiresIt() {
        Tensor x = backend().tensor(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor c = backend().tensor(new float[] {4, 5, 6});
        x.mul(c).sum().backward();
        assertArrayEquals(new float[] {4, 5, 6}, x.grad().toFloatArray());
        assertNull(c.grad());
        assertFalse(c.requiresGrad());
    }

    @Test
    default void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        x.mul(x).sum().backward();
        x.mul(3).sum().backward();
        assertArrayEquals(new float[] {5, 7}, x.grad().toFloatArray());
        x.zeroGrad(false);
        assertArrayEquals(new float[] {0, 0}, x.grad().toFloatArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    default void aTensorUsedTwiceGetsTheSumOfBothPaths() {
        Tensor x = backend().tensor(new float[] {2}).requiresGrad(true);
        Tensor y = x.mul(x).add(x.mul(3));
        y.sum().backward();
        assertArrayEquals(new float[] {7}, x.grad().toFloatArray());
    }

    @Test
    default void noGradRecordsNothing() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        try (NoGrad off = NoGrad.enter()) {
            Tensor y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFnName());
        }
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    default void detachStopsTheGradient() {
        Tensor x = backend().tensor(new float[] {3}).requiresGrad(true);
        Tensor y = x.mul(x.detach());
        y.sum().backward();
        assertArrayEquals(new float[] {3}, x.grad().toFloatArray());
    }

    @Test
    default void aSecondBackwardThroughAFreedGraphIsAnError() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.backward();
        assertFailsWith(IllegalStateException.class, loss::backward, "backward through the graph a second time");
    }

    @Test
    default void aRetainedGraphCanRunBackwardTwice() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor loss = x.exp().sum();
        Tensor one = backend().scalar(1f);
        loss.backward(one, true);
        loss.backward(one, false);
        assertValues(new double[] {2 * Math.exp(1), 2 * Math.exp(2)}, x.grad(), 1e-5);
    }

    @Test
    default void theGraphSurvivesTheScopeThatCreatedItsIntermediates() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor loss;
        try (TensorScope scope = TensorScope.open()) {
            Tensor h = x.exp();
            loss = scope.keep(h.mul(h).sum());
        }
        loss.backward();
        assertValues(new double[] {2 * Math.exp(2), 2 * Math.exp(4)}, x.grad(), 1e-4);
    }

    @Test
    default void backwardOfANonScalarNeedsAGradient() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2);
        assertFailsWith(IllegalArgumentException.class, y::backward, "scalar outputs", "[2]");
        y.backward(backend().tensor(new float[] {1, 10}));
        assertArrayEquals(new float[] {2, 20}, x.grad().toFloatArray());
    }

    @Test
    default void backwardOfATensorThatDoesNotRequireGradIsAnError() {
        Tensor y = backend().tensor(new float[] {1, 2}).sum();
        assertFailsWith(IllegalArgumentException.class, y::backward, "does not require grad");
    }

    @Test
    default void aParameterChangedAfterTheForwardRefusesBackward() {
        try (Linear lin = new Linear(backend(), 2, 1, false, new Generator(1))) {
            // The input requires grad, so the weight is saved for the input's gradient (as PyTorch's mm saves it).
            Tensor loss = lin.forward(backend().tensor(new float[][] {{1, 2}}).requiresGrad(true))
                    .sum();
            loss.backward(backend().scalar(1f), true);
            SGD sgd = new SGD(lin.namedParameters(), 0.1);
            sgd.step();
            assertFailsWith(IllegalStateException.class, loss::backward, "modified in place");
        }
    }

    @Test
    default void frozenParametersGetNoGradient() {
        Tensor table = backend().fromFloats(Shape.of(3, 2), new float[] {1, 2, 3, 4, 5, 6});
        try (Embedding frozen = Embedding.fromPretrained(table, true)) {
            Tensor out = frozen.forward(backend().tensor(new int[] {0, 2}));
            assertFalse(out.requiresGrad());
            assertNull(frozen.weight().grad());
        }
    }

    @Test
    default void embeddingBackwardScatterAddsRepeatedIds() {
        try (Embedding emb = new Embedding(backend(), 4, 2, new Generator(123))) {
            Tensor out = emb.forward(backend().tensor(new int[][] {{1, 3, 1}}));
            out.mul(backend().fromFloats(Shape.of(1, 3, 2), new float[] {1, 2, 3, 4, 5, 6}))
                    .sum()
                    .backward();
            assertArrayEquals(
                    new float[] {0, 0, 6, 8, 0, 0, 3, 4}, emb.weight().grad().toFloatArray());
        }
    }

    @Test
    default void embeddingBackwardSkipsThePaddingRowAndScalesByFrequency() {
        try (Embedding emb = new Embedding(backend(), 4, 1, 0, new Generator(123)).scaleGradByFreq(true)) {
            emb.forward(backend().tensor(new long[] {0, 2, 2, 3, 2})).sum().backward();
            assertArrayEquals(new float[] {0, 0, 1, 1}, emb.weight().grad().toFloatArray(), 1e-6f);
        }
    }

    @Test
    default void embeddingMaxNormRenormalizesLookedUpRowsInPlace() {
        Tensor table = backend().fromFloats(Shape.of(2, 2), new float[] {3, 4, 0.3f, 0.4f});
        try (Embedding emb = Embedding.fromPretrained(table, false).maxNorm(1.0, 2.0)) {
            Tensor out = emb.forward(backend().tensor(new int[] {0}));
            assertValues(new double[] {0.6, 0.8}, out, 1e-6);
            assertValues(new double[] {0.6, 0.8, 0.3, 0.4}, emb.weight().value(), 1e-6);
        }
    }

    @Test
    default void embeddingGradientIntoAnExistingGradientIsAddedInPlace() {
        try (Embedding emb = new Embedding(backend(), 3, 2, new Generator(5))) {
            Tensor ids = backend().tensor(new int[] {2, 2, 0});
            emb.forward(ids).sum().backward();
            Tensor before = emb.weight().grad();
            emb.forward(ids).sum().backward();
            assertTrue(before == emb.weight().grad());
            assertArrayEquals(
                    new float[] {2, 2, 0, 0, 4, 4}, emb.weight().grad().toFloatArray());
        }
    }

    @Test
    default void gptEmbeddingGivesThePositionalTableTheSumOverTheBatch() {
        try (GPTEmbedding emb = new GPTEmbedding(
                backend(),
                org.llmfromscratch.api.nn.GPTConfig.GPT2_124M
                        .withContextLength(4)
                        .withEmbeddingDim(2),
                123L)) {
            Tensor ids = backend().tensor(new int[][] {{5, 7, 5}, {1, 2, 3}});
            emb.forward(ids).sum().backward();
            Tensor pos = emb.namedParameters().get("pos_emb.weight").grad();
            assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2, 0, 0}, pos.toFloatArray());
            Tensor tok = emb.namedParameters().get("tok_emb.weight").grad();
            assertEquals(Shape.of(50257, 2), tok.shape());
            float[] g = tok.toFloatArray();
            assertArrayEquals(new float[] {2, 2, 1, 1}, new float[] {g[10], g[11], g[14], g[15]});
        }
    }

    @Test
    default void crossEntropyRejectsATargetOutsideTheClasses() {
        Tensor logits = backend().zeros(DType.FLOAT32, 2, 3);
        assertFailsWith(
                IllegalArgumentException.class,
                () -> Functional.crossEntropy(logits, backend().tensor(new long[] {1, 3})),
                "target 3",
                "[0, 3)");
    }

    @Test
    default void matmulOfShapesThatDoNotMultiplyNamesBoth() {
        Tensor a = backend().zeros(DType.FLOAT32, 2, 3);
        Tensor b = backend().zeros(DType.FLOAT32, 4, 5);
        assertFailsWith(IllegalArgumentException.class, () -> a.matmul(b), "[2, 3]", "[4, 5]");
    }

    @Test
    default void closingTheOutputWithoutBackwardFreesTheGraph() {
        Tensor x = backend().tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor loss = x.exp().sum();
        loss.close();
        assertTrue(loss.isClosed());
        assertNull(x.grad());
    }
}
