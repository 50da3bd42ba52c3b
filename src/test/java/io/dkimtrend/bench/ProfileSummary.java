package io.dkimtrend.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a fresh process spends its CPU, from a Java Flight Recording of one run: CPU samples by
 * thread (a Flink task thread is named after its chain of operators, so a thread is a stage), the
 * code each stage spends them in, and the time the JIT compilers and the garbage collector took.
 *
 * <p>Record a run with the settings beside this class
 * ({@code java -XX:StartFlightRecording=filename=run.jfr,settings=src/test/resources/bench/profile.jfc -jar ...}),
 * then {@code java -cp target/test-classes io.dkimtrend.bench.ProfileSummary run.jfr}.
 */
public final class ProfileSummary {

    private static final int TOP_CODE = 6;

    /** Leaf frames by the first package prefix that matches: what kind of work a sample was doing. */
    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("com.fasterxml.jackson", "JSON parsing (Jackson)"),
            Map.entry("io.dkimtrend.parse", "the job's parsing"),
            Map.entry("io.dkimtrend.source", "reading lines"),
            Map.entry("io.dkimtrend.dedup", "deduplication"),
            Map.entry("io.dkimtrend.window", "counting"),
            Map.entry("io.dkimtrend", "the job's other code"),
            Map.entry("org.apache.flink.runtime.operators.sort", "sorting (BATCH keyed input)"),
            Map.entry("org.apache.flink.streaming.api.operators.sort", "sorting (BATCH keyed input)"),
            Map.entry("org.apache.flink.runtime.io.disk", "spilling to disk"),
            Map.entry("org.apache.flink.api.java.typeutils.runtime", "serializers"),
            Map.entry("org.apache.flink.api.common.typeutils", "serializers"),
            Map.entry("org.apache.flink.core.memory", "serializers"),
            Map.entry("org.apache.flink.runtime.io.network", "network buffers"),
            Map.entry("org.apache.flink.runtime.state", "keyed state"),
            Map.entry("org.apache.flink", "Flink, other"),
            Map.entry("java.util.zip", "gzip"),
            Map.entry("java.", "JDK"),
            Map.entry("jdk.", "JDK"),
            Map.entry("sun.", "JDK"));

    private ProfileSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ProfileSummary RECORDING.jfr");
            System.exit(2);
        }
        print(Path.of(args[0]), System.out);
    }

    static void print(Path recording, PrintStream out) throws IOException {
        Map<String, Long> samplesByStage = new HashMap<>();
        Map<String, Map<String, Long>> kindsByStage = new HashMap<>();
        long samples = 0;
        Duration compiling = Duration.ZERO;
        long compilations = 0;
        Duration collecting = Duration.ZERO;
        double jvmCpuPeak = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedThread thread = event.getThread("sampledThread");
                    String stage = stageOf(thread == null ? null : thread.getJavaName());
                    samples++;
                    samplesByStage.merge(stage, 1L, Long::sum);
                    kindsByStage.computeIfAbsent(stage, s -> new HashMap<>())
                            .merge(kindOf(event.getStackTrace()), 1L, Long::sum);
                }
                case "jdk.Compilation" -> {
                    compiling = compiling.plus(event.getDuration());
                    compilations++;
                }
                case "jdk.GarbageCollection" -> collecting = collecting.plus(event.getDuration());
                case "jdk.CPULoad" -> jvmCpuPeak = Math.max(jvmCpuPeak,
                        event.getDouble("jvmUser") + event.getDouble("jvmSystem"));
                default -> { }
            }
        }
        out.printf(Locale.ROOT, "%s: %,d CPU samples of Java code (10 ms apart per running thread)%n",
                recording.getFileName(), samples);
        out.printf(Locale.ROOT, "JIT compilation: %,d methods, %.2f s in the compiler threads (not sampled above)%n",
                compilations, compiling.toNanos() / 1e9);
        out.printf(Locale.ROOT, "garbage collection: %.2f s of pauses%n", collecting.toNanos() / 1e9);
        out.printf(Locale.ROOT, "%-72s %7s %6s  %s%n", "thread (a task thread is a stage)", "samples", "share",
                "spent in");
        long all = samples;
        samplesByStage.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(stage -> out.printf(Locale.ROOT, "%-72s %7d %5.1f%%  %s%n", abbreviate(stage.getKey()),
                        stage.getValue(), 100.0 * stage.getValue() / all,
                        topKinds(kindsByStage.get(stage.getKey()), stage.getValue())));
    }

    /** A task thread's name without its subtask and attempt, so that the subtasks of one stage add up. */
    static String stageOf(String thread) {
        if (thread == null) {
            return "(no Java thread)";
        }
        return thread.replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?$", "").replaceAll("-\\d+$", "-N")
                .replaceAll("thread-\\d+", "thread-N");
    }

    static String kindOf(RecordedStackTrace trace) {
        if (trace == null || trace.getFrames().isEmpty()) {
            return "unknown";
        }
        for (RecordedFrame frame : trace.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> kind : KINDS) {
                if (type.startsWith(kind.getKey()) && !kind.getValue().equals("JDK")) {
                    return kind.getValue();
                }
            }
        }
        return "JDK";
    }

    private static String topKinds(Map<String, Long> kinds, long total) {
        StringBuilder line = new StringBuilder();
        kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_CODE)
                .forEach(kind -> line.append(String.format(Locale.ROOT, "%s%s %.0f%%", line.isEmpty() ? "" : ", ",
                        kind.getKey(), 100.0 * kind.getValue() / total)));
        return line.toString();
    }

    private static String abbreviate(String name) {
        return name.length() <= 72 ? name : name.substring(0, 69) + "...";
    }
}
