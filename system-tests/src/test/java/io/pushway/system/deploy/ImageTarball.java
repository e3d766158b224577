package io.pushway.system.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image tarball as {@code jib:buildTar} writes it ({@code docker load} format): the manifest, the
 * image configuration, and the file names in each layer, in layer order.
 */
record ImageTarball(JsonNode manifest, JsonNode config, List<Layer> layers) {

    /** One layer: what Jib put in it (its history comment, e.g. "classes") and its paths. */
    record Layer(String comment, List<String> paths) {
    }

    /** The built image of a service module, e.g. {@code ingest-service/target/jib-check-image.tar}. */
    static Path of(Path repository, String module) {
        return repository.resolve(module).resolve("target/jib-check-image.tar");
    }

    static ImageTarball read(Path tar) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, byte[]> files = new HashMap<>();
        Map<String, List<String>> layerPaths = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().endsWith(".tar.gz")) {
                    layerPaths.put(entry.getName(), paths(new GzipCompressorInputStream(in)));
                } else if (entry.isFile()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        JsonNode manifest = json.readTree(files.get("manifest.json")).get(0);
        JsonNode config = json.readTree(files.get(manifest.get("Config").asString()));
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < manifest.get("Layers").size(); i++) {
            layers.add(new Layer(config.get("history").get(i).get("comment").asString(),
                    layerPaths.get(manifest.get("Layers").get(i).asString())));
        }
        return new ImageTarball(manifest, config, layers);
    }

    /** The layer Jib names so; fails when there is none. */
    Layer layer(String comment) {
        return layers.stream().filter(layer -> layer.comment().equals(comment)).findFirst()
                .orElseThrow(() -> new AssertionError("no layer \"" + comment + "\" in " + layers));
    }

    private static List<String> paths(InputStream layer) throws IOException {
        // Not closed: closing would close the outer tarball stream it reads from.
        TarArchiveInputStream in = new TarArchiveInputStream(layer);
        List<String> paths = new ArrayList<>();
        for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
            paths.add(entry.getName());
        }
        return paths;
    }
}
