package org.llmfromscratch.backend.aparapi;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.conformance.Gpt2BookValuesSuite;

/** The book's GPT-2 124M numbers on the aparapi backend. */
class AparapiGpt2BookValuesTest extends Gpt2BookValuesSuite {
    @Override
    protected Backend backend() {
        return Backends.get("aparapi");
    }
}
