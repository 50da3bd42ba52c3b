package io.dkimtrend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size of this process, per step: Linux lets a process reset its own peak. */
final class ProcessMemory {

    static final long UNKNOWN = -1;

    private ProcessMemory() {}

    /** Writing 5 to clear_refs resets VmHWM to the current resident set size. */
    static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException notLinux) {
            // the next figure then covers the whole process so far
        }
    }

    static long peakKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // fall through
        }
        return UNKNOWN;
    }
}
