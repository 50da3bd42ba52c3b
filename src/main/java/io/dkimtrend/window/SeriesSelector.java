package io.dkimtrend.window;

import io.dkimtrend.model.EmailEvent;
import java.io.Serializable;
import java.util.Locale;

/**
 * The series an email counts in: always the overall series {@code all}, and with series split by
 * tenant also its tenant's. The caller must not change the array it gets.
 */
@FunctionalInterface
public interface SeriesSelector extends Serializable {

    /** The overall series, over every tenant. */
    String ALL = "all";

    String[] seriesOf(EmailEvent email);

    /** One series, {@code all}. */
    static SeriesSelector overall() {
        String[] all = {ALL};
        return email -> all;
    }

    /**
     * {@code all} and the email's tenant (its tenantId lower-cased, as GUIDs compare); an email
     * without a tenant counts in {@code all} only.
     */
    static SeriesSelector overallAndTenant() {
        String[] all = {ALL};
        return email -> {
            String tenant = email.tenantId == null ? "" : email.tenantId.strip().toLowerCase(Locale.ROOT);
            return tenant.isEmpty() || tenant.equals(ALL) ? all : new String[] {ALL, tenant};
        };
    }
}
