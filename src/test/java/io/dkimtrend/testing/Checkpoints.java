package io.dkimtrend.testing;

import io.dkimtrend.RetainedCheckpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The checkpoints a live run leaves in its {@code --checkpoint-dir}, as a test waits for them. */
public final class Checkpoints {

    private Checkpoints() {}

    /** The number of the newest complete checkpoint in {@code dir}, 0 when there is none. */
    public static int newest(Path dir) throws Exception {
        return RetainedCheckpoints.newest(dir.toString())
                .map(path -> Integer.parseInt(path.replaceAll(".*chk-", ""))).orElse(0);
    }

    /** Waits until checkpoint {@code number} (or a later one) is complete; fails if the job stops running first. */
    public static void await(Path dir, int number, Duration timeout, BooleanSupplier running) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && running.getAsBoolean()) {
            if (newest(dir) >= number) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint " + number + " in " + dir + " while the job ran");
    }
}
