package org.llmfromscratch.conformance;

/**
 * Values printed by PyTorch 1.13.1 on CPU, the numbers every backend must reproduce (within
 * {@link #TOLERANCE}; the tutorial's printed values to 4 decimals).
 */
public final class TorchReference {
    private TorchReference() {}

    /** {@code torch.manual_seed(123); torch.nn.Embedding(6, 3).weight}, row-major. */
    public static final double[] EMBEDDING_6_3 = {
        0.3373701870441437,
        -0.1777772158384323,
        -0.16895627975463867,
        0.9177646040916443,
        1.5809695720672607,
        1.3010399341583252,
        1.275301218032837,
        -0.20095309615135193,
        -0.16056378185749054,
        -0.4014880061149597,
        0.966571569442749,
        -1.148144006729126,
        -1.1588678359985352,
        0.32547101378440857,
        -0.6315053701400757,
        -2.839993953704834,
        -0.7848533391952515,
        -1.4095724821090698,
    };

    /**
     * {@code torch.manual_seed(123); torch.randn(16)}: also the first 16 values of row 0 of
     * {@code torch.manual_seed(123); nn.Embedding(50257, 256)}, whose first block of 16 is drawn the
     * same way.
     */
    public static final double[] RANDN_16 = {
        0.3373701870441437,
        -0.1777772158384323,
        -0.3035275936126709,
        -0.5880118608474731,
        0.3486051857471466,
        0.6603409647941589,
        -0.21963761746883392,
        -0.3791698217391968,
        0.7671070694923401,
        -1.1925020217895508,
        0.6983519196510315,
        -1.409722924232483,
        0.17937961220741272,
        1.8951480388641357,
        0.4954463839530945,
        0.26919856667518616,
    };

    /** {@code torch.manual_seed(123); torch.rand(4)}. */
    public static final double[] RAND_4 = {
        0.29611194133758545, 0.516562283039093, 0.2516707181930542, 0.6885567903518677
    };

    /**
     * Largest allowed difference from PyTorch, per element. PyTorch computes the 16-blocks with AVX2
     * approximations of log, sin and cos, so the last bit cannot match everywhere: the largest difference
     * on these values is 1.19e-7, one float ulp of -1.1589 (element 12 of the 6 x 3 table). 1.5e-7 admits
     * that ulp and fails on two ulps of any value in [1, 2) and on one ulp of any value in [2, 4).
     */
    public static final double TOLERANCE = 1.5e-7;
}
