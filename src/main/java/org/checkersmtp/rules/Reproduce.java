package org.checkersmtp.rules;

import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.SmtpObservation;

/** Commands an operator can paste to see a finding with their own eyes. */
final class Reproduce {

    private Reproduce() {}

    static String swaks(SmtpObservation obs, EndpointProbe e, String from, String to, String quitAfter) {
        StringBuilder cmd = new StringBuilder("swaks --server ").append(e.address()).append(" --port 25");
        cmd.append(" --ehlo ").append(helo(obs));
        if (from != null) {
            cmd.append(" --from '").append(from.isEmpty() ? "<>" : from).append("'");
        }
        if (to != null) {
            cmd.append(" --to ").append(to);
        }
        return cmd.append(" --quit-after ").append(quitAfter).toString();
    }

    static String openssl(EndpointProbe e) {
        return openssl(e.target(), e.address());
    }

    static String openssl(String host, String address) {
        String target = address.contains(":") ? "[" + address + "]" : address;
        return "openssl s_client -starttls smtp -connect " + target + ":25 -servername " + host;
    }

    static String nc(EndpointProbe e) {
        return "nc -v " + e.address() + " 25";
    }

    static String digMx(String domain) {
        return "dig +noall +answer MX " + domain;
    }

    static String digAddresses(String name) {
        return "dig +noall +answer A " + name + " AAAA " + name;
    }

    static String digPtr(EndpointProbe e) {
        return "dig +short -x " + e.address();
    }

    /** The TLSA records of an MX host, with the DNSSEC signatures and the AD flag a validating resolver sets. */
    static String digTlsa(String host) {
        return "dig +dnssec TLSA " + quote("_25._tcp." + host);
    }

    static String digTxt(String name) {
        return "dig +short TXT " + quote(name);
    }

    /** The MTA-STS policy as a sender fetches it. */
    static String curlMtaSts(String domain) {
        return "curl --max-redirs 0 " + quote("https://mta-sts." + domain + "/.well-known/mta-sts.txt");
    }

    /** One word for a POSIX shell, whatever DNS or a server put in it. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String helo(SmtpObservation obs) {
        ProbeSettings p = obs.probe();
        return p == null || p.heloName() == null ? "mx-checker.happydomain.org" : p.heloName();
    }
}
