package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/**
 * {@code nn.Linear(inFeatures, outFeatures, bias)}: {@code y = x @ weight.T + bias}, with {@code weight}
 * of shape {@code [out, in]} and {@code bias} {@code [out]}; {@code x} is {@code [..., in]}.
 *
 * <p>Initialized exactly as PyTorch: the weight first with {@code kaiming_uniform_(a=sqrt(5))}, i.e.
 * uniform in {@code ±1/sqrt(in)} computed as PyTorch computes the bound, then the bias uniform in
 * {@code ±1/sqrt(in)}, both from {@code generator}; so {@code torch.manual_seed(123); nn.Linear(5, 6)}
 * and {@code new Linear(backend, 5, 6, true, new Generator(123))} hold the same numbers.
 */
public class Linear extends Module {
    private final Parameter weight;
    private final Parameter bias;

    /** {@code nn.Linear(inFeatures, outFeatures, bias=bias)} drawing its initial values from {@code generator}. */
    public Linear(Backend backend, int inFeatures, int outFeatures, boolean bias, Generator generator) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException(
                    "Linear needs inFeatures >= 1 and outFeatures >= 1, got " + inFeatures + " and " + outFeatures);
        }
        long n = (long) inFeatures * outFeatures;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "Linear(" + inFeatures + ", " + outFeatures + ") has more weights than" + " one tensor can hold");
        }
        double a = Math.sqrt(5);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double bound = Math.sqrt(3.0) * (gain / Math.sqrt(inFeatures));
        this.weight = registerParameter(
                "weight",
                backend.adopt(Shape.of(outFeatures, inFeatures), generator.uniform((int) n, -bound, bound)),
                true);
        double b = 1 / Math.sqrt(inFeatures);
        this.bias = bias
                ? registerParameter(
                        "bias", backend.adopt(Shape.of(outFeatures), generator.uniform(outFeatures, -b, b)), true)
                : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight.value(), bias == null ? null : bias.value());
    }

    /** The {@code [out, in]} weight. */
    public Parameter weight() {
        return weight;
    }

    /** The {@code [out]} bias, or null for {@code bias=False}. */
    public Parameter bias() {
        return bias;
    }

    /** {@code in_features}. */
    public int inFeatures() {
        return weight.value().size(1);
    }

    /** {@code out_features}. */
    public int outFeatures() {
        return weight.value().size(0);
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + inFeatures() + ", out_features=" + outFeatures() + ", bias=" + (bias != null)
                + ")";
    }
}
