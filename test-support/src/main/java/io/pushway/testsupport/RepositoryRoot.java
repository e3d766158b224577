package io.pushway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from a module's working directory, for scripts and built jars. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The nearest ancestor of the working directory that holds {@code deploy/local}. */
    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/local")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the Pushway repository: " + Path.of("").toAbsolutePath());
    }
}
