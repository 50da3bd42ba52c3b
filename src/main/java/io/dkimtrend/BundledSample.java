package io.dkimtrend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample events bundled in the jar ({@code sample-events/events}), as a folder a FileSource can
 * read: used as they are when the classes run from a folder, copied out when they run from the jar.
 */
public final class BundledSample {

    static final String RESOURCE = "sample-events/events";

    private static Path extracted;

    private BundledSample() {}

    /** The folder, extracted at most once per JVM. */
    public static synchronized Path eventsFolder() {
        if (extracted == null) {
            extracted = locate();
        }
        return extracted;
    }

    private static Path locate() {
        URL url = BundledSample.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the bundled " + RESOURCE + " is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            Path target = TempFolders.create("dkim-trend-sample-");
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                Path root = jar.getPath(RESOURCE);
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path copy = target.resolve(root.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(file, copy);
                        }
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
