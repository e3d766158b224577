package io.pushway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTests {

    @Test
    void theLastStartInEachLogCountsWhateverElseTheLogHolds(@TempDir Path dir) throws Exception {
        Path ingest = dir.resolve("ingest.log");
        Files.write(ingest, concat(
                "INFO Started IngestApplication in 9.1 seconds (process running for 9.8)\n",
                "INFO Accepted message \u00ff\u00fe\n", // not UTF-8
                "INFO Started IngestApplication in 1.9 seconds (process running for 2.2)\n",
                "INFO Accepted message 42\n"));
        Path delivery = dir.resolve("delivery-1.log");
        Files.writeString(delivery, "INFO still starting\n");

        assertThat(Startup.seconds(Map.of("ingest", ingest, "delivery-1", delivery, "gone", dir.resolve("none.log"))))
                .containsExactly(Map.entry("ingest", 2.2));
    }

    private static byte[] concat(String... parts) {
        StringBuilder all = new StringBuilder();
        for (String part : parts) {
            all.append(part);
        }
        return all.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
