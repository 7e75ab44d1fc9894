package org.llmfromscratch.examples;

import java.io.PrintStream;

/**
 * One line on standard error when the JVM runs without the Vector API module, saying how to get the
 * java backend's SIMD path: {@code java -jar llm.jar} keeps working, just with scalar loops.
 */
final class FastPathHint {
    static final String TEXT = "note: the java backend runs scalar loops; for its Vector API path start the tool with "
            + "bin/llm, or java --add-modules jdk.incubator.vector -jar llm.jar";

    private FastPathHint() {}

    /** Prints {@link #TEXT} to {@code err} when {@code vectorModulePresent} is false; says whether it did. */
    static boolean print(boolean vectorModulePresent, PrintStream err) {
        if (vectorModulePresent) {
            return false;
        }
        err.println(TEXT);
        return true;
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
