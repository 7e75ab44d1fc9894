package org.llmfromscratch.conformance;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.models.attention.CausalAttention;
import org.llmfromscratch.models.attention.CausalMask;
import org.llmfromscratch.models.attention.MultiHeadAttention;
import org.llmfromscratch.models.attention.MultiHeadAttentionWrapper;
import org.llmfromscratch.models.attention.SelfAttentionV1;
import org.llmfromscratch.models.attention.SelfAttentionV2;

/**
 * The book's chapter 3, "Your journey starts with one step" as six 3-d embeddings: each attention module
 * after the book's seed gives the book's numbers (printed by PyTorch 1.13.1; tolerance 2e-6, a few float32
 * roundings of these small sums).
 */
public interface AttentionContract extends ConformanceFixture {
    float[][] INPUTS = {
        {0.43f, 0.15f, 0.89f},
        {0.55f, 0.87f, 0.66f},
        {0.57f, 0.85f, 0.64f},
        {0.22f, 0.58f, 0.33f},
        {0.77f, 0.25f, 0.10f},
        {0.05f, 0.80f, 0.55f}
    };

    private Tensor inputs() {
        return backend().tensor(INPUTS);
    }

    private Tensor batch() {
        return Tensor.cat(List.of(inputs().reshape(1, 6, 3), inputs().reshape(1, 6, 3)), 0);
    }

    @Test
    default void selfAttentionV1GivesTheBooksContextVectors() {
        try (SelfAttentionV1 sa = new SelfAttentionV1(backend(), 3, 2, new Generator(123))) {
            Tensor out = sa.forward(inputs());
            assertValues(new double[] {0.2995820641517639, 0.8053141236305237}, out.select(0, 0), 2e-6);
            assertValues(new double[] {0.2990100383758545, 0.8040367960929871}, out.select(0, 5), 2e-6);
        }
    }

    @Test
    default void selfAttentionV2GivesTheBooksContextVectorsAndWeights() {
        try (SelfAttentionV2 sa = new SelfAttentionV2(backend(), 3, 2, false, new Generator(789))) {
            Tensor out = sa.forward(inputs());
            assertValues(new double[] {-0.07389025390148163, 0.07128989696502686}, out.select(0, 0), 2e-6);
            assertValues(new double[] {-0.0754442885518074, 0.06930491328239441}, out.select(0, 5), 2e-6);
            assertValues(
                    new double[] {
                        0.19212602078914642,
                        0.16464629769325256,
                        0.1651606410741806,
                        0.1549941599369049,
                        0.1721147745847702,
                        0.15095801651477814
                    },
                    sa.attentionWeights(inputs()).select(0, 0),
                    2e-6);
        }
    }

    @Test
    default void causalWeightsAndTheirDropoutAreTheBooks() {
        try (SelfAttentionV2 sa = new SelfAttentionV2(backend(), 3, 2, false, new Generator(789))) {
            Tensor x = inputs();
            Tensor scores = sa.query().forward(x).matmulTransposed(sa.key().forward(x));
            Tensor weights = scores.maskedFill(CausalMask.of(backend(), 6), Double.NEGATIVE_INFINITY)
                    .div(Math.sqrt(2))
                    .softmax(1);
            assertValues(
                    new double[] {0.5516780614852905, 0.44832196831703186, 0, 0, 0, 0}, weights.select(0, 1), 2e-6);
            Tensor dropped = Functional.dropout(weights, 0.5, true, new Generator(123));
            assertValues(new double[] {2, 0, 0, 0, 0, 0}, dropped.select(0, 0), 2e-6);
            assertValues(
                    new double[] {0.7599344849586487, 0.6194270849227905, 0.6206385493278503, 0, 0, 0},
                    dropped.select(0, 2),
                    2e-6);
            assertValues(
                    new double[] {0, 0.33266597986221313, 0.3331361711025238, 0.30837246775627136, 0.333121657371521, 0
                    },
                    dropped.select(0, 5),
                    2e-6);
        }
    }

    @Test
    default void causalAttentionGivesTheBooksOutput() {
        try (CausalAttention ca = new CausalAttention(backend(), 3, 2, 6, 0.0, false, new Generator(123))) {
            Tensor out = ca.forward(batch());
            assertValues(
                    new double[] {-0.4519202709197998, 0.22160479426383972},
                    out.select(0, 0).select(0, 0),
                    2e-6);
            assertValues(
                    new double[] {-0.5299009084701538, -0.10806762427091599},
                    out.select(0, 1).select(0, 5),
                    2e-6);
        }
    }

    @Test
    default void multiHeadAttentionWrapperConcatenatesTheHeads() {
        try (MultiHeadAttentionWrapper mha =
                new MultiHeadAttentionWrapper(backend(), 3, 2, 6, 0.0, 2, false, new Generator(123))) {
            assertValues(
                    new double[] {-0.4519202709197998, 0.22160479426383972, 0.4771959185600281, 0.10634782910346985},
                    mha.forward(batch()).select(0, 0).select(0, 0),
                    2e-6);
        }
    }

    @Test
    default void multiHeadAttentionGivesTheBooksOutput() {
        try (MultiHeadAttention mha = new MultiHeadAttention(backend(), 3, 2, 6, 0.0, 2, false, new Generator(123))) {
            Tensor out = mha.forward(batch());
            assertValues(
                    new double[] {0.31901830434799194, 0.48576289415359497},
                    out.select(0, 0).select(0, 0),
                    2e-6);
            assertValues(
                    new double[] {0.25747355818748474, 0.4027826189994812},
                    out.select(0, 0).select(0, 5),
                    2e-6);
        }
    }

    @Test
    default void multiHeadAttentionWithDropoutMatchesPyTorchForwardAndBackward() {
        // torch.manual_seed(123); mha = MultiHeadAttention(3, 4, 6, 0.5, num_heads=2); mha(batch).sum().backward()
        try (MultiHeadAttention mha = new MultiHeadAttention(backend(), 3, 4, 6, 0.5, 2, false, new Generator(123))) {
            Tensor out = mha.forward(batch());
            assertValues(
                    new double[] {-0.21115025877952576, 0.2505336403846741, -0.12231685221195221, -0.27220767736434937},
                    out.select(0, 0).select(0, 0),
                    2e-6);
            out.sum().backward();
            assertValues(
                    new double[] {
                        0.009442942216992378,
                        0.012066522613167763,
                        0.008506979793310165,
                        0.01968749240040779,
                        0.02532755583524704,
                        0.017117908224463463,
                        0.0006902535096742213,
                        0.0002722001518122852,
                        0.0006326936418190598,
                        -0.005339303519576788,
                        -0.010751188732683659,
                        -0.0066778408363461494
                    },
                    mha.namedParameters().get("W_query.weight").grad(),
                    2e-6);
        }
    }

    @Test
    default void attentionRefusesBadArguments() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> new MultiHeadAttention(backend(), 3, 5, 6, 0.0, 2, false, new Generator(1)),
                "d_out must be divisible by num_heads",
                "5",
                "2");
        assertFailsWith(
                IllegalArgumentException.class,
                () -> new CausalAttention(backend(), 3, 2, 6, 1.0, false, new Generator(1)),
                "dropout",
                "1.0");
        try (MultiHeadAttention mha = new MultiHeadAttention(backend(), 3, 2, 4, 0.0, 2, false, new Generator(1))) {
            assertFailsWith(IllegalArgumentException.class, () -> mha.forward(batch()), "6 tokens", "context length 4");
            assertFailsWith(
                    IllegalArgumentException.class, () -> mha.forward(inputs()), "[batch, tokens, 3]", "[6, 3]");
        }
    }
}
