package io.dkimtrend.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.dkimtrend.model.DkimVerdict;
import io.dkimtrend.model.EmailEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** AuthenticationDetails as the JSON-encoded string Defender sends: the table of verdicts. */
class AuthenticationDetailsTest {

    private static final JsonFactory JSON = new JsonFactory();

    @ParameterizedTest(name = "{0} -> DKIM {1}, SPF fail {2}, DMARC fail {3}, CompAuth fail {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"SPF":"pass","DKIM":"fail","DMARC":"pass","CompAuth":"fail"}   | FAIL  | false | false | true
            {"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}   | PASS  | false | false | false
            {"DKIM":"none","DMARC":"none"}                                  | NONE  | false | false | false
            {"CompAuth":"fail","DMARC":"fail","DKIM":"FAIL","SPF":"fail"}   | FAIL  | true  | true  | true
            { "SPF" : "softfail" ,  "DKIM" : "Fail" }                       | FAIL  | false | false | false
            {"dkim":"fail"}                                                 | FAIL  | false | false | false
            {"DKIM":"temperror"}                                            | OTHER | false | false | false
            {"DKIM":"permerror","SPF":"FAIL"}                               | OTHER | true  | false | false
            {"SPF":"pass","DMARC":"pass"}                                   | NONE  | false | false | false
            {"DKIM":null}                                                   | NONE  | false | false | false
            {"DKIM":["fail"]}                                               | NONE  | false | false | false
            {"DKIM":"fail"                                                  | NONE  | false | false | false
            n/a                                                             | NONE  | false | false | false
            `""`                                                            | NONE  | false | false | false
            {}                                                              | NONE  | false | false | false
            ["DKIM","fail"]                                                 | NONE  | false | false | false
            {"Note":"DKIM:fail","DKIM":"pass"}                              | PASS  | false | false | false
            """)
    void classifiesEncodedDetails(String encoded, DkimVerdict dkim, boolean spfFail, boolean dmarcFail,
            boolean compAuthFail) {
        EmailEvent email = new EmailEvent();
        AuthenticationDetails.classifyEncoded(encoded.equals("\"\"") ? "" : encoded, JSON, email);
        assertThat(email.dkim).isEqualTo(dkim);
        assertThat(email.spfFail).isEqualTo(spfFail);
        assertThat(email.dmarcFail).isEqualTo(dmarcFail);
        assertThat(email.compAuthFail).isEqualTo(compAuthFail);
    }
}
