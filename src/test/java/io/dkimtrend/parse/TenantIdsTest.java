package io.dkimtrend.parse;

import static io.dkimtrend.parse.MessageParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which tenant an email counts under when the record and its columns both name one: the record's
 * {@code tenantId} (Event Hubs) wins over the {@code TenantId} column, wherever it stands. {@code TS}
 * stands for a valid Timestamp column.
 */
class TenantIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", delimiter = '|', quoteCharacter = '`', textBlock = """
            {"tenantId":"t1","properties":{TS,"TenantId":"t2"}}             | t1
            {"properties":{TS,"TenantId":"t2"},"tenantId":"t1"}             | t1
            {"TenantId":"t1","properties":{TS,"TenantId":"t2"}}             | t1
            {"properties":{TS,"TenantId":"t2"}}                             | t2
            {"tenantId":null,"properties":{TS,"TenantId":"t2"}}             | t2
            {"tenantId":"t1","TenantId":"t3","properties":{TS}}             | t3
            {"tenantId":"t1","TenantId":null,"properties":{TS}}             | t1
            {"properties":{TS,"TenantId":"t2","TenantId":"t3"}}             | t2
            {"properties":{TS,"TenantId":7}}                                | null
            {"properties":{TS,"tenantId":"t2"}}                             | null
            {TS,"TenantId":"t2"}                                            | t2
            {TS,"tenantId":"t2"}                                            | t2
            {"records":[{"tenantId":"t1","properties":{TS,"TenantId":"t2"}}]} | t1
            {"records":[{"properties":{TS,"TenantId":"t2"}}],"tenantId":"t9"} | t2
            """)
    void theRecordsTenantWinsOverTheColumn(String message, String tenant) {
        String json = message.replace("TS", "\"Timestamp\":\"2026-11-03T10:00:00Z\"");
        assertThat(parse(json)).singleElement().satisfies(item -> assertThat(item.email.tenantId).isEqualTo(tenant));
    }
}
