package org.checkersmtp.tlsposture;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.smtp.Deadline;

/**
 * Asks a server whether it still accepts TLS 1.0 or 1.1 by sending a ClientHello capped at that
 * version and reading the version of its ServerHello (or its alert); the handshake goes no further.
 *
 * <p>Why not the JDK: it disables TLSv1 and TLSv1.1 through {@code jdk.tls.disabledAlgorithms}, a
 * process-wide security property read once and applied to every SSL socket on top of any per-socket
 * constraint, so enabling them for this probe would enable them for the whole service. (BouncyCastle's
 * TLS library would do, but is not available to this build.) Only the ServerHello version is needed,
 * so no key is exchanged and nothing is decrypted.
 */
final class LegacyVersionProbe {

    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;

    /** Suites a TLS 1.0/1.1 server may pick (ECDHE, DHE, RSA key exchange; AES, Camellia, 3DES, RC4). */
    private static final int[] SUITES = {
            0xC009, 0xC00A, 0xC013, 0xC014, 0x0033, 0x0039, 0x002F, 0x0035, 0x0045, 0x0088, 0x0041, 0x0084,
            0xC008, 0xC012, 0x0016, 0x000A, 0xC007, 0xC011, 0x0005, 0x0004,
            0x00FF}; // TLS_EMPTY_RENEGOTIATION_INFO_SCSV; never TLS_FALLBACK_SCSV, which would make the server refuse.
    private static final int[] GROUPS = {0x001D, 0x0017, 0x0018, 0x0019};
    private static final SecureRandom RANDOM = new SecureRandom();

    private LegacyVersionProbe() {}

    /**
     * Sends a ClientHello offering versions up to {@code maxVersion} on a socket where STARTTLS was
     * just accepted; the version the server chose, or empty when it refused (alert or close).
     */
    static Optional<Integer> negotiate(Socket socket, String sni, int maxVersion, Deadline deadline)
            throws PostureFailure {
        try {
            socket.getOutputStream().write(clientHello(sni, maxVersion));
            socket.getOutputStream().flush();
            socket.setSoTimeout(StartTlsDialer.remainingMillis(deadline));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.readUnsignedByte();
            in.readUnsignedShort(); // record version
            int length = in.readUnsignedShort();
            if (type == 0x15) {
                return Optional.empty(); // an alert: protocol_version or handshake_failure
            }
            if (type != 0x16 || length < 6) {
                throw new PostureFailure(TlsFailure.HANDSHAKE_FAILED, "not a TLS handshake record (type " + type + ")");
            }
            int message = in.readUnsignedByte();
            in.readUnsignedByte();
            in.readUnsignedShort(); // handshake length
            int version = in.readUnsignedShort();
            if (message != 2) {
                throw new PostureFailure(TlsFailure.HANDSHAKE_FAILED, "expected a ServerHello, got message " + message);
            }
            return version >= TLS10 && version <= maxVersion ? Optional.of(version) : Optional.empty();
        } catch (EOFException e) {
            return Optional.empty(); // the server hung up: it will not speak this version
        } catch (SocketTimeoutException e) {
            throw new PostureFailure(TlsFailure.DEADLINE, "deadline reached waiting for the ServerHello");
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return Optional.empty();
            }
            throw new PostureFailure(TlsFailure.HANDSHAKE_FAILED, e.getMessage());
        }
    }

    static String name(int version) {
        return version == TLS10 ? "TLSv1" : version == TLS11 ? "TLSv1.1" : String.format("0x%04x", version);
    }

    static byte[] clientHello(String sni, int maxVersion) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, maxVersion);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        u16(body, SUITES.length * 2);
        for (int suite : SUITES) {
            u16(body, suite);
        }
        body.write(1);
        body.write(0); // null compression
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        if (sni != null) {
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            u16(extensions, 0x0000);
            u16(extensions, name.length + 5);
            u16(extensions, name.length + 3);
            extensions.write(0); // host_name
            u16(extensions, name.length);
            extensions.writeBytes(name);
        }
        u16(extensions, 0x000A); // supported_groups, so that ECDHE suites can be chosen
        u16(extensions, GROUPS.length * 2 + 2);
        u16(extensions, GROUPS.length * 2);
        for (int group : GROUPS) {
            u16(extensions, group);
        }
        u16(extensions, 0x000B); // ec_point_formats: uncompressed
        u16(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, TLS10); // record-layer version: TLS 1.0 is what every server expects in a first hello
        u16(record, body.size() + 4);
        record.write(0x01); // ClientHello
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }
}
