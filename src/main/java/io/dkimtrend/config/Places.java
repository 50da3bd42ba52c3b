package io.dkimtrend.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileSystem;

/**
 * The flags that name a place, as users type them: a plain path, relative or absolute, or a URI
 * ({@code file://}, {@code s3://}, {@code abfss://}, ...). Flink's checkpoint storage refuses a path
 * without a scheme, and a relative path means nothing on a cluster, so a plain path becomes the
 * absolute {@code file://} URI of where the job is built, and that is the place every later step and
 * the start line name.
 */
public final class Places {

    /** A scheme of two characters or more, so that a Windows drive letter never reads as one. */
    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]+):(.*)");
    /** The password of {@code scheme://user:password@host}, which a message must never show. */
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+://[^/@:]*):[^@]*@");

    private Places() {}

    /** A place that Flink opens: a URI as given, a plain path as an absolute {@code file://} URI. */
    static String flinkPlace(Flag flag, String value) {
        if (scheme(value) != null) {
            return value;
        }
        return "file://" + absolute(flag, value);
    }

    /** A local file the launcher itself reads or writes: a plain path or a {@code file:} URI, made absolute. */
    static String localFile(Flag flag, String value) {
        String scheme = scheme(value);
        if (scheme == null) {
            return absolute(flag, value).toString();
        }
        if (!scheme.equalsIgnoreCase("file")) {
            throw new IllegalArgumentException("--" + flag.name + " must be a local file, not a " + scheme
                    + ": URI (" + redacted(value) + ")");
        }
        return local(value).toString();
    }

    /** The local path of a plain path or a {@code file:} URI. */
    public static Path local(String place) {
        if (scheme(place) == null) {
            return Path.of(place);
        }
        // Flink's Path reads the rest of a file: URI literally (no %-decoding); so does this.
        return Path.of(new org.apache.flink.core.fs.Path(place).toUri().getPath());
    }

    /** The place with the password of any {@code user:password@} part replaced by {@code ***}. */
    public static String redacted(String place) {
        return place == null ? null : USER_INFO.matcher(place).replaceFirst("$1:***@");
    }

    /**
     * Refuses, before anything is submitted, a place that cannot work: a scheme without a file system
     * here, an input or savepoint that does not exist, an output folder that cannot be created or
     * written. Remote stores are only asked whether they know the scheme and, for inputs, the path.
     */
    public static void check(JobConfig config) {
        if (config.events != null) {
            requireExisting(Flag.EVENTS, config.events, "no such file or folder");
        }
        if (config.fromSavepoint != null) {
            requireSavepoint(config.fromSavepoint);
        }
        requireWritableFolder(Flag.CHECKPOINT_DIR, config.checkpointDir);
        requireWritableFolder(Flag.METRICS_FILE, config.metricsFile);
        requireWritableFolder(Flag.DEAD_LETTER_FILE, config.deadLetterFile);
        requireWritableFolder(Flag.LATE_EVENTS_FILE, config.lateEventsFile);
        requireWritableFolder(Flag.ALERTS_FILE, config.alertsFile);
        if (config.chart != null) {
            requireWritableLocalFolder(Flag.CHART, local(config.chart).toAbsolutePath().getParent());
        }
    }

    private static void requireSavepoint(String place) {
        FileSystem fs = fileSystem(Flag.FROM_SAVEPOINT, place);
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(place);
        try {
            boolean metadata = fs.exists(path) && (!fs.getFileStatus(path).isDir()
                    || fs.exists(new org.apache.flink.core.fs.Path(path, "_metadata")));
            if (!metadata) {
                throw refused(Flag.FROM_SAVEPOINT, place, "no savepoint or checkpoint there (no _metadata)");
            }
        } catch (IOException e) {
            throw refused(Flag.FROM_SAVEPOINT, place, "cannot be read (" + reason(e) + ")");
        }
    }

    private static void requireExisting(Flag flag, String place, String reason) {
        FileSystem fs = fileSystem(flag, place);
        try {
            if (!fs.exists(new org.apache.flink.core.fs.Path(place))) {
                throw refused(flag, place, reason);
            }
        } catch (IOException e) {
            throw refused(flag, place, "cannot be read (" + reason(e) + ")");
        }
    }

    private static void requireWritableFolder(Flag flag, String place) {
        if (place == null) {
            return;
        }
        FileSystem fs = fileSystem(flag, place);
        if (!fs.getUri().getScheme().equals("file")) {
            return; // object stores have no folders to create, and a probe would cost a request
        }
        requireWritableLocalFolder(flag, local(place));
    }

    private static void requireWritableLocalFolder(Flag flag, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw refused(flag, folder.toString(), "the folder cannot be created (" + reason(e) + ")");
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw refused(flag, folder.toString(), "the folder cannot be written");
        }
    }

    private static FileSystem fileSystem(Flag flag, String place) {
        try {
            return FileSystem.get(URI.create(new org.apache.flink.core.fs.Path(place).toUri().toString()));
        } catch (IOException | IllegalArgumentException e) {
            String scheme = scheme(place);
            throw refused(flag, place, "no file system for " + scheme + ":// in this process"
                    + " (a cluster loads s3, abfss, gs and the like from its plugins folder)");
        }
    }

    /**
     * What went wrong with a file, in words: never the exception's message, which may quote a path
     * or a line of the file.
     */
    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason().toLowerCase(Locale.ROOT);
        return e.getClass().getSimpleName();
    }

    private static IllegalArgumentException refused(Flag flag, String place, String reason) {
        return new IllegalArgumentException("--" + flag.name + " " + redacted(place) + ": " + reason);
    }

    private static Path absolute(Flag flag, String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--" + flag.name + " is not a path: " + e.getReason());
        }
    }

    private static String scheme(String value) {
        Matcher matcher = SCHEME.matcher(value);
        return matcher.matches() ? matcher.group(1) : null;
    }
}
