package io.dkimtrend.sample;

import static io.dkimtrend.sample.GroundTruth.FAIL;
import static io.dkimtrend.sample.GroundTruth.NONE;
import static io.dkimtrend.sample.GroundTruth.PASS;
import static io.dkimtrend.sample.RandomDraws.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * AuthenticationDetails in the many forms real rows carry it: a compact JSON-encoded string, one with
 * spaces or line breaks, a JSON object, keys in any order or missing, the verdict in any case, and for
 * DKIM "none" also null, empty, not JSON or without a DKIM key. Each form is drawn for a DKIM bucket
 * decided beforehand, so the truth never depends on how the value is written.
 */
final class AuthenticationDetailsVariants {

    private static final int COMPACT = 0;
    private static final int MISSING_KEYS = 1;
    private static final int SPACED = 2;
    private static final int OBJECT = 3;

    private final SplittableRandom r;

    /** Draws from the caller's random, interleaved with its other draws. */
    AuthenticationDetailsVariants(SplittableRandom r) {
        this.r = r;
    }

    /** An AuthenticationDetails value whose DKIM bucket is {@code bucket}. */
    JsonNode draw(int bucket, String direction, boolean campaign) {
        String dkim;
        if (bucket == NONE) {
            double x = r.nextDouble();
            if (x < 0.12) return NullNode.instance;
            if (x < 0.22) return TextNode.valueOf("");
            if (x < 0.30) return TextNode.valueOf(r.nextBoolean() ? "n/a" : "unavailable");
            if (x < 0.50) {
                LinkedHashMap<String, String> noDkim = new LinkedHashMap<>();
                String spf = pick(r, new String[] {"pass", "pass", "softfail", "none"});
                noDkim.put("SPF", spf);
                noDkim.put("DMARC", spf.equals("pass") ? "bestguesspass" : "none");
                if (r.nextBoolean()) noDkim.put("CompAuth", spf.equals("pass") ? "pass" : "softpass");
                return render(noDkim, style(false));
            }
            dkim = "none";
        } else if (bucket == FAIL) {
            double x = r.nextDouble();
            dkim = x < 0.86 ? "fail" : x < 0.93 ? "FAIL" : "Fail";
        } else if (bucket == PASS) {
            double x = r.nextDouble();
            dkim = x < 0.96 ? "pass" : x < 0.98 ? "Pass" : "PASS";
        } else {
            dkim = pick(r, new String[] {"temperror", "temperror", "permerror", "permerror", "policy", "neutral",
                "TempError"});
        }
        LinkedHashMap<String, String> values = new LinkedHashMap<>();
        if (bucket == NONE && direction.equals("Intra-org") && r.nextDouble() < 0.6) {
            values.put("DKIM", "none");
            values.put("DMARC", "none");
            return render(values, r.nextDouble() < 0.9 ? COMPACT : style(false));
        }
        String spf;
        String dmarc;
        String compAuth;
        switch (bucket) {
            case FAIL -> {
                spf = campaign ? pick(r, new String[] {"fail", "softfail"})
                        : pick(r, new String[] {"pass", "pass", "fail", "softfail", "none"});
                dmarc = spf.equals("pass") ? "pass" : "fail";
                compAuth = dmarc.equals("pass") ? "pass" : "fail";
            }
            case PASS -> {
                double x = r.nextDouble();
                spf = x < 0.9 ? "pass" : x < 0.95 ? "softfail" : "neutral";
                dmarc = "pass";
                compAuth = "pass";
            }
            case NONE -> {
                double x = r.nextDouble();
                spf = x < 0.7 ? "pass" : x < 0.9 ? "none" : "softfail";
                dmarc = spf.equals("pass") ? "bestguesspass" : "none";
                compAuth = spf.equals("pass") ? "pass" : r.nextBoolean() ? "softpass" : "none";
            }
            default -> {
                spf = r.nextDouble() < 0.7 ? "pass" : "temperror";
                dmarc = spf.equals("pass") ? "pass" : "temperror";
                compAuth = spf.equals("pass") ? "pass" : "softpass";
            }
        }
        values.put("SPF", spf);
        values.put("DKIM", dkim);
        values.put("DMARC", dmarc);
        values.put("CompAuth", compAuth);
        int style = style(true);
        if (style == MISSING_KEYS) {
            // DKIM stays: the bucket was decided from it
            List<String> droppable = new ArrayList<>(List.of("SPF", "DMARC", "CompAuth"));
            int drop = 1 + r.nextInt(2);
            for (int i = 0; i < drop; i++) {
                values.remove(droppable.remove(r.nextInt(droppable.size())));
            }
            style = COMPACT;
        }
        return render(values, style);
    }

    private int style(boolean allowMissing) {
        double x = r.nextDouble();
        if (x < 0.78) return COMPACT;
        if (x < 0.86) return allowMissing ? MISSING_KEYS : COMPACT;
        if (x < 0.93) return SPACED;
        return OBJECT;
    }

    private JsonNode render(LinkedHashMap<String, String> values, int style) {
        List<String> keys = new ArrayList<>(values.keySet());
        if (r.nextDouble() < 0.3) {
            for (int i = keys.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                String k = keys.get(i);
                keys.set(i, keys.get(j));
                keys.set(j, k);
            }
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (String key : keys) {
            object.put(key, values.get(key));
        }
        if (style == OBJECT) {
            return object;
        }
        if (style == SPACED) {
            StringBuilder spaced = new StringBuilder();
            boolean lines = r.nextBoolean();
            spaced.append(lines ? "{\n  " : "{ ");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) spaced.append(lines ? ",\n  " : " , ");
                spaced.append('"').append(keys.get(i)).append(lines ? "\": \"" : "\" : \"")
                        .append(values.get(keys.get(i))).append('"');
            }
            spaced.append(lines ? "\n}" : " }");
            return TextNode.valueOf(spaced.toString());
        }
        return TextNode.valueOf(TextOutput.json(object));
    }
}
