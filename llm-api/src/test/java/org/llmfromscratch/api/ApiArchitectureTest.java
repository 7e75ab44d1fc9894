package org.llmfromscratch.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** llm-api depends on nothing but the JDK, and only discovery loads providers. */
class ApiArchitectureTest {
    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.llmfromscratch.api");

    @Test
    void theApiDependsOnNoBackendAndNoBackendLibrary() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.llmfromscratch.backend..",
                        "org.llmfromscratch.data..",
                        "org.nd4j..",
                        "com.aparapi..",
                        "ai.djl..",
                        "org.bytedeco..",
                        "com.knuddels..")
                .check(api);
    }

    @Test
    void onlyDiscoveryUsesServiceLoader() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Backends.class.getName())
                .should()
                .dependOnClassesThat()
                .areAssignableTo(ServiceLoader.class)
                .check(api);
    }
}
