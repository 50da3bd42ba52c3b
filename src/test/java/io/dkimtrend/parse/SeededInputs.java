package io.dkimtrend.parse;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property over generated inputs, each drawn from a random source of its own seed: input
 * {@code i} of a run with seed {@code s} has seed {@code s + i}, so the seed a failure prints replays
 * that input alone ({@code -Dhostile.seed=<it> -Dhostile.inputs=1}).
 *
 * <p>System properties (Maven passes {@code -D} options of its command line on to the test JVM):
 * {@code hostile.seed} (default {@value #DEFAULT_SEED}) and {@code hostile.inputs}, the number of
 * inputs of every property (default: each property's own).
 */
final class SeededInputs {

    static final long DEFAULT_SEED = 20261127L;

    private SeededInputs() {}

    static long seed() {
        return Long.getLong("hostile.seed", DEFAULT_SEED);
    }

    static int inputs(int byDefault) {
        return Integer.getInteger("hostile.inputs", byDefault);
    }

    /** Checks {@code property} for {@code byDefault} inputs (or {@code hostile.inputs}) of {@code generator}. */
    static <T> void check(int byDefault, Gen<T> generator, Function<T, String> describe, Consumer<T> property) {
        long seed = seed();
        int inputs = inputs(byDefault);
        for (int i = 0; i < inputs; i++) {
            long inputSeed = seed + i;
            T input = null;
            try {
                input = generator.next(new SplittableRandom(inputSeed));
                property.accept(input);
            } catch (AssertionError | RuntimeException | StackOverflowError failure) {
                throw new AssertionError("input " + i + " of " + inputs + " (seed " + seed + ") fails; replay it alone with "
                        + "-Dhostile.seed=" + inputSeed + " -Dhostile.inputs=1\n  input: "
                        + (input == null ? "(not generated)" : describe.apply(input)) + "\n  " + failure.getMessage(), failure);
            }
        }
    }
}
