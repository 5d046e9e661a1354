package org.checkersmtp.report;

import java.util.Locale;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.TransactionKind;

/** The observation's enum values as a person reads them, for the report and the live progress of /check. */
public final class Words {

    private Words() {}

    public static String family(IpFamily family) {
        return family == null ? "" : family == IpFamily.IPV6 ? "IPv6" : "IPv4";
    }

    public static String probe(TransactionKind kind) {
        return kind == null ? "" : OptionalProbe.recording(kind).title();
    }

    /** How a session ended: "Completed", "Closed by the server", "Refused by policy"… */
    public static String ending(EndReason reason) {
        return reason == null ? "" : switch (reason) {
            case COMPLETED -> "Completed";
            case POLICY_REFUSED -> "Refused by policy";
            case CONNECTION_CLOSED -> "Closed by the server";
            case DEADLINE -> "Session deadline reached";
            case COLLECT_DEADLINE -> "Check deadline reached";
            case LIMIT_LINE_LENGTH -> "Stopped: reply line too long";
            case LIMIT_REPLY_LINES -> "Stopped: too many reply lines";
            case LIMIT_SESSION_BYTES -> "Stopped: the server sent too much";
            case IO_ERROR -> "I/O error";
            default -> capitalised(of(reason));
        };
    }

    /** An enum value as its JSON name in words: CHECKER_NO_ROUTE → "checker no route". */
    public static String of(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
