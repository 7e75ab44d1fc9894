package org.llmfromscratch.djl.data;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The interop depends on llm-data and DJL's API only: no backend of ours (it must not pull one onto a
 * user's classpath) and no DJL engine (the user picks PyTorch, OnnxRuntime, ...).
 */
class ModuleBoundaryTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.llmfromscratch.djl");

    @Test
    void theInteropDependsOnNoBackendOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("org.llmfromscratch.djl..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.llmfromscratch.backend..", "org.llmfromscratch.examples..")
                .check(MAIN);
    }

    @Test
    void theInteropDependsOnNoDjlEngine() {
        noClasses()
                .that()
                .resideInAPackage("org.llmfromscratch.djl..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.djl.pytorch..", "ai.djl.onnxruntime..", "ai.djl.mxnet..", "ai.djl.tensorflow..")
                .check(MAIN);
    }
}
