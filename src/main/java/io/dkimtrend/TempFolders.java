package io.dkimtrend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.util.FileUtils;

/** Scratch folders of a local run (the extracted sample, the series behind the table), gone at exit. */
public final class TempFolders {

    private TempFolders() {}

    public static Path create(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(folder.toFile())));
        return folder;
    }
}
