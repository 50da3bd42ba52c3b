package io.dkimtrend.sample;

import static io.dkimtrend.sample.GroundTruth.FAIL;
import static io.dkimtrend.sample.GroundTruth.OTHER;
import static io.dkimtrend.sample.RandomDraws.pick;

import java.util.SplittableRandom;

/**
 * What Exchange Online Protection decided about a message: threat, detection, delivery action and
 * location, bulk level, overrides. Its own class because these ten columns move together (a phish
 * goes to quarantine with its policy) and because a job must ignore all of them: mail failing DKIM
 * is junked more often here, as in reality, yet only AuthenticationDetails decides the count.
 */
final class FilteringVerdict {

    String threatTypes;
    String detectionMethods;
    String confidenceLevel;
    String deliveryAction = "Delivered";
    String deliveryLocation = "Inbox/folder";
    String emailAction;
    String emailActionPolicy;
    Integer bulkComplaintLevel;
    String orgLevelAction;
    String userLevelAction;

    private FilteringVerdict() {}

    static FilteringVerdict draw(SplittableRandom r, String direction, int dkimBucket, boolean bulk,
            boolean campaign) {
        FilteringVerdict verdict = new FilteringVerdict();
        if (campaign) {
            verdict.threatTypes = "Phish";
            verdict.detectionMethods = "{\"Phish\":[\"Spoof DMARC\"]}";
            verdict.confidenceLevel = "{\"Phish\":\"High\"}";
            verdict.quarantine("Antiphish Spoof DMARC");
            verdict.bulkComplaintLevel = 0;
        } else if (direction.equals("Inbound")) {
            verdict.inbound(r, dkimBucket, bulk);
        } else if (direction.equals("Outbound")) {
            verdict.deliveryLocation = "On-premises/external";
        }
        return verdict;
    }

    private void inbound(SplittableRandom r, int dkimBucket, boolean bulk) {
        double v = r.nextDouble();
        double spam = dkimBucket == FAIL ? 0.30 : dkimBucket == OTHER ? 0.20 : 0.08;
        bulkComplaintLevel = bulk ? r.nextInt(4, 10) : r.nextInt(0, 3);
        if (v < spam) {
            threatTypes = "Spam";
            detectionMethods = bulk ? "{\"Spam\":[\"Bulk\"]}"
                    : pick(r, new String[] {"{\"Spam\":[\"Mixed analysis detection\"]}",
                        "{\"Spam\":[\"Advanced filter\"]}", "{\"Spam\":[\"Domain reputation\"]}"});
            confidenceLevel = r.nextBoolean() ? "{\"Spam\":\"Normal\"}" : "{\"Spam\":\"High\"}";
            deliveryAction = "Junked";
            deliveryLocation = "Junk folder";
            emailAction = "Move to junk mail folder";
            emailActionPolicy = bulk ? "Antispam Bulk" : "Antispam Spam";
        } else if (v < spam + 0.02) {
            threatTypes = "Phish";
            detectionMethods = pick(r, new String[] {"{\"Phish\":[\"URL detonation reputation\"]}",
                "{\"Phish\":[\"Impersonation user\"]}", "{\"Phish\":[\"Fingerprint matching\"]}"});
            confidenceLevel = "{\"Phish\":\"High\"}";
            quarantine("Antiphish User impersonation");
        } else if (v < spam + 0.025) {
            threatTypes = "Malware";
            detectionMethods = "{\"Malware\":[\"File detonation\"]}";
            confidenceLevel = "{\"Malware\":\"High\"}";
            quarantine("Antimalware");
        } else {
            if (r.nextDouble() < 0.35) {
                confidenceLevel = "{\"Spam\":\"Low\"}";
            }
            double w = r.nextDouble();
            if (w < 0.05) {
                orgLevelAction = "Allow";
            } else if (w < 0.08) {
                userLevelAction = "Allow";
            }
        }
    }

    private void quarantine(String policy) {
        deliveryAction = "Blocked";
        deliveryLocation = "Quarantine";
        emailAction = "Send to quarantine";
        emailActionPolicy = policy;
    }
}
