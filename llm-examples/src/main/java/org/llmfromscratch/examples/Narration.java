package org.llmfromscratch.examples;

import java.io.PrintWriter;
import java.util.Locale;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** How the walkthrough talks: numbered sections, the PyTorch line being re-enacted, then its output. */
final class Narration {
    private final PrintWriter out;
    private int section;

    Narration(PrintWriter out) {
        this.out = out;
    }

    void section(String title) {
        section++;
        out.println();
        out.println("== " + section + ". " + title + " " + "=".repeat(Math.max(3, 72 - title.length())));
    }

    /** A line of the notebook's Python, shown as the REPL would. */
    void python(String code) {
        out.println(">>> " + code);
    }

    void say(String text) {
        out.println(text);
    }

    void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
    }

    void tensor(Tensor t) {
        out.println(t);
    }

    /** PyTorch's {@code torch.Size([8, 4, 256])}. */
    static String size(Shape s) {
        return "torch.Size(" + s + ")";
    }

    /** Python's {@code True} / {@code False}. */
    static String bool(boolean b) {
        return b ? "True" : "False";
    }
}
