package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;

/**
 * Commands an operator can paste to see a finding with their own eyes. Every value comes from DNS or
 * from the observation (which /evaluate takes from the caller), so every argument is quoted for a
 * POSIX shell: a pasted command runs exactly the argv shown, whatever an MX target is called.
 */
public final class Reproduce {

    /** Arguments made only of these characters mean the same to a shell quoted or not. */
    /** The characters a shell takes literally: an argument made of them only needs no quotes. */
    private static final String PLAIN_PUNCTUATION = "_@%+=:,./-";

    private Reproduce() {}

    static String swaks(SmtpObservation obs, EndpointProbe e, String from, String to, String quitAfter) {
        List<String> argv = new ArrayList<>(List.of("swaks", "--server", e.address(), "--port", "25",
                "--ehlo", helo(obs)));
        if (from != null) {
            argv.addAll(List.of("--from", from.isEmpty() ? "<>" : from));
        }
        if (to != null) {
            argv.addAll(List.of("--to", to));
        }
        argv.addAll(List.of("--quit-after", quitAfter));
        return command(argv);
    }

    /** STARTTLS to one address, asking for the MX host's certificate. */
    static String openssl(EndpointProbe e) {
        return openssl(e.target(), e.address());
    }

    /** STARTTLS to one address of an MX host, asking for that host's certificate. */
    static String openssl(String host, String address) {
        boolean v6 = IpAddresses.parse(address).map(IpAddresses::family).orElse(null) == IpFamily.IPV6;
        String hostPort = (v6 ? "[" + address + "]" : address) + ":25";
        return command(List.of("openssl", "s_client", "-starttls", "smtp", "-connect", hostPort,
                "-servername", host));
    }

    /** STARTTLS to an MX host by name, as checker-tls connects. */
    static String openssl(String host) {
        return command(List.of("openssl", "s_client", "-starttls", "smtp", "-connect", host + ":25",
                "-servername", host));
    }

    static String nc(EndpointProbe e) {
        List<String> argv = new ArrayList<>(List.of("nc", "-v"));
        operand(argv, e.address());
        argv.add("25");
        return command(argv);
    }

    static String digMx(String domain) {
        return dig("+noall", "+answer", "MX", domain);
    }

    static String digAddresses(String name) {
        return dig("+noall", "+answer", "A", name) + " && " + dig("+noall", "+answer", "AAAA", name);
    }

    static String digAaaa(String name) {
        return dig("+short", "AAAA", name);
    }

    static String digCname(String name) {
        return dig("+noall", "+answer", "CNAME", name);
    }

    static String digPtr(EndpointProbe e) {
        return command(List.of("dig", "+short", "-x", e.address()));
    }

    /** The PTR of the address, then the addresses of the name it gives: forward confirmation by hand. */
    static String digPtrAndBack(EndpointProbe e, String ptrName) {
        return digPtr(e) + " && " + dig("+short", "A", ptrName) + " && " + dig("+short", "AAAA", ptrName);
    }

    /** dig with its last argument the name: "-q" keeps a name that starts with "-" from reading as an option. */
    private static String dig(String... args) {
        List<String> argv = new ArrayList<>(List.of("dig"));
        argv.addAll(List.of(args).subList(0, args.length - 1));
        String name = args[args.length - 1];
        if (name.startsWith("-")) {
            argv.addAll(List.of("-q", name));
        } else {
            argv.add(name);
        }
        return command(argv);
    }

    /** A positional operand; "--" first when it could read as an option. */
    private static void operand(List<String> argv, String value) {
        if (value.startsWith("-")) {
            argv.add("--");
        }
        argv.add(value);
    }

    /** The TLSA records of an MX host, with the DNSSEC signatures and the AD flag a validating resolver sets. */
    public static String digTlsa(String host) {
        return dig("+dnssec", "TLSA", "_25._tcp." + host);
    }

    static String digTxt(String name) {
        return dig("+short", "TXT", name);
    }

    /** The MTA-STS policy as a sender fetches it: no redirect followed. */
    public static String curlMtaSts(String policyUrl) {
        return command(List.of("curl", "--max-redirs", "0", policyUrl));
    }

    /** Where RFC 8461 §3.3 puts a domain's policy. */
    static String mtaStsUrl(String domain) {
        return "https://mta-sts." + domain + "/.well-known/mta-sts.txt";
    }

    /** The argv as one line a POSIX shell splits back into exactly these arguments. */
    static String command(List<String> argv) {
        return String.join(" ", argv.stream().map(Reproduce::quote).toList());
    }

    /** Single quotes keep everything literal; an embedded quote closes, escapes and reopens them. */
    static String quote(String arg) {
        if (isPlain(arg)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    // A loop, not a regular expression: every command of every state goes through here.
    private static boolean isPlain(String arg) {
        if (arg.isEmpty()) {
            return false;
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || PLAIN_PUNCTUATION.indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private static String helo(SmtpObservation obs) {
        ProbeSettings p = obs.probe();
        return p == null || p.heloName() == null ? CheckOptions.DEFAULT_HELO_NAME : p.heloName();
    }
}
