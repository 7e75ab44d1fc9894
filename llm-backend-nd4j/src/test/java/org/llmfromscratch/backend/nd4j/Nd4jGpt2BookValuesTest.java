package org.llmfromscratch.backend.nd4j;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.conformance.Gpt2BookValuesSuite;

/** The book's GPT-2 124M numbers on the nd4j backend. */
class Nd4jGpt2BookValuesTest extends Gpt2BookValuesSuite {
    @Override
    protected Backend backend() {
        return Backends.get("nd4j");
    }
}
