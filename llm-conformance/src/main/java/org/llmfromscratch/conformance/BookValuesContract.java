package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GELU;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.ModuleList;
import org.llmfromscratch.api.nn.Parameter;
import org.llmfromscratch.api.nn.Sequential;
import org.llmfromscratch.api.optim.Adam;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.api.optim.GradClipping;
import org.llmfromscratch.api.optim.Optimizer;
import org.llmfromscratch.api.optim.ParamGroup;
import org.llmfromscratch.api.optim.SGD;

/**
 * The book's printed gradients (chapter 4's {@code ExampleDeepNeuralNetwork}), PyTorch's initial values,
 * dropout mask and optimizer updates, each with the PyTorch lines that produce them.
 */
public interface BookValuesContract extends ConformanceFixture {

    /** The book's ch04 network: five Sequential(Linear, GELU) layers, sizes [3, 3, 3, 3, 3, 1]. */
    private double[] meanAbsWeightGrads(boolean shortcuts) {
        int[] sizes = {3, 3, 3, 3, 3, 1};
        Generator g = new Generator(123);
        ModuleList<Sequential> layers = new ModuleList<>();
        for (int i = 0; i < 5; i++) {
            layers.add(new Sequential(new Linear(backend(), sizes[i], sizes[i + 1], true, g), new GELU()));
        }
        try (layers) {
            Tensor x = backend().tensor(new float[][] {{1, 0, -1}});
            for (Sequential layer : layers.modules()) {
                Tensor out = layer.forward(x);
                x = shortcuts && out.shape().equals(x.shape()) ? x.add(out) : out;
            }
            Functional.mseLoss(x, backend().tensor(new float[][] {{0}})).backward();
            List<Double> means = new ArrayList<>();
            layers.namedParameters().forEach((name, p) -> {
                if (name.endsWith("weight")) {
                    means.add(p.grad().abs().mean().item());
                }
            });
            return means.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    @Test
    default void theBooksGradientsWithoutShortcuts() {
        assertRelative(
                new double[] {
                    0.00020173587836325169,
                    0.00012011159560643137,
                    0.0007152039906941354,
                    0.0013988736318424344,
                    0.005049645435065031
                },
                meanAbsWeightGrads(false),
                1e-6);
    }

    @Test
    default void theBooksGradientsWithShortcuts() {
        assertRelative(
                new double[] {
                    0.22169792652130127,
                    0.20694106817245483,
                    0.32896995544433594,
                    0.2665732204914093,
                    1.3258540630340576
                },
                meanAbsWeightGrads(true),
                1e-6);
    }

    @Test
    default void linearInitializesAsPyTorch() {
        try (Linear lin = new Linear(backend(), 5, 6, true, new Generator(123))) {
            assertValues(
                    new double[] {-0.1824, 0.0148, -0.2221, 0.1687, -0.3811},
                    lin.weight().value().select(0, 0),
                    5e-5);
            assertValues(
                    new double[] {0.3818, 0.2136, 0.1949, 0.1841, 0.3718, -0.0590},
                    lin.bias().value(),
                    5e-5);
        }
    }

    @Test
    default void dropoutDrawsTheBooksMask() {
        Tensor ones = backend().tensor(new float[6][6]).add(1);
        Tensor out = Functional.dropout(ones, 0.5, true, new Generator(123));
        assertValues(
                new double[] {
                    2, 2, 0, 2, 2, 0, 0, 0, 0, 2, 0, 2, 2, 2, 2, 2, 0, 2, 0, 2, 2, 0, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 2,
                    2, 2, 0
                },
                out,
                0);
    }

    // torch.manual_seed(123); lin = nn.Linear(4, 3); x = [[0.5, -1, 2, 0.25], [1.5, 0.5, -0.5, -2]];
    // three steps of: opt.zero_grad(); (lin(x) ** 2).mean().backward(); opt.step()
    private float[] threeSteps(java.util.function.Function<Linear, Optimizer> optimizer) {
        try (Linear lin = new Linear(backend(), 4, 3, true, new Generator(123))) {
            Optimizer opt = optimizer.apply(lin);
            Tensor x = backend().tensor(new float[][] {{0.5f, -1, 2, 0.25f}, {1.5f, 0.5f, -0.5f, -2}});
            for (int i = 0; i < 3; i++) {
                opt.zeroGrad();
                lin.forward(x).pow(2).mean().backward();
                opt.step();
            }
            float[] w = lin.weight().value().toFloatArray();
            float[] b = lin.bias().value().toFloatArray();
            float[] all = java.util.Arrays.copyOf(w, w.length + b.length);
            System.arraycopy(b, 0, all, w.length, b.length);
            opt.close();
            return all;
        }
    }

    @Test
    default void adamWMatchesPyTorch() {
        // torch.optim.AdamW(lin.parameters(), lr=0.01, weight_decay=0.1)
        assertValues(
                new float[] {
                    -0.17335245f,
                    -0.013394272f,
                    -0.21767132f,
                    0.15806328f,
                    -0.39481679f,
                    0.33548534f,
                    -0.33239296f,
                    -0.36638868f,
                    -0.285081f,
                    0.19586566f,
                    -0.15428521f,
                    0.15662692f,
                    -0.39317080f,
                    -0.27251574f,
                    -0.15312418f
                },
                threeSteps(lin -> new AdamW(lin.namedParameters(), 0.01, 0.1)),
                2e-6);
    }

    @Test
    default void adamMatchesPyTorch() {
        // torch.optim.Adam(lin.parameters(), lr=0.01, weight_decay=0.1)
        assertValues(
                new float[] {
                    -0.17393263f,
                    -0.013367542f,
                    -0.21838374f,
                    0.15859784f,
                    -0.39606044f,
                    0.33655247f,
                    -0.33345085f,
                    -0.3675488f,
                    -0.28599548f,
                    0.19651116f,
                    -0.15480766f,
                    0.15715693f,
                    -0.39440987f,
                    -0.27339396f,
                    -0.15364335f
                },
                threeSteps(lin -> new Adam(lin.namedParameters(), 0.01, 0.1)),
                2e-6);
    }

    @Test
    default void sgdWithMomentumAndDampeningMatchesPyTorch() {
        // torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)
        assertValues(
                new float[] {
                    0.081346765f,
                    -0.06206838f,
                    -0.019958356f,
                    -0.055180967f,
                    -0.34065217f,
                    0.09625039f,
                    0.16057225f,
                    -0.2736296f,
                    -0.06969256f,
                    0.15131827f,
                    0.023402372f,
                    -0.017845104f,
                    -0.13366938f,
                    -0.077183925f,
                    0.06926331f
                },
                threeSteps(lin -> new SGD(List.of(new ParamGroup(lin.namedParameters(), 0.1, 0.01)), 0.9, 0.1, false)),
                2e-6);
    }

    @Test
    default void nesterovSgdMatchesPyTorch() {
        // torch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9, nesterov=True)
        assertValues(
                new float[] {
                    0.13127749f,
                    -0.084525868f,
                    0.035167444f,
                    -0.091122717f,
                    -0.31762543f,
                    0.042721651f,
                    0.26889533f,
                    -0.2592515f,
                    -0.027196107f,
                    0.13185719f,
                    0.073419496f,
                    -0.047945209f,
                    -0.079315297f,
                    -0.025417006f,
                    0.11796094f
                },
                threeSteps(lin -> new SGD(List.of(new ParamGroup(lin.namedParameters(), 0.1, 0)), 0.9, 0, true)),
                2e-6);
    }

    @Test
    default void clipGradNormMatchesPyTorch() {
        // l = (lin(x) ** 2).mean(); l.backward(); torch.nn.utils.clip_grad_norm_(lin.parameters(), 0.5)
        try (Linear lin = new Linear(backend(), 4, 3, true, new Generator(123))) {
            Tensor x = backend().tensor(new float[][] {{0.5f, -1, 2, 0.25f}, {1.5f, 0.5f, -0.5f, -2}});
            lin.forward(x).pow(2).mean().backward();
            List<Parameter> params = lin.parameters();
            assertEquals(2.1607658863067627, GradClipping.clipGradNorm(params, 0.5), 2e-6);
            assertValues(
                    new double[] {
                        -0.15106459,
                        0.038948990,
                        -0.11549515,
                        0.13125214,
                        -0.040737420,
                        0.14022206,
                        -0.27205169,
                        -0.066527240,
                        -0.12993392,
                        0.036843553,
                        -0.10554771,
                        0.11026641
                    },
                    lin.weight().grad(),
                    1e-6);
        }
    }

    @Test
    default void optimizersRefuseBadHyperParametersAndFrozenParameters() {
        try (Linear lin = new Linear(backend(), 2, 2, true, new Generator(1))) {
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> new AdamW(lin.namedParameters(), -0.1, 0.1),
                    "learning rate: -0.1");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> new AdamW(lin.namedParameters(), 0.1, -1),
                    "weight_decay value: -1");
            lin.bias().requiresGrad(false);
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> new AdamW(lin.namedParameters(), 0.1, 0.1),
                    "'bias' is frozen");
        }
    }

    private static void assertRelative(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]) / Math.abs(expected[i]);
            org.junit.jupiter.api.Assertions.assertTrue(
                    diff <= rel,
                    "value " + i + ": expected " + expected[i] + " but got " + actual[i] + " (relative difference "
                            + diff + ")");
        }
    }
}
