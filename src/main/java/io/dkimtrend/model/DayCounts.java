package io.dkimtrend.model;

/** Running counts of one day: the window's accumulator and the body of its metric record. */
public class DayCounts {

    public long emails;
    public long dkimPass;
    public long dkimFail;
    public long dkimNone;
    public long dkimOther;
    public long spfFail;
    public long dmarcFail;
    public long compAuthFail;

    public DayCounts() {}

    public DayCounts add(EmailEvent email) {
        emails++;
        switch (email.dkim) {
            case PASS -> dkimPass++;
            case FAIL -> dkimFail++;
            case NONE -> dkimNone++;
            case OTHER -> dkimOther++;
        }
        if (email.spfFail) spfFail++;
        if (email.dmarcFail) dmarcFail++;
        if (email.compAuthFail) compAuthFail++;
        return this;
    }

    public DayCounts merge(DayCounts other) {
        emails += other.emails;
        dkimPass += other.dkimPass;
        dkimFail += other.dkimFail;
        dkimNone += other.dkimNone;
        dkimOther += other.dkimOther;
        spfFail += other.spfFail;
        dmarcFail += other.dmarcFail;
        compAuthFail += other.compAuthFail;
        return this;
    }
}
