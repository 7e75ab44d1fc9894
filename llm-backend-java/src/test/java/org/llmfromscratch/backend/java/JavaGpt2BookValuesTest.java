package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.conformance.Gpt2BookValuesSuite;

/** The book's GPT-2 124M numbers on the java backend. */
class JavaGpt2BookValuesTest extends Gpt2BookValuesSuite {
    @Override
    protected Backend backend() {
        return Backends.get("java");
    }
}
