package io.pushway.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushway.testsupport.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The service images as the build made them (the parent pom's {@code image-check} execution: Jib on
 * "scratch", so offline; {@code -Pimages} builds the same image on the real base). What a container
 * engine would run: a non-root user, the JVM flags for containers, the service ports, OCI labels, a
 * reproducible creation time, and the application in its layers.
 */
class ContainerImageTests {

    private static final String VERSION = System.getProperty("pushway.version");
    private static final Map<String, ImageTarball> IMAGES = new ConcurrentHashMap<>();

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("ingest-service", "io.pushway.ingest.IngestApplication", "8443", "8081"),
                Arguments.of("delivery-service", "io.pushway.delivery.DeliveryApplication", "9443", "9081"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsTheApplicationWithContainerJvmFlagsAsANonRootUser(String module, String mainClass, String port,
            String managementPort) {
        JsonNode config = image(module).config().get("config");

        String[] user = config.get("User").asString().split(":");
        assertThat(Integer.parseInt(user[0])).as("uid").isPositive();
        assertThat(Integer.parseInt(user[1])).as("gid").isPositive();
        assertThat(strings(config.get("Entrypoint")))
                .startsWith("java")
                .contains("-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC", "-XX:+UseCompactObjectHeaders")
                .endsWith("-cp", "@/app/jib-classpath-file", mainClass)
                .as("heap sizing on the command line would win over a deployment's JAVA_TOOL_OPTIONS")
                .noneMatch(flag -> flag.contains("RAMPercentage") || flag.startsWith("-Xm"));
        assertThat(config.get("Cmd")).as("no arguments that would replace the entrypoint's").isNull();
        assertThat(strings(config.get("Env"))).contains("MANAGEMENT_SERVER_ADDRESS=0.0.0.0", "HOME=/tmp",
                "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=75");
        assertThat(config.get("ExposedPorts").propertyNames())
                .containsExactlyInAnyOrder(port + "/tcp", managementPort + "/tcp");
    }

    @ParameterizedTest
    @MethodSource("services")
    void isNamedAndLabelledForItsVersionAndReproducible(String module) {
        ImageTarball image = image(module);
        JsonNode labels = image.config().get("config").get("Labels");

        assertThat(strings(image.manifest().get("RepoTags")))
                .containsExactlyInAnyOrder("pushway/" + module + ":" + VERSION, "pushway/" + module + ":latest");
        assertThat(labels.get("org.opencontainers.image.title").asString()).isEqualTo(module);
        assertThat(labels.get("org.opencontainers.image.version").asString()).isEqualTo(VERSION);
        assertThat(labels.get("org.opencontainers.image.base.name").asString()).isEqualTo("eclipse-temurin:25-jre");
        assertThat(labels.propertyNames()).contains("org.opencontainers.image.source",
                "org.opencontainers.image.revision", "org.opencontainers.image.description");
        assertThat(image.config().get("created").asString()).isEqualTo("1970-01-01T00:00:00Z");
    }

    @ParameterizedTest
    @MethodSource("services")
    void layersHoldTheApplicationWithoutTestCode(String module, String mainClass) {
        ImageTarball image = image(module);

        assertThat(image.layers()).hasSize(image.config().get("rootfs").get("diff_ids").size());
        assertThat(image.layer("classes").paths()).contains("app/classes/" + mainClass.replace('.', '/') + ".class");
        assertThat(image.layer("resources").paths()).contains("app/resources/application.yml");
        assertThat(image.layer("project dependencies").paths()).contains("app/libs/shared-model-" + VERSION + ".jar");
        assertThat(image.layer("dependencies").paths())
                .anyMatch(path -> path.matches("app/libs/spring-boot-\\d.*\\.jar"))
                .anyMatch(path -> path.matches("app/libs/kafka-clients-.*\\.jar"))
                .noneMatch(path -> path.matches(".*/(junit|test-support|assertj).*"));
        assertThat(image.layer("jvm arg files").paths()).contains("app/jib-classpath-file");
        assertThat(image.layers()).flatMap(ImageTarball.Layer::paths)
                .noneMatch(path -> path.endsWith("Tests.class") || path.endsWith("logback-test.xml"));
    }

    /** Each tarball is read once (they hold some 70 MB of jars). */
    private static ImageTarball image(String module) {
        return IMAGES.computeIfAbsent(module, name -> {
            try {
                return ImageTarball.read(ImageTarball.of(RepositoryRoot.path(), name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
