package org.checkersmtp.rules;

import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpFamily;
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
        return "openssl s_client -starttls smtp -connect " + hostPort(e) + " -servername " + e.target();
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

    private static String hostPort(EndpointProbe e) {
        return (e.family() == IpFamily.IPV6 ? "[" + e.address() + "]" : e.address()) + ":25";
    }

    private static String helo(SmtpObservation obs) {
        ProbeSettings p = obs.probe();
        return p == null || p.heloName() == null ? "mx-checker.happydomain.org" : p.heloName();
    }
}
