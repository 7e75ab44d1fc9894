package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing corpus skips a test on a developer's machine and fails it under CI. */
class SharedDataTest {
    @Test
    void aMissingCorpusSkipsOutsideCi() {
        assertThrows(TestAbortedException.class, () -> SharedData.require(null, null));
        assertThrows(TestAbortedException.class, () -> SharedData.require(null, "false"));
    }

    @Test
    void aMissingCorpusFailsUnderCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> SharedData.require(null, "true"));
        assertTrue(e.getMessage().contains("CI=true"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> SharedData.require(null, " TRUE "));
    }

    @Test
    void aCorpusThatIsThereIsReturnedEitherWay() {
        Path p = Path.of("the-verdict.txt");
        assertSame(p, SharedData.require(p, "true"));
        assertSame(p, SharedData.require(p, null));
    }
}
