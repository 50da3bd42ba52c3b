package io.dkimtrend.alert;

import java.io.Serializable;

/**
 * When a day alerts: its robust score above {@code threshold}, judged against a baseline of at
 * most {@code baselineDays} preceding days (at least {@code minBaselineDays}), and only with at
 * least {@code minEmails} emails and {@code minFailures} DKIM failures that day.
 */
public record AlertSettings(int baselineDays, int minBaselineDays, double threshold, long minEmails, long minFailures)
        implements Serializable {}
