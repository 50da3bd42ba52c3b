package io.dkimtrend.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code events/storage/}: the Streaming API's storage-account export, a folder per tenant and
 * UTC hour of the row's Timestamp, one bare record per line with CRLF line ends. Two blobs of the main
 * tenant take the forms a reader of such archives meets besides plain files: one gzip-compressed
 * ({@code PT1H.json.gz}), one continued in a second blob ({@code PT1H_1.json}).
 */
final class StorageWriter {

    private static final String CRLF = "\r\n";

    private final Path out;
    private final Tenant mainTenant;
    private final LocalDate start;
    private final MalformedLines malformed;

    StorageWriter(Path out, Tenant mainTenant, LocalDate start, MalformedLines malformed) {
        this.out = out;
        this.mainTenant = mainTenant;
        this.start = start;
        this.malformed = malformed;
    }

    static String blobPath(Tenant tenant, Instant timestamp) {
        var t = timestamp.atZone(ZoneOffset.UTC);
        return String.format("events/storage/tenantId=%s/y=%04d/m=%02d/d=%02d/h=%02d/m=00/PT1H.json", tenant.id,
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour());
    }

    void write(List<EmailRow> emails, List<Redelivery> redeliveries) throws IOException {
        TreeMap<String, List<ExportRecord>> blobs = new TreeMap<>();
        for (EmailRow e : emails) {
            if (e.shape == OutputShape.STORAGE) {
                blobs.computeIfAbsent(blobPath(e.tenant, e.timestamp), k -> new ArrayList<>()).add(ExportRecord.of(e));
            }
        }
        for (Redelivery x : redeliveries) {
            if (x.shape == OutputShape.STORAGE) {
                blobs.computeIfAbsent(blobPath(x.original.tenant, x.original.timestamp), k -> new ArrayList<>())
                        .add(ExportRecord.of(x));
            }
        }
        if (blobs.isEmpty()) {
            return;
        }
        blobs.values().forEach(records -> records.sort(ExportRecord.BY_EXPORT_TIME));
        String mainTenantPart = "tenantId=" + mainTenant.id + "/";
        String gzipPath = busiest(blobs, mainTenantPart, start.plusDays(1), null);
        String splitPath = busiest(blobs, mainTenantPart, start.plusDays(2), gzipPath);

        List<String> ordinary = blobs.keySet().stream()
                .filter(k -> k.contains(mainTenantPart) && !k.equals(gzipPath) && !k.equals(splitPath)).toList();
        if (ordinary.isEmpty()) {
            ordinary = new ArrayList<>(blobs.keySet());
        }
        Map<String, List<String>> badLines = malformed.forStorage(ordinary, blobs);

        for (Map.Entry<String, List<ExportRecord>> blob : blobs.entrySet()) {
            List<String> lines = new ArrayList<>();
            for (ExportRecord record : blob.getValue()) {
                lines.add(TextOutput.json(record.toJson()));
            }
            List<String> bad = badLines.getOrDefault(blob.getKey(), List.of());
            for (int i = 0; i < bad.size(); i++) {
                lines.add(Math.min(lines.size(), 1 + i), bad.get(i));
            }
            String path = blob.getKey();
            if (path.equals(gzipPath)) {
                TextOutput.writeLines(out.resolve(path + ".gz"), lines, CRLF, true);
            } else if (path.equals(splitPath)) {
                int half = (lines.size() + 1) / 2;
                TextOutput.writeLines(out.resolve(path), lines.subList(0, half), CRLF, false);
                TextOutput.writeLines(out.resolve(path.replace("PT1H.json", "PT1H_1.json")),
                        lines.subList(half, lines.size()), CRLF, false);
            } else {
                TextOutput.writeLines(out.resolve(path), lines, CRLF, false);
            }
        }
    }

    /** The blob of the tenant and day with the most records, so that the special forms hold real data. */
    private static String busiest(TreeMap<String, List<ExportRecord>> blobs, String tenantPart, LocalDate day,
            String except) {
        String dayPart = String.format("/y=%04d/m=%02d/d=%02d/", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth());
        String best = null;
        for (Map.Entry<String, List<ExportRecord>> blob : blobs.entrySet()) {
            String key = blob.getKey();
            if (key.contains(tenantPart) && key.contains(dayPart) && !key.equals(except)
                    && (best == null || blob.getValue().size() > blobs.get(best).size())) {
                best = key;
            }
        }
        if (best == null) {
            for (String key : blobs.keySet()) {
                if (!key.equals(except)) {
                    return key;
                }
            }
        }
        return best;
    }
}
