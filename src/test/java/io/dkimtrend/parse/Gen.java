package io.dkimtrend.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of test values drawn from a random source: the same source state gives the same
 * value, so a seed replays an input. The few combinators the hostile-input generators need.
 */
@FunctionalInterface
interface Gen<T> {

    T next(RandomGenerator random);

    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
        return random -> function.apply(next(random));
    }

    /** Lists of up to {@code maxSize} values, short ones more often. */
    default Gen<List<T>> list(int maxSize) {
        return random -> {
            List<T> list = new ArrayList<>();
            for (int i = smallInt(random, 0, maxSize); i > 0; i--) list.add(next(random));
            return list;
        };
    }

    default Gen<T> orNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        return random -> choices[random.nextInt(choices.length)].next(random);
    }

    /** A generator chosen with a weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {}

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<T>... choices) {
        int total = 0;
        for (Weighted<T> choice : choices) total += choice.weight();
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (Weighted<T> choice : choices) {
                pick -= choice.weight();
                if (pick < 0) return choice.gen().next(random);
            }
            throw new AssertionError("weights changed");
        };
    }

    /** Uniform in {@code [min, max]}. */
    static Gen<Integer> ints(int min, int max) {
        return random -> random.nextInt(min, max + 1);
    }

    /**
     * In {@code [min, max]}, each power of two of the range as likely as the next, and the bounds
     * now and then: small values and the limits are where parsers break.
     */
    static Gen<Integer> sizes(int min, int max) {
        return random -> smallInt(random, min, max);
    }

    private static int smallInt(RandomGenerator random, int min, int max) {
        int edge = random.nextInt(16);
        if (edge == 0) return min;
        if (edge == 1) return max;
        int bits = random.nextInt(33 - Integer.numberOfLeadingZeros(max - min));
        long span = Math.min(max - min, (1L << bits) - 1);
        return min + (int) random.nextLong(span + 1);
    }

    /** Any long, with 0, ±1 and the extremes mixed in. */
    static Gen<Long> longs() {
        return random -> random.nextInt(8) == 0
                ? new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}[random.nextInt(5)]
                : random.nextLong();
    }

    /** Any finite double, from every exponent, with the edges mixed in. */
    static Gen<Double> doubles() {
        return random -> {
            if (random.nextInt(8) == 0) {
                return new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300}[random.nextInt(6)];
            }
            double value = Double.longBitsToDouble(random.nextLong());
            return Double.isFinite(value) ? value : random.nextDouble();
        };
    }

    /** Any UTF-16 unit, lone surrogates included. */
    static Gen<Character> anyChar() {
        return random -> (char) random.nextInt(0x10000);
    }

    static Gen<Character> charsOf(char... chars) {
        return random -> chars[random.nextInt(chars.length)];
    }

    static Gen<Character> charRange(char first, char last) {
        return random -> (char) random.nextInt(first, last + 1);
    }

    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return random -> {
            char[] text = new char[smallInt(random, minLength, maxLength)];
            for (int i = 0; i < text.length; i++) text[i] = chars.next(random);
            return new String(text);
        };
    }

    static Gen<byte[]> bytes(int maxLength) {
        return random -> {
            byte[] bytes = new byte[smallInt(random, 0, maxLength)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
