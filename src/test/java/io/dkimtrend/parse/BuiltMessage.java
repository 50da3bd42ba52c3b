package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message in one of the three shapes, built from records whose fate is known in advance: an
 * email (counted, failing DKIM or not), a record of another table (skipped) or a broken record
 * (dead-lettered). Free text may hold any Unicode, written as valid JSON (lone surrogates escaped).
 */
record BuiltMessage(byte[] bytes, int emails, int dkimFailures, int skipped, int deadLetters, String shape) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What one record is built to be. */
    enum Fate { EMAIL, OTHER_TABLE, DEAD }

    /** One record: its JSON value (a map, or anything else for an element that is not an object) and fate. */
    record Part(Object json, Fate fate, boolean dkimFail) {}

    static BuiltMessage envelope(List<Part> parts) {
        List<Object> records = new ArrayList<>();
        parts.forEach(part -> records.add(part.json()));
        return of(Map.of("records", records), parts, "envelope of " + parts.size());
    }

    /** A bare record or a flat row: the message is the record itself (never a non-object). */
    static BuiltMessage single(Part part, String shape) {
        return of(part.json(), List.of(part), shape);
    }

    private static BuiltMessage of(Object root, List<Part> parts, String shape) {
        int emails = 0, failures = 0, skipped = 0, dead = 0;
        for (Part part : parts) {
            switch (part.fate()) {
                case EMAIL -> {
                    emails++;
                    if (part.dkimFail()) failures++;
                }
                case OTHER_TABLE -> skipped++;
                case DEAD -> dead++;
            }
        }
        return new BuiltMessage(json(root), emails, failures, skipped, dead, shape);
    }

    long records() {
        return emails + skipped + deadLetters;
    }

    /** UTF-8 JSON; Jackson's byte writer escapes lone surrogates as {@code \ud800}, so the text stays valid. */
    static byte[] json(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jsonText(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public String toString() {
        return shape + " (" + emails + " emails, " + skipped + " skipped, " + deadLetters + " dead): "
                + new String(bytes, 0, Math.min(bytes.length, 2_000), java.nio.charset.StandardCharsets.UTF_8);
    }
}
