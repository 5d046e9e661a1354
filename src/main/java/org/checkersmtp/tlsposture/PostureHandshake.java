package org.checkersmtp.tlsposture;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.OpportunisticTrust;

/**
 * One TLS handshake over a socket where STARTTLS was accepted, with the JDK's default protocols. The
 * handshake completes whatever the certificate (we want the facts, not a refusal); during it, the
 * leaf is checked against the MX name by the JDK's own RFC 6125 matcher.
 */
final class PostureHandshake {

    record Result(String protocol, String cipherSuite, List<X509Certificate> chain, Boolean hostnameMatch,
                  String hostnameError) {
    }

    /** TLS 1.3 suites are all forward secret; before 1.3 the key exchange is named in the suite. */
    static boolean forwardSecret(String protocol, String cipherSuite) {
        return "TLSv1.3".equals(protocol) || cipherSuite.startsWith("TLS_ECDHE_") || cipherSuite.startsWith("TLS_DHE_");
    }

    private PostureHandshake() {}

    /**
     * @param sni        the MX name (null for an IP-literal MX: no SNI, no name check)
     * @param onlyForwardSecret offer only forward-secret suites
     */
    static Result perform(Socket plain, String host, String sni, Deadline deadline, boolean onlyForwardSecret)
            throws PostureFailure {
        Recorder recorder = new Recorder(sni != null);
        SSLSocket ssl = null;
        try {
            ssl = (SSLSocket) OpportunisticTrust.context(recorder).getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            ssl.setUseClientMode(true);
            SSLParameters params = ssl.getSSLParameters();
            if (sni != null) {
                params.setServerNames(List.of(new SNIHostName(sni)));
                // The JDK checks the name against the leaf in the trust manager call below. "LDAPS" selects
                // its RFC 6125 matcher with the wildcard in the left-most label only, which RFC 7672 §3.2.3
                // and RFC 8461 §4.1 require of SMTP senders ("HTTPS" would allow a wildcard in any label).
                params.setEndpointIdentificationAlgorithm("LDAPS");
            }
            if (onlyForwardSecret) {
                params.setCipherSuites(Arrays.stream(ssl.getSupportedCipherSuites())
                        .filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
                                || forwardSecret("", s) || s.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"))
                        .toArray(String[]::new));
            }
            ssl.setSSLParameters(params);
            ssl.setSoTimeout(StartTlsDialer.remainingMillis(deadline));
            ssl.startHandshake();
            SSLSession session = ssl.getSession();
            return new Result(session.getProtocol(), session.getCipherSuite(), recorder.chain,
                    recorder.hostnameMatch, recorder.hostnameError);
        } catch (java.net.SocketTimeoutException e) {
            throw new PostureFailure(TlsFailure.DEADLINE, "deadline reached during the TLS handshake");
        } catch (IOException e) {
            throw new PostureFailure(TlsFailure.HANDSHAKE_FAILED, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        } finally {
            StartTlsDialer.closeQuietly(ssl != null ? ssl : plain);
        }
    }

    /** Accepts every chain, keeps it, and records whether the leaf names the host. */
    private static final class Recorder extends OpportunisticTrust {
        private final boolean checkName;
        volatile List<X509Certificate> chain = List.of();
        volatile Boolean hostnameMatch;
        volatile String hostnameError;

        Recorder(boolean checkName) {
            this.checkName = checkName;
        }

        @Override
        protected void presented(X509Certificate[] presented, String authType, Socket socket) {
            chain = List.of(presented);
            if (!checkName || socket == null || presented.length == 0) {
                return;
            }
            try {
                // A trust store holding only the leaf: path validation ends at once (the leaf is its own
                // anchor), so what remains is the JDK's identity check against the socket's SNI name.
                KeyStore onlyLeaf = KeyStore.getInstance(KeyStore.getDefaultType());
                onlyLeaf.load(null, null);
                onlyLeaf.setCertificateEntry("leaf", presented[0]);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(onlyLeaf);
                ((X509ExtendedTrustManager) tmf.getTrustManagers()[0])
                        .checkServerTrusted(new X509Certificate[] {presented[0]}, authType, socket);
                hostnameMatch = true;
            } catch (CertificateException e) {
                hostnameMatch = false;
                hostnameError = e.getMessage();
            } catch (GeneralSecurityException | IOException e) {
                hostnameError = "name not checked: " + e.getMessage();
            }
        }
    }
}
