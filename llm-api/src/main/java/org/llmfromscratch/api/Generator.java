package org.llmfromscratch.api;

/**
 * A random-number generator that reproduces PyTorch's CPU generator bit for bit, so that
 * {@code new Generator(123)} followed by {@link #normal(int)} gives the weights that
 * {@code torch.manual_seed(123)} followed by {@code nn.Embedding(...)} gives.
 *
 * <p>The engine is MT19937 seeded with {@code init_genrand(seed)}, as {@code torch.manual_seed}
 * does. {@link #normal(int)} mirrors {@code Tensor.normal_()} on a contiguous float32 tensor:
 * <ul>
 *   <li>16 or more elements: fill with float uniforms {@code (u32 & 0xFFFFFF) * 2^-24}, then Box-Muller
 *       on each block of 16 (element {@code j} pairs with {@code j + 8}) in float32; a size that is not a
 *       multiple of 16 redraws and re-transforms the last 16 elements ({@code normal_fill} in ATen);</li>
 *   <li>fewer than 16: the scalar double-precision path, 53-bit uniforms from two draws, with the
 *       {@code sin} half cached for the next draw, as {@code at::normal_distribution<double>} does.</li>
 * </ul>
 * PyTorch's own last bits vary with the CPU (it uses approximate vectorized log/sin/cos under AVX2),
 * so results match PyTorch within 1e-6 per element; they are identical on every backend of this
 * project, because initialization always happens here, never in a backend.
 *
 * <p>Not thread-safe: like a {@code torch.Generator}, use one per thread or synchronize.
 */
public final class Generator {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasCachedNormal;
    private double cachedNormal;

    /** A generator in the state {@code torch.manual_seed(seed)} leaves the default one in. */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /** Re-seeds, like {@code torch.manual_seed(seed)}; also forgets the cached normal value. */
    public Generator manualSeed(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
        hasCachedNormal = false;
        return this;
    }

    /**
     * The whole state ({@code torch.get_rng_state()}), as bytes: the 624 MT19937 words, the position, and
     * the cached normal; {@link #setState} restores it, so a resumed run draws the same numbers.
     */
    public byte[] getState() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(N * 4 + 4 + 1 + 8);
        for (int v : mt) {
            b.putInt(v);
        }
        b.putInt(index).put((byte) (hasCachedNormal ? 1 : 0)).putDouble(cachedNormal);
        return b.array();
    }

    /** Restores a state from {@link #getState} ({@code torch.set_rng_state}). */
    public void setState(byte[] state) {
        if (state.length != N * 4 + 13) {
            throw new IllegalArgumentException("a generator state has " + (N * 4 + 13) + " bytes, got " + state.length);
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(state);
        for (int i = 0; i < N; i++) {
            mt[i] = b.getInt();
        }
        int idx = b.getInt();
        if (idx < 0 || idx > N) {
            throw new IllegalArgumentException("corrupt generator state: position " + idx + " is outside 0.." + N);
        }
        index = idx;
        hasCachedNormal = b.get() != 0;
        cachedNormal = b.getDouble();
    }

    /** The next raw 32-bit draw of the engine, as an unsigned value. */
    public long nextUInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) != 0 ? next ^ 0x9908b0df : next;
        }
        index = 0;
    }

    /** A float uniform in [0, 1), {@code torch.rand} on float32: {@code (u32 & 0xFFFFFF) * 2^-24}. */
    public float nextFloat() {
        return (nextUInt32() & 0xFFFFFF) * 0x1.0p-24f;
    }

    /** A double uniform in [0, 1) from two draws (the first is the high word), as {@code random64()}. */
    public double nextDouble() {
        long hi = nextUInt32();
        long lo = nextUInt32();
        return (((hi << 32) | lo) & ((1L << 53) - 1)) * 0x1.0p-53;
    }

    /** One standard normal from the scalar double path, with PyTorch's sin-half cache. */
    public double nextNormalDouble() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        hasCachedNormal = true;
        return r * Math.cos(theta);
    }

    /** {@code torch.rand(n)}: {@code n} float uniforms in [0, 1). */
    public float[] rand(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextFloat();
        }
        return out;
    }

    /**
     * {@code tensor.uniform_(from, to)} on {@code n} float32 elements, as {@code nn.Linear}'s initialization
     * draws: {@code from} and {@code to} are rounded to float, then each value is
     * {@code (float) (u * (to - from) + from)} in double with {@code u} a 24-bit uniform.
     */
    public float[] uniform(int n, double from, double to) {
        double lo = (float) from;
        double hi = (float) to;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = (nextUInt32() & 0xFFFFFF) * 0x1.0p-24;
            out[i] = (float) (u * (hi - lo) + lo);
        }
        return out;
    }

    /** {@code torch.randn(n)} / {@code tensor.normal_()} on {@code n} float32 elements (see the class doc). */
    public float[] normal(int n) {
        float[] d = new float[n];
        if (n < 16) {
            for (int i = 0; i < n; i++) {
                d[i] = (float) nextNormalDouble();
            }
            return d;
        }
        for (int i = 0; i < n; i++) {
            d[i] = nextFloat();
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            boxMuller16(d, i);
        }
        if (n % 16 != 0) {
            int start = n - 16;
            for (int i = 0; i < 16; i++) {
                d[start + i] = nextFloat();
            }
            boxMuller16(d, start);
        }
        return d;
    }

    /**
     * ATen's {@code normal_fill_16}, in float32 like its AVX2 version ({@code theta = float(2 pi) * u2}, a float
     * multiply): within 1.2e-7 of PyTorch on the reference values, where rounding {@code 2 pi u2} from
     * double was 8.3e-7 off.
     */
    private static final float TWO_PI = (float) (2.0 * Math.PI);

    private static void boxMuller16(float[] d, int at) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[at + j];
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt(-2f * (float) Math.log(u1));
            float theta = TWO_PI * u2;
            d[at + j] = radius * (float) Math.cos(theta);
            d[at + j + 8] = radius * (float) Math.sin(theta);
        }
    }
}
