package io.dkimtrend.parse;

import java.util.Locale;

/**
 * The sender domain an analyst groups by: the visible From's domain ({@code SenderFromDomain}),
 * or the domain part of {@code SenderFromAddress} when the row lacks it. Written one way whatever
 * the row's spelling, so that {@code Tailspin.IO.} and {@code tailspin.io} count as one domain.
 */
public final class SenderDomains {

    private SenderDomains() {}

    /** The row's sender domain, lower-cased without a trailing dot, or null when it names none. */
    public static String of(String senderFromDomain, String senderFromAddress) {
        String domain = normalize(senderFromDomain);
        if (domain == null && senderFromAddress != null) {
            int at = senderFromAddress.lastIndexOf('@');
            domain = at < 0 ? null : normalize(senderFromAddress.substring(at + 1));
        }
        return domain;
    }

    static String normalize(String domain) {
        if (domain == null) return null;
        int end = domain.length();
        while (end > 0 && (domain.charAt(end - 1) == '.' || Character.isWhitespace(domain.charAt(end - 1)))) end--;
        int start = 0;
        while (start < end && Character.isWhitespace(domain.charAt(start))) start++;
        if (start == end) return null;
        // toLowerCase returns the same instance when nothing changes: no copy for the common case.
        return domain.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
