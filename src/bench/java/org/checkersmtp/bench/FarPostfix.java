package org.checkersmtp.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.checkersmtp.testsupport.realservers.PostfixInstance;

/**
 * Two real Postfix servers (the test suite's GOOD personality: STARTTLS, relay refused), one with and one
 * without PIPELINING, each behind a {@link LatencyProxy} that puts it D away. The checker reaches them
 * through the proxies only: their MX records point at the proxies' addresses.
 */
final class FarPostfix implements AutoCloseable {

    static final Duration ONE_WAY = Duration.ofMillis(50);

    final PostfixInstance pipelining;
    final PostfixInstance noPipelining;
    private final LatencyProxy farPipelining;
    private final LatencyProxy farNoPipelining;

    FarPostfix(Lab lab) throws IOException {
        pipelining = PostfixInstance.start(PostfixInstance.Personality.GOOD, Lab.POSTFIX_PIPELINING,
                Lab.domain("rt-pipelining"), false);
        noPipelining = PostfixInstance.start(PostfixInstance.Personality.GOOD, Lab.POSTFIX_NO_PIPELINING,
                Lab.domain("rt-no-pipelining"), false, List.of("smtpd_discard_ehlo_keywords = pipelining"));
        farPipelining = new LatencyProxy(lab.far(Lab.FAR_PIPELINING),
                new InetSocketAddress(Lab.POSTFIX_PIPELINING, 25), ONE_WAY);
        farNoPipelining = new LatencyProxy(lab.far(Lab.FAR_NO_PIPELINING),
                new InetSocketAddress(Lab.POSTFIX_NO_PIPELINING, 25), ONE_WAY);
    }

    static double roundTrip() {
        return 2.0 * ONE_WAY.toMillis();
    }

    @Override
    public void close() {
        farPipelining.close();
        farNoPipelining.close();
        pipelining.close();
        noPipelining.close();
    }
}
