package io.dkimtrend.sample;

import static io.dkimtrend.sample.GroundTruth.FAIL;
import static io.dkimtrend.sample.GroundTruth.NONE;
import static io.dkimtrend.sample.GroundTruth.OTHER;
import static io.dkimtrend.sample.GroundTruth.PASS;
import static io.dkimtrend.sample.RandomDraws.capitalize;
import static io.dkimtrend.sample.RandomDraws.fill;
import static io.dkimtrend.sample.RandomDraws.guid;
import static io.dkimtrend.sample.RandomDraws.hex;
import static io.dkimtrend.sample.RandomDraws.pick;
import static io.dkimtrend.sample.Vocabulary.ATTACHMENT_TYPES;
import static io.dkimtrend.sample.Vocabulary.CAMPAIGN_SUBJECTS;
import static io.dkimtrend.sample.Vocabulary.FIRST;
import static io.dkimtrend.sample.Vocabulary.LAST;
import static io.dkimtrend.sample.Vocabulary.ROLE_LOCALS;
import static io.dkimtrend.sample.Vocabulary.ROLE_NAMES;
import static io.dkimtrend.sample.Vocabulary.SENDER_DOMAINS;
import static io.dkimtrend.sample.Vocabulary.SUBJECTS_DE;
import static io.dkimtrend.sample.Vocabulary.SUBJECTS_EN;
import static io.dkimtrend.sample.Vocabulary.SUBJECTS_ES;
import static io.dkimtrend.sample.Vocabulary.SUBJECTS_FR;
import static io.dkimtrend.sample.Vocabulary.SUBJECTS_JA;
import static io.dkimtrend.sample.Vocabulary.SUBJECTS_NL;
import static io.dkimtrend.sample.Vocabulary.URL_PATHS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes EmailEvents rows with every column a real export has, consistent within a message (one row
 * per recipient, sharing sender, Subject, verdict and Timestamp) and plausible across the stream
 * (direction, bulk senders, languages, a few rows without NetworkMessageId or recipient). The DKIM
 * bucket is the caller's decision; this class only dresses it.
 *
 * <p>The order of the draws from {@code r} is part of the committed bundle's bytes: changing it
 * changes the sample, which then has to be regenerated.
 */
final class EmailRowFactory {

    record Party(String address, String displayName, String objectId) {}

    /** A spoofing campaign: one forged sender and Subject, many recipients of the target tenant. */
    record Campaign(Party sender, String mailFromAddress, String mailFromDomain, String ipPrefix, String subject,
            long clusterId, String url) {}

    private record Sender(Party party, String mailFrom, String mailFromDomain, String ipv4, boolean bulk) {}

    /** What the rows of one message share. */
    private static final class Message {
        Tenant tenant;
        int dkimBucket;
        boolean campaign;
        String direction;
        Sender sender;
        String subject;
        String language;
        FilteringVerdict verdict;
        JsonNode authenticationDetails;
        TimestampForms.Timestamp timestamp;
        UUID messageId;
        String internetMessageId;
        long clusterId;
        int urlCount;
        int attachmentCount;
        List<String> urls;
        List<String[]> attachments;
        String additionalFields;
        ArrayNode to;
        JsonNode cc;
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom r;
    private final List<Tenant> tenants;
    private final AuthenticationDetailsVariants authenticationDetails;

    EmailRowFactory(SplittableRandom r, List<Tenant> tenants) {
        this.r = r;
        this.tenants = tenants;
        this.authenticationDetails = new AuthenticationDetailsVariants(r);
    }

    /** A tenant by its share of the mail. */
    Tenant pickTenant() {
        double x = r.nextDouble();
        for (Tenant tenant : tenants) {
            if (x < tenant.weight) {
                return tenant;
            }
            x -= tenant.weight;
        }
        return tenants.get(0);
    }

    /** A DKIM bucket: {@code failRate} fail, a little other, about an eighth none, the rest pass. */
    int pickBucket(double failRate) {
        double x = r.nextDouble();
        if (x < failRate) return FAIL;
        x -= failRate;
        if (x < 0.015) return OTHER;
        x -= 0.015;
        if (x < 0.12) return NONE;
        return PASS;
    }

