package org.llmfromscratch.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backends;

/**
 * Module boundaries are one-way, checked on the classes of every module (this module sees them all):
 * backends depend on llm-api only, never on each other; llm-api and llm-data depend on no backend;
 * only discovery loads providers.
 */
class ModuleBoundariesTest {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.llmfromscratch");

    @Test
    void backendsDoNotDependOnEachOther() {
        slices().matching("org.llmfromscratch.backend.(*)..")
                .should()
                .notDependOnEachOther()
                .allowEmptyShould(true)
                .check(ALL);
    }

    @Test
    void backendsDependOnNothingOfOursButTheApi() {
        noClasses()
                .that()
                .resideInAPackage("org.llmfromscratch.backend..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.llmfromscratch.data..",
                        "org.llmfromscratch.examples..",
                        "org.llmfromscratch.bench..",
                        "org.llmfromscratch.conformance..")
                .check(ALL);
    }

    @Test
    void theApiAndTheDataModuleDependOnNoBackend() {
        noClasses()
                .that()
                .resideInAnyPackage("org.llmfromscratch.api..", "org.llmfromscratch.data..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.llmfromscratch.backend..",
                        "org.llmfromscratch.examples..",
                        "org.nd4j..",
                        "com.aparapi..",
                        "ai.djl..",
                        "org.bytedeco..")
                .check(ALL);
    }

    @Test
    void onlyDiscoveryLoadsProviders() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Backends.class.getName())
                .should()
                .dependOnClassesThat()
                .areAssignableTo(ServiceLoader.class)
                .check(ALL);
    }
}
