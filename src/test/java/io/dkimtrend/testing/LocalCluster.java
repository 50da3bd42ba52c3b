package io.dkimtrend.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The standalone Flink cluster of {@code deploy/local-cluster/cluster.sh}, driven from a test: a
 * JobManager JVM and one JVM per TaskManager on 127.0.0.1, from Maven-resolved jars, under a folder
 * of the test's. Every process it started is stopped on {@link #close()} (and when the JVM exits),
 * by the PIDs the script wrote.
 */
public final class LocalCluster implements AutoCloseable {

    public static final Path SCRIPT = Path.of("deploy", "local-cluster", "cluster.sh");

    /** Start-up resolves the classpath with Maven the first time and waits for the JVMs (bounded in the script too). */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private final int restPort;
    /** The standby JobManager's REST port with high availability, else 0. */
    private final int standbyRestPort;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final Thread stopOnExit = new Thread(this::killAll, "stop-local-cluster");

    private LocalCluster(Path dir, int[] ports) {
        this.dir = dir;
        this.restPort = ports[0];
        this.standbyRestPort = ports.length > 2 ? ports[2] : 0;
        String mavenHome = System.getProperty("maven.home");
        String mavenRepo = System.getProperty("maven.repo.local");
        Map<String, String> environment = new HashMap<>(Map.of("CLUSTER_DIR", dir.toAbsolutePath().toString(),
                "REST_PORT", Integer.toString(ports[0]), "RPC_PORT", Integer.toString(ports[1]),
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "MAVEN_HOME", mavenHome == null ? "" : mavenHome, "MAVEN_REPO_LOCAL", mavenRepo == null ? "" : mavenRepo));
        if (ports.length > 2) {
            environment.putAll(Map.of("STANDBY_REST_PORT", Integer.toString(ports[2]),
                    "STANDBY_RPC_PORT", Integer.toString(ports[3]), "ZK_PORT", Integer.toString(ports[4])));
        }
        this.environment = Map.copyOf(environment);
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers ({@code taskmanager-1}, ...), waiting until all registered. */
    public static LocalCluster start(Path dir, int taskManagers) {
        return start(new LocalCluster(dir, freePorts(2)), Integer.toString(taskManagers));
    }

    /**
     * As {@link #start}, with high availability ({@code cluster.sh start --ha}): a ZooKeeper, and a
     * standby JobManager that takes the jobs over when the leading one dies.
     */
    public static LocalCluster startHighlyAvailable(Path dir, int taskManagers) {
        return start(new LocalCluster(dir, freePorts(5)), Integer.toString(taskManagers), "--ha");
    }

    private static LocalCluster start(LocalCluster cluster, String... arguments) {
        UnitSuiteGuard.refuse("a local Flink cluster");
        Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);
        try {
            List<String> command = new ArrayList<>(List.of("start"));
            command.addAll(List.of(arguments));
            cluster.script(command.toArray(String[]::new));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The REST API of a JobManager that answers (with high availability, the standby forwards to the leader). */
    public String restAddress() {
        String primary = "http://127.0.0.1:" + restPort;
        if (standbyRestPort == 0 || ProcessHandle.of(pid("jobmanager")).map(ProcessHandle::isAlive).orElse(false)) {
            return primary;
        }
        return "http://127.0.0.1:" + standbyRestPort;
    }

    /** The name of the JobManager that leads now ({@code jobmanager} or {@code jobmanager-2}). */
    public String leader() {
        List<String> output = script("leader");
        return output.get(output.size() - 1).trim();
    }

    /** Starts {@code jobmanager} or {@code jobmanager-2} again (after it died) as a standby, on its own ports. */
    public void startJobManager(String name) {
        script("jobmanager", name);
    }

    /** SIGKILL of a JobManager, as when its machine dies. */
    public void killJobManager(String name) {
        kill(name);
    }

    /** Uploads the jar and runs its main class with the flags, at the given default parallelism; returns the job id. */
    public String submit(Path jar, int parallelism, List<String> flags) {
        List<String> arguments = new ArrayList<>(List.of("submit", jar.toAbsolutePath().toString()));
        arguments.addAll(flags);
        List<String> output = script(Map.of("PARALLELISM", Integer.toString(parallelism)), arguments);
        return output.get(output.size() - 1).trim();
    }

    public void startTaskManager(String name) {
        script("taskmanager", name);
    }

    /** SIGKILL, as when a machine dies: no shutdown hook, no goodbye to the JobManager. */
    public void killTaskManager(String name) throws InterruptedException {
        kill(name);
    }

    private void kill(String name) {
        ProcessHandle process = ProcessHandle.of(pid(name)).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The job's state as the JobManager reports it: RUNNING, RESTARTING, FINISHED, ... */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Whether the job is RUNNING with every one of its tasks running. */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = get("/jobs/" + jobId);
        if (!job.path("state").asText().equals("RUNNING")) return false;
        for (JsonNode vertex : job.path("vertices")) {
            if (!vertex.path("status").asText().equals("RUNNING")) return false;
        }
        return true;
    }

    /** How often the job was restarted (Flink's numRestarts metric). */
    public long restarts(String jobId) {
        for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return metric.path("value").asLong();
        }
        return 0;
    }

    /** The resource ids of the TaskManagers that run the job's tasks now. */
    public Set<String> taskManagersOf(String jobId) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
        }
        return ids;
    }

    /** The resource ids of the TaskManagers registered with the JobManager. */
    public Set<String> registeredTaskManagers() {
        Set<String> ids = new TreeSet<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** A process's log, for a failure message. */
    public String log(String name) {
        try {
            Path log = dir.resolve("logs").resolve(name + ".log");
            return Files.exists(log) ? Files.readString(log) : "(no " + log + ")";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops what the script started (TERM, then KILL); kills whatever is left by its PID. */
    @Override
    public void close() {
        try {
            script("stop");
        } catch (RuntimeException e) {
            // the PIDs are still there: they are killed below
        } finally {
            killAll();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting and runs the hook itself
            }
        }
    }

    private void killAll() {
        try (Stream<Path> pidFiles = Files.exists(pids()) ? Files.list(pids()) : Stream.empty()) {
            pidFiles.forEach(file -> {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readString(file).trim())).ifPresent(ProcessHandle::destroyForcibly);
                } catch (IOException | NumberFormatException e) {
                    // a half-written pid file: the script had not started that process
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long pid(String name) {
        try {
            return Long.parseLong(Files.readString(pids().resolve(name + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pids() {
        return dir.resolve("pids");
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restAddress() + path)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + path, e);
        }
    }

    private List<String> script(String... arguments) {
        return script(Map.of(), List.of(arguments));
    }

    /** Runs cluster.sh; returns its stdout lines; its stderr goes to {@code script.log} in the cluster folder. */
    private List<String> script(Map<String, String> extraEnvironment, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(dir);
            Path stdout = Files.createTempFile(dir, "script-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("script.log").toFile()));
            builder.environment().putAll(environment);
            builder.environment().putAll(extraEnvironment);
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + arguments.get(0) + " still ran after " + SCRIPT_TIMEOUT);
            }
            List<String> output = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            Files.delete(stdout);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("cluster.sh " + String.join(" ", arguments) + " failed with exit code "
                        + process.exitValue() + ": " + output + "\n" + Files.readString(dir.resolve("script.log")));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: cluster.sh " + arguments.get(0), e);
        }
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listening socket that was never used
                }
            }
        }
    }
}