    Campaign campaign(Tenant target) {
        String[] sender = pick(r, SENDER_DOMAINS);
        String mailFromDomain = "mx" + r.nextInt(2, 9) + "." + sender[0];
        Party from = new Party("payroll@" + target.domain, target.name + " Payroll", null);
        return new Campaign(from, "return-" + hex(r, 8) + "@" + mailFromDomain, mailFromDomain,
                "198.51.100." + (150 + r.nextInt(50)) / 10 * 10, fill(r, pick(r, CAMPAIGN_SUBJECTS)),
                3_100_000_000_000L + r.nextLong(100_000_000_000L),
                "https://" + target.domain.replace('.', '-') + "-payroll." + pick(r, new String[] {"example", "test"})
                        + "/verify?u=" + hex(r, 12));
    }

    /** One message with {@code 1..maxRecipients} rows, one per recipient, sharing Timestamp and verdict. */
    List<EmailRow> message(Instant second, Tenant tenant, int dkimBucket, Campaign campaign, int maxRecipients) {
        Message m = new Message();
        m.tenant = tenant;
        m.dkimBucket = dkimBucket;
        m.campaign = campaign != null;
        m.direction = direction(dkimBucket, campaign);
        int domainIndex = r.nextInt(SENDER_DOMAINS.length);
        String[] domain = SENDER_DOMAINS[domainIndex];
        m.sender = sender(m.direction, tenant, domainIndex, campaign);
        List<Party> recipients = recipients(m.direction, tenant, domain, m.sender.party(), maxRecipients);
        subject(m, campaign);
        m.verdict = FilteringVerdict.draw(r, m.direction, dkimBucket, m.sender.bulk(), m.campaign);
        m.authenticationDetails = authenticationDetails.draw(dkimBucket, m.direction, m.campaign);
        m.timestamp = TimestampForms.draw(r, second);
        ids(m, campaign);
        links(m, campaign, domain);
        m.additionalFields = r.nextDouble() < 0.5 ? null
                : "{\"ReceivedHops\":" + r.nextInt(1, 7) + ",\"IsMailingList\":" + m.sender.bulk() + "}";
        addressing(m, recipients);
        List<EmailRow> rows = new ArrayList<>();
        for (Party recipient : recipients) {
            rows.add(row(m, recipient));
        }
        return rows;
    }

    private String direction(int dkimBucket, Campaign campaign) {
        double x = r.nextDouble();
        if (campaign != null) {
            return "Inbound";
        } else if (dkimBucket == NONE) {
            return x < 0.65 ? "Intra-org" : "Inbound";
        } else if (dkimBucket == PASS) {
            return x < 0.84 ? "Inbound" : x < 0.92 ? "Outbound" : "Intra-org";
        }
        return x < 0.95 ? "Inbound" : "Outbound";
    }

    /** Inbound mail comes from a brand (often a bulk mailer) or a person; other mail from a mailbox of the tenant. */
    private Sender sender(String direction, Tenant tenant, int domainIndex, Campaign campaign) {
        String[] domain = SENDER_DOMAINS[domainIndex];
        if (campaign != null) {
            String prefix = campaign.ipPrefix();
            int lastDot = prefix.lastIndexOf('.');
            String ipv4 = prefix.substring(0, lastDot + 1)
                    + (Integer.parseInt(prefix.substring(lastDot + 1)) + r.nextInt(10));
            return new Sender(campaign.sender(), campaign.mailFromAddress(), campaign.mailFromDomain(), ipv4, false);
        }
        if (direction.equals("Inbound")) {
            Party party;
            String mailFrom;
            String mailFromDomain;
            boolean bulk = false;
            if (r.nextDouble() < 0.55) {
                int role = r.nextInt(ROLE_LOCALS.length);
                String display = ROLE_NAMES[role].isEmpty() ? domain[1] : domain[1] + " " + ROLE_NAMES[role];
                party = new Party(ROLE_LOCALS[role] + "@" + domain[0], display, null);
                bulk = role >= 4 && role <= 5 || r.nextDouble() < 0.3;
                mailFromDomain = bulk ? "em" + r.nextInt(100, 999) + "." + domain[0] : domain[0];
                mailFrom = bulk ? "bounces+" + r.nextInt(100_000, 999_999) + "@" + mailFromDomain : party.address();
            } else {
                party = person(domain[0]);
                mailFromDomain = domain[0];
                mailFrom = party.address();
            }
            return new Sender(party, mailFrom, mailFromDomain, ipv4(domainIndex), bulk);
        }
        Party mailbox = mailbox(tenant);
        return new Sender(mailbox, mailbox.address(), tenant.domain,
                direction.equals("Outbound") ? tenant.egressIp : null, false);
    }

