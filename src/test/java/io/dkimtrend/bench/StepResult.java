package io.dkimtrend.bench;

/**
 * One measured step: its wall time over the whole input and, for steps that start a Flink job, the
 * wall time of the same step on the input's first five lines, which is taken as its start-up.
 *
 * @param parallelism 1 for the single-threaded loops
 * @param startupNanos 0 for a step without start-up
 */
record StepResult(String step, int parallelism, long records, long bytes, long wallNanos, long startupNanos,
        long peakRssKb) {

    double seconds() {
        return wallNanos / 1e9;
    }

    double recordsPerSecond() {
        return records / seconds();
    }

    double megabytesPerSecond() {
        return bytes / 1e6 / seconds();
    }

    /** Records per second once started: the start-up run's wall time taken out of the wall time. */
    double netRecordsPerSecond() {
        // A start-up longer than the run itself (a tiny input on a busy machine) leaves no figure.
        long net = wallNanos - startupNanos;
        return net <= 0 ? Double.NaN : records / (net / 1e9);
    }

    boolean hasStartup() {
        return startupNanos > 0;
    }
}
