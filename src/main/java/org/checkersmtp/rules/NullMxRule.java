package org.checkersmtp.rules;

import java.util.List;
import java.util.regex.Pattern;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Whether the domain publishes a null MX (RFC 7505), i.e. declares that it takes no mail. */
@Component
@Order(10)
public class NullMxRule implements Rule {

    /** A raw MX line whose target is the root: "example.org. 300 IN MX 0 ." */
    private static final Pattern ROOT_TARGET = Pattern.compile(".*\\sMX\\s+\\d+\\s+\\.$");

    static final RuleCode PUBLISHED = new RuleCode("smtp.null_mx.published", Status.INFO,
            "The domain publishes a null MX (RFC 7505): it declares that it accepts no mail.",
            "Nothing to fix if the domain really takes no mail; otherwise replace \"MX 0 .\" by real MX records.");
    static final RuleCode MIXED = new RuleCode("smtp.null_mx.mixed", Status.INFO,
            "A null MX is published beside other MX records, which RFC 7505 §3 forbids: senders may do either.",
            "Remove either the \"MX 0 .\" record (the domain takes mail) or every other MX record (it does not).");
    static final RuleCode ABSENT = new RuleCode("smtp.null_mx.absent", Status.OK,
            "No null MX: the domain does not declare that it refuses mail.", null);
    static final RuleCode UNDETERMINED = new RuleCode("smtp.null_mx.undetermined", Status.ERROR,
            "The MX lookup failed: whether a null MX is published could not be determined.",
            "Make the domain's authoritative servers answer MX queries (dig +trace MX <domain>).");

    @Override
    public String name() {
        return "smtp.null_mx";
    }

    @Override
    public String description() {
        return "Reports a null MX (RFC 7505): the domain declares that it takes no mail.";
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(PUBLISHED, MIXED, ABSENT, UNDETERMINED);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        String domain = obs.domain();
        MxLookup mx = obs.mx();
        if (mx.error() != null && !mx.error().isEmpty()) {
            return States.of(UNDETERMINED, "Could not determine whether " + domain + " publishes a null MX: "
                            + mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(Reproduce.digMx(domain)).list();
        }
        if (mx.nullMx()) {
            return States.of(PUBLISHED, domain + " publishes a null MX (RFC 7505): it declares that it accepts no "
                            + "mail.")
                    .subject(domain).evidence(mx.raw()).reproduce(Reproduce.digMx(domain)).reference("RFC 7505").list();
        }
        boolean rootTarget = mx.raw().stream().anyMatch(line -> ROOT_TARGET.matcher(line).matches());
        if (rootTarget) {
            return States.of(MIXED, domain + " publishes a null MX (\"MX 0 .\") beside other MX records: RFC 7505 §3 "
                            + "forbids this mix, and senders may treat the domain either way.")
                    .subject(domain).evidence(mx.raw()).reproduce(Reproduce.digMx(domain)).reference("RFC 7505 §3")
                    .list();
        }
        return States.of(ABSENT, domain + " does not publish a null MX.").subject(domain).list();
    }
}