    /** Each sender domain keeps to a few addresses of its own documentation range. */
    private String ipv4(int domainIndex) {
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        return prefixes[domainIndex % 3] + (10 + (domainIndex * 7) % 200 + r.nextInt(3));
    }

    private List<Party> recipients(String direction, Tenant tenant, String[] domain, Party sender, int maxRecipients) {
        int count = 1;
        double y = r.nextDouble();
        if (y >= 0.80) count = y < 0.93 ? 2 : y < 0.98 ? 3 : 4;
        count = Math.max(1, Math.min(count, maxRecipients));
        List<Party> recipients = new ArrayList<>();
        while (recipients.size() < count) {
            Party p = direction.equals("Outbound") ? person(domain[0]) : mailbox(tenant);
            if (!p.address().equals(sender.address())
                    && recipients.stream().noneMatch(q -> q.address().equals(p.address()))) {
                recipients.add(p);
            }
        }
        return recipients;
    }

    private Party person(String domain) {
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        return new Party(first + "." + last + "@" + domain, capitalize(first) + " " + capitalize(last), null);
    }

    private Party mailbox(Tenant tenant) {
        int m = r.nextInt(tenant.mailboxes.size());
        return new Party(tenant.mailboxes.get(m), tenant.displayNames.get(m), tenant.objectIds.get(m));
    }

    /** Mostly English, some German, French, Dutch, Spanish and Japanese. */
    private void subject(Message m, Campaign campaign) {
        if (campaign != null) {
            m.subject = campaign.subject();
            m.language = "en";
            return;
        }
        double z = r.nextDouble();
        String[] pool;
        if (z < 0.75) {
            pool = SUBJECTS_EN;
            m.language = "en";
        } else if (z < 0.85) {
            pool = SUBJECTS_DE;
            m.language = "de";
        } else if (z < 0.90) {
            pool = SUBJECTS_FR;
            m.language = "fr";
        } else if (z < 0.94) {
            pool = SUBJECTS_NL;
            m.language = "nl";
        } else if (z < 0.98) {
            pool = SUBJECTS_ES;
            m.language = "es";
        } else {
            pool = SUBJECTS_JA;
            m.language = "ja";
        }
        m.subject = fill(r, pick(r, pool));
    }

    private void ids(Message m, Campaign campaign) {
        m.messageId = guid(r);
        String host = m.direction.equals("Inbound") ? m.sender.mailFromDomain() : m.tenant.domain;
        m.internetMessageId = "<" + hex(r, 16).toUpperCase(Locale.ROOT) + "@" + (campaign != null ? "mail." : "")
                + host + ">";
        m.clusterId = campaign != null ? campaign.clusterId() : 3_000_000_000_000L + r.nextLong(400_000_000_000L);
    }

    /** URLs and attachments; the first few are kept for the EmailUrlInfo and EmailAttachmentInfo records. */
    private void links(Message m, Campaign campaign, String[] domain) {
        m.urlCount = campaign != null ? 1 : r.nextDouble() < 0.35 ? 0 : r.nextInt(1, 14);
        m.attachmentCount = campaign != null ? 0 : r.nextDouble() < 0.84 ? 0 : r.nextInt(1, 4);
        m.urls = new ArrayList<>();
        if (campaign != null) {
            m.urls.add(campaign.url());
        } else {
            String urlHost = m.direction.equals("Inbound") ? domain[0] : m.tenant.domain;
            for (int u = 0; u < Math.min(m.urlCount, 3); u++) {
                m.urls.add("https://" + (u == 0 ? "www." : "links.") + urlHost + "/" + pick(r, URL_PATHS) + "?id="
                        + hex(r, 10));
            }
        }
        m.attachments = new ArrayList<>();
        for (int a = 0; a < m.attachmentCount; a++) {
            String[] type = pick(r, ATTACHMENT_TYPES);
            m.attachments.add(new String[] {fill(r, type[1]), type[0], hex(r, 64),
                Integer.toString(r.nextInt(2_000, 4_000_000))});
        }
    }

