package io.dkimtrend.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's flags.
 *
 * @param records {@code --records N}: about N EmailEvents rows (200,000)
 * @param cache {@code --cache DIR}: where generated inputs are kept ({@code target/bench})
 * @param parallelisms {@code --parallelism 1,2}: of the file replay and the SQL query; the Kafka
 *     run takes the largest
 * @param startupRuns {@code --startup-runs N}: five-line runs before each measured run, the fastest
 *     taken as its start-up (2: the first of a kind also pays for loading its classes; 0: none)
 * @param probes {@code --probes N}: latency samples (40)
 * @param rounds {@code --rounds N}: rounds of the fresh-process table (3; 0: none)
 * @param inJvm {@code --in-jvm false}: leaves out the steps measured inside the benchmark's JVM
 */
record BenchmarkFlags(long records, Path cache, List<Integer> parallelisms, int startupRuns, int probes, int rounds,
        boolean inJvm) {

    static BenchmarkFlags parse(String... args) {
        long records = 200_000;
        Path cache = Path.of("target", "bench");
        List<Integer> parallelisms = List.of(1, 2);
        int startupRuns = 2;
        int probes = 40;
        int rounds = 3;
        boolean inJvm = true;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("flags take a value each: --records N --cache DIR "
                    + "--parallelism 1,2 --startup-runs N --probes N --rounds N --in-jvm true|false");
        }
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(value);
                case "--cache" -> cache = Path.of(value);
                case "--parallelism" -> parallelisms = Arrays.stream(value.split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                case "--startup-runs" -> startupRuns = Integer.parseInt(value);
                case "--probes" -> probes = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--in-jvm" -> inJvm = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        if (records < 1 || startupRuns < 0 || probes < 1 || rounds < 0 || parallelisms.isEmpty()
                || parallelisms.stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("--records, --parallelism and --probes must be positive, "
                    + "--startup-runs and --rounds not negative");
        }
        return new BenchmarkFlags(records, cache, parallelisms, startupRuns, probes, rounds, inJvm);
    }

    int kafkaParallelism() {
        return parallelisms.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }
}
