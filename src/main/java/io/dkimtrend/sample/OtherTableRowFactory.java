package io.dkimtrend.sample;

import static io.dkimtrend.sample.RandomDraws.hex;
import static io.dkimtrend.sample.RandomDraws.pick;
import static io.dkimtrend.sample.TimestampForms.FRACTION7_Z;
import static io.dkimtrend.sample.Vocabulary.SENDER_DOMAINS;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rows of the tables that share the stream with EmailEvents: EmailUrlInfo and EmailAttachmentInfo
 * about the same messages (same NetworkMessageId, Timestamp within the second), and DeviceEvents.
 * They carry a Timestamp, a NetworkMessageId and a recipient like an email row does, so a job that
 * does not look at the category would count them; they must be skipped.
 */
final class OtherTableRowFactory {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom r;

    OtherTableRowFactory(SplittableRandom r) {
        this.r = r;
    }

    ObjectNode urlInfo(EmailRow e, String url) {
        ObjectNode p = NODES.objectNode();
        p.put("Timestamp", FRACTION7_Z.format(e.timestamp.truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(r.nextInt(10_000_000) * 100L)));
        p.put("NetworkMessageId", e.messageId.toString());
        p.put("Url", url);
        String host = url.substring(url.indexOf("//") + 2);
        p.put("UrlDomain", host.substring(0, host.indexOf('/')));
        p.put("UrlLocation", r.nextDouble() < 0.9 ? "Body" : "Subject");
        p.put("ReportId", Long.toString(r.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L)));
        return p;
    }

    ObjectNode attachmentInfo(EmailRow e, String[] attachment) {
        ObjectNode p = NODES.objectNode();
        p.put("Timestamp", FRACTION7_Z.format(e.timestamp.truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(r.nextInt(10_000_000) * 100L)));
        p.put("NetworkMessageId", e.messageId.toString());
        p.put("SenderFromAddress", e.senderFrom);
        p.put("SenderDisplayName", e.senderDisplay);
        p.put("SenderObjectId", e.senderObjectId);
        p.put("RecipientEmailAddress", e.recipient);
        p.put("RecipientObjectId", e.recipientObjectId);
        p.put("FileName", attachment[0]);
        p.put("FileType", attachment[1]);
        p.put("SHA256", attachment[2]);
        p.put("FileSize", Long.parseLong(attachment[3]));
        p.put("ThreatTypes", (String) null);
        p.put("ThreatNames", (String) null);
        p.put("DetectionMethods", (String) null);
        p.put("ReportId", Long.toString(r.nextLong(100_000_000_000_000_000L, 999_999_999_999_999_999L)));
        return p;
    }

    ObjectNode deviceEvent(Tenant tenant, Instant ts) {
        int device = r.nextInt(tenant.deviceIds.size());
        String account = tenant.mailboxes.get(r.nextInt(tenant.mailboxes.size()));
        String user = account.substring(0, account.indexOf('@'));
        String action = pick(r, new String[] {"PowerShellCommand", "DnsQueryResponse", "NamedPipeEvent",
            "AntivirusScanCompleted", "UsbDriveMounted", "BrowserLaunchedToOpenUrl", "ProcessCreatedUsingWmiQuery",
            "ScheduledTaskUpdated"});
        boolean file = action.equals("PowerShellCommand") || action.equals("ProcessCreatedUsingWmiQuery")
                || action.equals("ScheduledTaskUpdated");
        boolean network = action.equals("DnsQueryResponse") || action.equals("BrowserLaunchedToOpenUrl");
        ObjectNode p = NODES.objectNode();
        p.put("Timestamp", FRACTION7_Z.format(ts));
        p.put("DeviceId", tenant.deviceIds.get(device));
        p.put("DeviceName", tenant.deviceNames.get(device).toLowerCase(Locale.ROOT));
        p.put("ActionType", action);
        p.put("FileName", file ? pick(r, new String[] {"powershell.exe", "wmic.exe", "schtasks.exe"}) : null);
        p.put("SHA256", file ? hex(r, 64) : null);
        p.put("AccountName", user);
        p.put("RemoteUrl", network ? "www." + pick(r, SENDER_DOMAINS)[0] : null);
        p.put("RemoteIP", network ? "203.0.113." + r.nextInt(1, 255) : null);
        p.put("LocalIP", "10." + r.nextInt(1, 40) + "." + r.nextInt(0, 255) + "." + r.nextInt(1, 255));
        p.put("ProcessCommandLine", action.equals("PowerShellCommand")
                ? "powershell.exe -NoProfile -File C:\\ProgramData\\Scripts\\inventory.ps1" : null);
        p.put("InitiatingProcessFileName", pick(r, new String[] {"explorer.exe", "svchost.exe", "msedge.exe",
            "outlook.exe"}));
        p.put("InitiatingProcessId", r.nextInt(400, 40_000));
        p.put("AdditionalFields", action.equals("AntivirusScanCompleted")
                ? "{\"ScanTypeIndex\":\"Quick\",\"DurationSeconds\":" + r.nextInt(40, 900) + "}" : null);
        p.put("ReportId", r.nextLong(1_000, 99_999_999));
        return p;
    }
}
