package org.checkersmtp.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The ESMTP extensions a sender benefits from, as a sender sees them (over TLS when TLS works):
 * PIPELINING and 8BITMIME expected, SIZE, SMTPUTF8, CHUNKING and ENHANCEDSTATUSCODES reported.
 */
@Component
@Order(140)
public class ExtensionPostureRule implements Rule {

    private static final List<String> EXPECTED = List.of("PIPELINING", "8BITMIME");
    private static final List<String> REPORTED = List.of("SIZE", "SMTPUTF8", "CHUNKING", "ENHANCEDSTATUSCODES");

    static final RuleCode OK = new RuleCode("smtp.extension_posture.ok", Status.OK);
    static final RuleCode MISSING = new RuleCode("smtp.extension_posture.missing", Status.INFO);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.extension_posture");

    @Override
    public String name() {
        return "smtp.extension_posture";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OK, MISSING);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.esmtp_extensions"), e -> judge(obs, e));
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        if (e.ehlo() == null || !EndpointRules.isSuccess(e.ehlo())) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_esmtp_extensions"));
        }
        boolean overTls = e.starttls() != null && e.starttls().handshakeOk() && e.starttls().ehlo() != null
                && EndpointRules.isSuccess(e.starttls().ehlo());
        List<Extension> seen = overTls ? e.starttls().extensions() : e.extensions();
        Map<String, Object> report = new LinkedHashMap<>();
        for (String name : REPORTED) {
            seen.stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst().ifPresentOrElse(
                    x -> report.put(name, x.params().isEmpty() ? "yes" : String.join(" ", x.params())),
                    () -> report.put(name, "no"));
        }
        Text reported = Text.list("list.comma", report.entrySet().stream()
                .map(x -> reported(x.getKey(), (String) x.getValue())).toList());
        String where = overTls ? " (over TLS)" : "";
        List<String> missing = EXPECTED.stream()
                .filter(name -> seen.stream().noneMatch(x -> x.name().equalsIgnoreCase(name))).toList();
        if (!missing.isEmpty()) {
            return States.of(MISSING, "smtp.extension_posture.missing.message", "endpoint", e.label(),
                    "missing", either(missing), "where", overTls ? Text.of("clause.over_tls") : "",
                    "reported", reported)
                    .subject(e.subject()).meta("extensions", report)
                    .evidence("EHLO" + where + ": " + String.join(" ", seen.stream().map(Extension::name).toList()))
                    .reproduce(Reproduce.swaks(obs, e, null, null, "EHLO")).build();
        }
        return States.of(OK, "smtp.extension_posture.ok.message", "endpoint", e.label(),
                "where", overTls ? Text.of("clause.over_tls") : "", "reported", reported)
                .subject(e.subject()).meta("extensions", report).build();
    }

    /** "SIZE 10240000", "SMTPUTF8 no": an extension of the report as the message says it (the meta keeps yes/no). */
    private static Text reported(String name, String value) {
        return switch (value) {
            case "yes" -> Text.of("smtp.extension_posture.clause.offered", "name", name);
            case "no" -> Text.of("smtp.extension_posture.clause.not_offered", "name", name);
            default -> Text.of("smtp.extension_posture.clause.with_parameters", "name", name, "parameters", value);
        };
    }

    /** "PIPELINING or 8BITMIME". */
    private static Object either(List<String> names) {
        Object said = names.get(names.size() - 1);
        for (int i = names.size() - 2; i >= 0; i--) {
            said = Text.of("smtp.extension_posture.clause.or", "first", names.get(i), "second", said);
        }
        return said;
    }
}
