package io.dkimtrend.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time zones that put a midnight where a test needs one, so that a day closes while it watches. */
public final class TestZones {

    private TestZones() {}

    /** A fixed-offset zone in which {@code midnight} (to the second) is the start of a day. */
    public static ZoneId withMidnightAt(Instant midnight) {
        int secondOfDay = midnight.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay();
        int offset = -secondOfDay;
        if (offset < -18 * 3600) offset += 24 * 3600;
        return ZoneId.ofOffset("UTC", ZoneOffset.ofTotalSeconds(offset));
    }
}
