package io.dkimtrend.source;

import io.dkimtrend.config.TimeRange;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import org.apache.flink.core.fs.Path;

/**
 * Prunes a Storage-account export tree ({@code tenantId=<id>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json})
 * to the folders that can hold a time range: a {@code y=}, {@code m=}, {@code d=} or {@code h=}
 * folder whose hours (UTC) lie outside the range is never listed, let alone read. Paths without
 * such folders are kept; hidden files ({@code .} or {@code _}) are skipped, as Flink's default
 * filter does.
 */
public class HourFolderFilter implements Predicate<Path>, Serializable {

    private final long startMillis;
    private final long endMillis;

    /** {@code range} should already include the export delay (blobs are written after the events). */
    public HourFolderFilter(TimeRange range) {
        this.startMillis = range.start().toEpochMilli();
        this.endMillis = range.end().toEpochMilli();
    }

    @Override
    public boolean test(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        return overlaps(fieldsFrom(path));
    }

    /** y, m (the first one: the month), d and h of the path, -1 where absent. */
    private static int[] fieldsFrom(Path path) {
        String[] segments = path.getPath().split("/");
        int[] fields = {-1, -1, -1, -1};
        int next = 0;
        for (String segment : segments) {
            String key = next == 0 ? "y=" : next == 1 ? "m=" : next == 2 ? "d=" : next == 3 ? "h=" : null;
            if (key != null && segment.startsWith(key)) {
                try {
                    fields[next++] = Integer.parseInt(segment.substring(2));
                } catch (NumberFormatException notATreeFolder) {
                    return new int[] {-1, -1, -1, -1};
                }
            }
        }
        return fields;
    }

    private boolean overlaps(int[] f) {
        if (f[0] < 0) {
            return true;
        }
        LocalDateTime from = LocalDateTime.of(f[0], f[1] < 0 ? 1 : f[1], f[2] < 0 ? 1 : f[2], f[3] < 0 ? 0 : f[3], 0);
        LocalDateTime to = f[1] < 0 ? from.plusYears(1) : f[2] < 0 ? from.plusMonths(1) : f[3] < 0 ? from.plusDays(1)
                : from.plusHours(1);
        long folderStart = from.toInstant(ZoneOffset.UTC).toEpochMilli();
        long folderEnd = to.toInstant(ZoneOffset.UTC).toEpochMilli();
        return folderStart < endMillis && folderEnd > startMillis;
    }
}
