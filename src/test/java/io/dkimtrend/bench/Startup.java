package io.dkimtrend.bench;

/**
 * The start-up of a step: the fastest of a few runs of it on the input's first five lines; none
 * (0) when it is to be left in the figures.
 */
final class Startup {

    /** One run of a step on the five-line input, returning its wall time in nanoseconds. */
    @FunctionalInterface
    interface FiveLineRun {
        long nanos() throws Exception;
    }

    private Startup() {}

    static long fastestOf(int runs, FiveLineRun run) throws Exception {
        long fastest = runs > 0 ? Long.MAX_VALUE : 0;
        for (int i = 0; i < runs; i++) {
            fastest = Math.min(fastest, run.nanos());
        }
        return fastest;
    }
}
