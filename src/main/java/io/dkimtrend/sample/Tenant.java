package io.dkimtrend.sample;

import static io.dkimtrend.sample.RandomDraws.capitalize;
import static io.dkimtrend.sample.RandomDraws.guid;
import static io.dkimtrend.sample.RandomDraws.hex;
import static io.dkimtrend.sample.RandomDraws.pick;
import static io.dkimtrend.sample.Vocabulary.FIRST;
import static io.dkimtrend.sample.Vocabulary.LAST;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An organisation whose Defender tenant streams. A real stream mixes tenants of very different size,
 * and their mailboxes and devices recur from row to row; both matter to grouping (envelopes and
 * storage folders are per tenant) and to deduplication (recipients repeat).
 */
final class Tenant {

    final String id;
    final String name;
    final String domain;
    /** Share of the stream's mail. */
    final double weight;
    /** Connector named on inbound mail, null when mail arrives directly. */
    final String inboundConnector;
    final String egressIp;
    final List<String> mailboxes = new ArrayList<>();
    final List<String> displayNames = new ArrayList<>();
    final List<String> objectIds = new ArrayList<>();
    final List<String> deviceNames = new ArrayList<>();
    final List<String> deviceIds = new ArrayList<>();

    private Tenant(String id, String name, String domain, double weight, String inboundConnector, String egressIp) {
        this.id = id;
        this.name = name;
        this.domain = domain;
        this.weight = weight;
        this.inboundConnector = inboundConnector;
        this.egressIp = egressIp;
    }

    /** Contoso (most of the mail, the spoofing campaigns' target), Woodgrove Bank and Litware. */
    static List<Tenant> threeOrganisations(SplittableRandom r) {
        Object[][] specs = {
            {"Contoso", "contoso.com", 0.70, 160, null, "198.51.100.20"},
            {"Woodgrove Bank", "woodgrovebank.com", 0.20, 60, "Inbound from Woodgrove mail gateway", "198.51.100.71"},
            {"Litware", "litwareinc.com", 0.10, 30, null, "203.0.113.200"}};
        List<Tenant> tenants = new ArrayList<>();
        for (Object[] spec : specs) {
            Tenant tenant = new Tenant(guid(r).toString(), (String) spec[0], (String) spec[1], (Double) spec[2],
                    (String) spec[4], (String) spec[5]);
            int mailboxes = (Integer) spec[3];
            while (tenant.mailboxes.size() < mailboxes) {
                String first = pick(r, FIRST);
                String last = pick(r, LAST);
                String address = first + "." + last + "@" + tenant.domain;
                if (!tenant.mailboxes.contains(address)) {
                    tenant.mailboxes.add(address);
                    tenant.displayNames.add(capitalize(first) + " " + capitalize(last));
                    tenant.objectIds.add(guid(r).toString());
                }
            }
            String prefix = tenant.domain.substring(0, 2).toUpperCase(Locale.ROOT);
            for (int d = 0; d < mailboxes / 3; d++) {
                tenant.deviceNames.add((d % 4 == 0 ? "LT-" : "WS-") + prefix + String.format("%04d", r.nextInt(10_000))
                        + "." + tenant.domain.substring(0, tenant.domain.indexOf('.')) + ".local");
                tenant.deviceIds.add(hex(r, 40));
            }
            tenants.add(tenant);
        }
        return tenants;
    }
}
