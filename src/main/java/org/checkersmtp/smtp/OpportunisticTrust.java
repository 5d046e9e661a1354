package org.checkersmtp.smtp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Opportunistic STARTTLS on port 25 encrypts without authenticating (RFC 3207 §4.1): a sending MTA
 * accepts any certificate, and so must the checker to see what senders see. Extended on purpose: the
 * JDK wraps a plain {@code X509TrustManager} and then refuses chains under jdk.certpath.disabledAlgorithms
 * (MD5, small RSA keys), failing handshakes that senders complete. Judging the certificate is the TLS
 * posture's job, after the handshake. A subclass sees each chain the server presents.
 */
public class OpportunisticTrust extends X509ExtendedTrustManager {

    /** A TLS context that trusts through {@code trust} (client side: no key of ours). */
    public static SSLContext context(OpportunisticTrust trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation", e);
        }
    }

    /**
     * The chain the server presented, during the handshake; {@code socket} is null over an engine. Accepts
     * it whatever it holds.
     */
    protected void presented(X509Certificate[] chain, String authType, Socket socket) {
        // Accepting: see the class comment.
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        presented(chain, authType, socket);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        presented(chain, authType, null);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) {
        presented(chain, authType, null);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Client side only.
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Client side only.
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Client side only.
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