    /** To and Cc: every recipient in one of them; an empty Cc is sometimes null. */
    private void addressing(Message m, List<Party> recipients) {
        m.to = NODES.arrayNode();
        int toCount = recipients.size() == 1 ? 1 : r.nextInt(1, recipients.size() + 1);
        for (int i = 0; i < toCount; i++) {
            m.to.add(recipients.get(i).address());
        }
        if (toCount == recipients.size()) {
            m.cc = r.nextDouble() < 0.2 ? NullNode.instance : NODES.arrayNode();
        } else {
            ArrayNode cc = NODES.arrayNode();
            for (int i = toCount; i < recipients.size(); i++) {
                cc.add(recipients.get(i).address());
            }
            m.cc = cc;
        }
    }

    /** The recipient's row; rarely without NetworkMessageId or recipient (absent or null), sometimes in mixed case. */
    private EmailRow row(Message m, Party recipient) {
        Sender sender = m.sender;
        FilteringVerdict verdict = m.verdict;
        EmailRow e = new EmailRow();
        e.timestamp = m.timestamp.instant();
        e.tenant = m.tenant;
        e.dkimBucket = m.dkimBucket;
        e.messageId = m.messageId;
        e.campaign = m.campaign;
        e.deliveryLocation = verdict.deliveryLocation;
        e.urls = m.urls;
        e.attachments = m.attachments;
        e.senderFrom = sender.party().address();
        e.senderDisplay = sender.party().displayName();
        e.senderObjectId = sender.party().objectId();
        e.recipientObjectId = recipient.objectId();

        int idMode = r.nextDouble() < 0.006 ? 1 + r.nextInt(2) : 0; // 1 absent, 2 null
        int recipientMode = r.nextDouble() < 0.006 ? 1 + r.nextInt(2) : 0;
        String recipientText = recipient.address();
        if (r.nextDouble() < 0.06) {
            int at = recipientText.indexOf('@');
            String[] local = recipientText.substring(0, at).split("\\.");
            recipientText = capitalize(local[0]) + (local.length > 1 ? "." + capitalize(local[1]) : "") + "@"
                    + capitalize(recipientText.substring(at + 1));
        }
        e.networkMessageId = idMode == 0 ? m.messageId : null;
        e.recipient = recipientMode == 0 ? recipientText : null;

        String from = sender.party().address();
        ObjectNode p = NODES.objectNode();
        p.put("Timestamp", m.timestamp.text());
        if (idMode != 1) p.put("NetworkMessageId", e.networkMessageId == null ? null : e.networkMessageId.toString());
        p.put("InternetMessageId", m.internetMessageId);
        p.put("SenderMailFromAddress", sender.mailFrom());
        p.put("SenderFromAddress", from);
        p.put("SenderDisplayName", sender.party().displayName());
        p.put("SenderObjectId", sender.party().objectId());
        p.put("SenderMailFromDomain", sender.mailFromDomain());
        p.put("SenderFromDomain", from.substring(from.indexOf('@') + 1));
        p.put("SenderIPv4", sender.ipv4());
        if (recipientMode != 1) p.put("RecipientEmailAddress", e.recipient);
        p.put("RecipientObjectId", recipient.objectId());
        p.put("Subject", m.subject);
        p.put("EmailClusterId", m.clusterId);
        p.put("EmailDirection", m.direction);
        p.put("DeliveryAction", verdict.deliveryAction);
        p.put("DeliveryLocation", verdict.deliveryLocation);
        p.put("ThreatTypes", verdict.threatTypes);
        p.put("DetectionMethods", verdict.detectionMethods);
        p.put("ConfidenceLevel", verdict.confidenceLevel);
        p.put("BulkComplaintLevel", verdict.bulkComplaintLevel);
        p.put("EmailAction", verdict.emailAction);
        p.put("EmailActionPolicy", verdict.emailActionPolicy);
        p.set("AuthenticationDetails", m.authenticationDetails);
        p.put("AttachmentCount", m.attachmentCount);
        p.put("UrlCount", m.urlCount);
        p.put("EmailLanguage", m.language);
        p.put("Connectors", m.direction.equals("Inbound") ? m.tenant.inboundConnector : null);
        p.put("OrgLevelAction", verdict.orgLevelAction);
        p.put("UserLevelAction", verdict.userLevelAction);
        p.put("ReportId", Long.toString(r.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L)));
        p.put("AdditionalFields", m.additionalFields);
        p.set("To", m.to);
        p.set("Cc", m.cc);
        p.put("IsFirstContact", m.direction.equals("Inbound") && r.nextDouble() < 0.15);
        e.properties = p;
        return e;
    }
}
