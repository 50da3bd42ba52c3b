package io.dkimtrend.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import java.io.IOException;

/**
 * Classifies an email from its {@code AuthenticationDetails}: normally a JSON-encoded string such
 * as {@code {"SPF":"pass","DKIM":"fail","DMARC":"pass","CompAuth":"fail"}}, sometimes a JSON object.
 * Keys and values are compared ignoring letter case; key order, whitespace and missing keys do not
 * matter. Anything unusable (null, empty, not JSON, no DKIM key) leaves the email at DKIM
 * {@code NONE}, which is not a failure.
 */
public final class AuthenticationDetails {

    private AuthenticationDetails() {}

    /** Applies the verdicts found in a JSON-encoded string. */
    static void classifyEncoded(String encoded, JsonFactory factory, EmailEvent email) {
        if (encoded != null) {
            classifyEncoded(encoded.toCharArray(), 0, encoded.length(), factory, email);
        }
    }

    /**
     * Applies the verdicts found in the JSON-encoded string held in {@code text[offset, offset+length)}:
     * the outer parser's own buffer, read in place, so that no String is made of it.
     */
    static void classifyEncoded(char[] text, int offset, int length, JsonFactory factory, EmailEvent email) {
        try (JsonParser parser = factory.createParser(text, offset, length)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                classifyObject(parser, email);
            }
        } catch (IOException notJson) {
            // Unusable details count as "no verdict"; the email itself is still counted.
            email.dkim = DkimVerdict.NONE;
            email.spfFail = email.dmarcFail = email.compAuthFail = false;
        }
    }

    /** Applies the verdicts of the object the parser stands at (START_OBJECT), consuming it. */
    static void classifyObject(JsonParser parser, EmailEvent email) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                parser.skipChildren();
                continue;
            }
            String verdict = parser.getText();
            if (key.equalsIgnoreCase("DKIM")) {
                email.dkim = dkimVerdict(verdict);
            } else if (key.equalsIgnoreCase("SPF")) {
                email.spfFail = verdict.equalsIgnoreCase("fail");
            } else if (key.equalsIgnoreCase("DMARC")) {
                email.dmarcFail = verdict.equalsIgnoreCase("fail");
            } else if (key.equalsIgnoreCase("CompAuth")) {
                email.compAuthFail = verdict.equalsIgnoreCase("fail");
            }
        }
    }

    static DkimVerdict dkimVerdict(String value) {
        if (value.equalsIgnoreCase("fail")) return DkimVerdict.FAIL;
        if (value.equalsIgnoreCase("pass")) return DkimVerdict.PASS;
        if (value.equalsIgnoreCase("none")) return DkimVerdict.NONE;
        return DkimVerdict.OTHER;
    }
}
