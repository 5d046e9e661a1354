package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.junit.jupiter.api.Test;

/** What the stream's writer takes: every address's latest step, in the order things happened, nothing piling up. */
class ProgressStreamTest {

    private final EndpointTarget mx1 = target("mx1.example.org", "192.0.2.1");
    private final EndpointTarget mx2 = target("mx2.example.org", "2001:db8::2");

    private static EndpointTarget target(String host, String address) {
        try {
            return new EndpointTarget(host, 10, InetAddress.getByName(address), 25);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EndpointProbe ended(EndpointTarget t, EndReason reason, Phase phase) {
        return EndpointProbe.notContacted(t.host(), 10, t.address().getHostAddress(), IpFamily.IPV4,
                ConnectFailure.REFUSED, reason, phase, "connection refused");
    }

    private static List<String> steps(List<ProgressStream.Event> events) {
        return events.stream().map(e -> e.data() instanceof ProgressStream.Endpoint row
                ? row.host() + " " + row.step() + " " + row.state() : e.name()).toList();
    }

    @Test
    void aReaderThatFallsBehindGetsTheLatestStepOfEachAddressInTheOrderTheyHappened() throws Exception {
        ProgressStream progress = new ProgressStream(Catalogue.classpath(), Locale.ENGLISH);
        progress.mxLookupFinished(MxLookup.failed(null), List.of(mx1, mx2));
        progress.phaseEntered(mx1, Phase.QUEUE, null, Duration.ZERO);
        progress.phaseEntered(mx2, Phase.QUEUE, null, Duration.ZERO);
        progress.phaseEntered(mx1, Phase.CONNECT, Phase.QUEUE, Duration.ZERO);
        progress.phaseEntered(mx1, Phase.GREETING, Phase.CONNECT, Duration.ofMillis(3));

        assertThat(steps(progress.next())).containsExactly("mx", "mx2.example.org queued waiting",
                "mx1.example.org banner running");

        progress.phaseEntered(mx2, Phase.CONNECT, Phase.QUEUE, Duration.ZERO);
        progress.endpointFinished(mx2, ended(mx2, EndReason.CONNECT_FAILED, Phase.CONNECT), Duration.ofMillis(1));
        progress.phaseEntered(mx1, Phase.TLS_HANDSHAKE, Phase.STARTTLS, Duration.ofMillis(1));
        progress.close();

        List<ProgressStream.Event> last = progress.next();
        assertThat(steps(last)).containsExactly("mx2.example.org failed failed", "mx1.example.org STARTTLS running");
        assertThat(((ProgressStream.Endpoint) last.get(0).data()).detail()).isEqualTo("Connect failed in connect");
        assertThat(((ProgressStream.Endpoint) last.get(0).data()).address()).isEqualTo("2001:db8::2");
        assertThat(((ProgressStream.Endpoint) last.get(0).data()).family()).isEqualTo("IPv6");
        assertThat(progress.next()).as("closed and drained").isEmpty();
    }

    @Test
    void anAddressRefusedByPolicyIsSaidSo() throws Exception {
        ProgressStream progress = new ProgressStream(Catalogue.classpath(), Locale.ENGLISH);
        progress.endpointFinished(mx1, ended(mx1, EndReason.POLICY_REFUSED, Phase.CONNECT), Duration.ZERO);
        ProgressStream.Endpoint row = (ProgressStream.Endpoint) progress.next().get(0).data();
        assertThat(row.step()).isEqualTo("refused by policy");
        assertThat(row.state()).isEqualTo("refused");
    }

    /** How a session ended is the report's word for it, in the page's language too. */
    @Test
    void aFailedSessionsEndingIsInThePagesLanguage() throws Exception {
        ProgressStream progress = new ProgressStream(Catalogue.classpath(), Locale.FRENCH);
        progress.endpointFinished(mx2, ended(mx2, EndReason.CONNECTION_CLOSED, Phase.MAIL), Duration.ZERO);
        ProgressStream.Endpoint row = (ProgressStream.Endpoint) progress.next().get(0).data();
        assertThat(row.step()).isEqualTo("échec");
        assertThat(row.detail()).isEqualTo("Fermée par le serveur (étape transactions)");
    }
}
