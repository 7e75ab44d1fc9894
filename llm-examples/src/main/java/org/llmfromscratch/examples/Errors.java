package org.llmfromscratch.examples;

/** One readable line for an exception: its own message, or its type when it has none. */
final class Errors {
    private Errors() {}

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
