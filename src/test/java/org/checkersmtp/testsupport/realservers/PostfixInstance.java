package org.checkersmtp.testsupport.realservers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.checkersmtp.testsupport.TestCertificates;

/**
 * A real Postfix instance with its own configuration, queue and data directories, listening only on
 * {@code address:25} (and {@code [::1]:25} when asked): any 127.0.0.N works, Linux routes all of 127/8
 * to the loopback interface. It never delivers anything: every transport
 * is {@code discard}, and the tests never send DATA anyway. Personalities are real main.cf settings.
 *
 * <p>Its banner ends with a random token of this instance ({@link #banner()}), and it counts as started
 * only once that banner answers on every address it listens on: a server that was already there (a
 * developer's MTA, another suite's Postfix) fails the start with a clear message instead of answering
 * the test. Surefire's JVM runs in a network namespace of its own where it can (src/test/own-network),
 * so that such a clash does not happen at all.
 */
public final class PostfixInstance implements AutoCloseable {

    public enum Personality {
        /** STARTTLS, relay refused, null sender and postmaster accepted. */
        GOOD,
        /** Relays for anyone. */
        OPEN_RELAY,
        /** Rejects the null sender (at RCPT time, Postfix's default smtpd_delay_reject) and postmaster. */
        STRICT,
        /** Answers 450 to every acceptable recipient, as a greylisting server does on first contact. */
        GREYLIST,
        /** GOOD without STARTTLS (relay refused, null sender and postmaster accepted): an old backup MX. */
        NO_TLS,
        /** STARTTLS with a certificate for its name from the test CA ({@link TestCertificates.TestCa}), valid. */
        CA_VALID,
        /** STARTTLS with a certificate from the test CA that expired ten days ago. */
        CA_EXPIRED,
        /** STARTTLS with a valid certificate from the test CA for another name (mail.elsewhere.test). */
        CA_WRONG_NAME,
        /** Like CA_VALID, and still accepts TLS 1.0 and 1.1 (OpenSSL 3 needs @SECLEVEL=0 for them). */
        CA_LEGACY_TLS
    }

    private final Path dir;
    private final String address;
    private final String domain;
    private final String banner;
    private final String certificateSha256;
    private final X509Certificate certificate;
    private final Thread shutdownHook;

    private PostfixInstance(Path dir, String address, String domain, String banner, String certificateSha256,
                            X509Certificate certificate) {
        this.dir = dir;
        this.address = address;
        this.domain = domain;
        this.banner = banner;
        this.certificateSha256 = certificateSha256;
        this.certificate = certificate;
        this.shutdownHook = new Thread(this::stop, "postfix-stop-" + address);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static PostfixInstance start(Personality personality, String address, String domain, boolean ipv6) {
        return start(personality, address, domain, ipv6, List.of());
    }

    /** As above, with main.cf lines added after the personality's (e.g. to stop advertising an extension). */
    public static PostfixInstance start(Personality personality, String address, String domain, boolean ipv6,
                                        List<String> extraSettings) {
        RealServers.requireRoot();
        RealServers.binary("postfix", "/usr/sbin/postfix");
        Path dir;
        try {
            dir = Files.createTempDirectory("checker-smtp-postfix-");
            // Postfix's daemons run as the postfix user and must traverse the instance directory.
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(dir.resolve("queue"));
            Path data = Files.createDirectories(dir.resolve("data"));
            UserPrincipal postfix = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
            Files.setOwner(data, postfix);
            Files.copy(Path.of("/etc/postfix/master.cf"), dir.resolve("master.cf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String hostname = "mx." + domain;
        String banner = hostname + " ESMTP checker-smtp test instance "
                + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(6));
        List<String> settings = new ArrayList<>(List.of(
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + dir.resolve("data"),
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                // The SMTP listeners are bound in master.cf, so the address need not be on an interface.
                "inet_interfaces = loopback-only",
                "inet_protocols = " + (ipv6 ? "all" : "ipv4"),
                "myhostname = " + hostname,
                "mydomain = " + domain,
                "myorigin = " + domain,
                "mydestination = " + domain + ", " + hostname,
                "smtpd_banner = " + banner,
                // The client connects from an address of its own; the test instance trusts none of them.
                "mynetworks = 127.0.0.255/32",
                "local_recipient_maps =",
                "alias_maps =",
                "alias_database =",
                "relayhost =",
                "default_transport = discard:test instance, nothing is delivered",
                "local_transport = discard:test instance, nothing is delivered",
                "biff = no"));
        String sha256 = null;
        X509Certificate leaf = null;
        Instant now = Instant.now();
        switch (personality) {
            case GOOD -> {
                sha256 = writeCertificate(dir, hostname);
                settings.addAll(List.of(
                        "smtpd_tls_security_level = may",
                        "smtpd_tls_cert_file = " + dir.resolve("cert.pem"),
                        "smtpd_tls_key_file = " + dir.resolve("key.pem"),
                        "smtpd_tls_auth_only = yes",
                        "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination"));
            }
            // The classic mistake: every client counts as "my network", so reject_unauth_destination never applies.
            case OPEN_RELAY -> settings.addAll(List.of(
                    "mynetworks = 0.0.0.0/0",
                    "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination"));
            case STRICT -> settings.addAll(List.of(
                    "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                    "smtpd_sender_restrictions = check_sender_access inline:{ <>=REJECT }",
                    "smtpd_recipient_restrictions = check_recipient_access inline:{ postmaster@" + domain
                            + "=REJECT }, permit"));
            case GREYLIST -> settings.addAll(List.of(
                    "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
                    "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination, defer"));
            case NO_TLS -> settings.add("smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination");
            case CA_VALID -> {
                leaf = writeIssued(dir, TestCertificates.TestCa.shared().issue(
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), hostname));
                settings.addAll(caTls(dir));
            }
            case CA_EXPIRED -> {
                leaf = writeIssued(dir, TestCertificates.TestCa.shared().issue(
                        now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(10)), hostname));
                settings.addAll(caTls(dir));
            }
            case CA_WRONG_NAME -> {
                leaf = writeIssued(dir, TestCertificates.TestCa.shared().issue(
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), "mail.elsewhere.test"));
                settings.addAll(caTls(dir));
            }
            case CA_LEGACY_TLS -> {
                leaf = writeIssued(dir, TestCertificates.TestCa.shared().issue(
                        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), hostname));
                settings.addAll(caTls(dir));
                settings.addAll(List.of(
                        "smtpd_tls_protocols = >=TLSv1",
                        "smtpd_tls_mandatory_protocols = >=TLSv1",
                        // OpenSSL 3 allows TLS 1.0/1.1 (SHA-1 in the handshake) only at security level 0.
                        "tls_medium_cipherlist = DEFAULT:@SECLEVEL=0"));
            }
            default -> throw new IllegalArgumentException(personality.toString());
        }
        settings.addAll(extraSettings);
        try {
            Files.write(dir.resolve("main.cf"), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RealServers.run(List.of("postconf", "-c", dir.toString(), "-F", "*/*/chroot = n"), Duration.ofSeconds(10));
        RealServers.run(List.of("postconf", "-c", dir.toString(), "-M#", "smtp/inet"), Duration.ofSeconds(10));
        List<String> listeners = new ArrayList<>(List.of(address));
        if (ipv6) {
            listeners.add("[::1]");
        }
        for (String listener : listeners) {
            RealServers.run(List.of("postconf", "-c", dir.toString(), "-M",
                    listener + ":smtp/inet=" + listener + ":smtp inet n - n - - smtpd"), Duration.ofSeconds(10));
        }
        if (leaf != null) {
            sha256 = sha256(leaf);
        }
        PostfixInstance instance = new PostfixInstance(dir, address, domain, banner, sha256, leaf);
        try {
            RealServers.run(List.of("postfix", "-c", dir.toString(), "start"), Duration.ofSeconds(30));
            instance.awaitGreeting(address, Duration.ofSeconds(20));
            if (ipv6) {
                instance.awaitGreeting("::1", Duration.ofSeconds(20));
            }
        } catch (RuntimeException e) {
            String log = instance.log();
            instance.close();
            String occupant = greetingOn(address);
            if (occupant != null && !e.getMessage().startsWith("another server")) {
                throw instance.clash(address, occupant);
            }
            throw new IllegalStateException("Postfix " + personality + " on " + address + " did not start: "
                    + e.getMessage() + "\n" + log, e);
        }
        return instance;
    }

    public String address() {
        return address;
    }

    public String domain() {
        return domain;
    }

    public String hostname() {
        return "mx." + domain;
    }

    /** The text of its 220 greeting: its host name and this instance's token. */
    public String banner() {
        return banner;
    }

    /** The certificate it serves, for the personalities whose certificate comes from the test CA. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate it serves (GOOD and CA_* only), lowercase hex. */
    public String certificateSha256() {
        return certificateSha256;
    }

    /** Postfix's own log of this instance, for failure messages. */
    public String log() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log) : "(no maillog)";
        } catch (IOException e) {
            return "(maillog unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // Already shutting down: the hook runs stop() again, which is harmless.
        }
    }

    private synchronized void stop() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            RealServers.run(List.of("postfix", "-c", dir.toString(), "stop"), Duration.ofSeconds(30));
        } catch (RuntimeException ignored) {
            // Not running (failed start): nothing to stop.
        }
        RealServers.deleteRecursively(dir);
    }

    /** Waits for this instance's own banner on host:25; another server's banner there fails at once. */
    private void awaitGreeting(String host, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            String line = greetingOn(host);
            if (("220 " + banner).equals(line)) {
                return;
            }
            if (line != null) {
                throw clash(host, line);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("no greeting on " + host + ":25 within " + timeout);
    }

    private IllegalStateException clash(String host, String occupant) {
        return new IllegalStateException("another server answers on " + host + ":25 (\"" + occupant
                + "\"), not the Postfix this test started (\"220 " + banner + "\"): stop it, or run the tests"
                + " as root so that they get a network namespace of their own (src/test/own-network)");
    }

    /** The first line whoever listens on host:25 sends, or null when nobody answers (yet). */
    private static String greetingOn(String host) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, 25), 1000);
            s.setSoTimeout(2000);
            return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
        } catch (IOException nobody) {
            return null;
        }
    }

    /**
     * STARTTLS offered with the key and the chain (leaf, then the test CA) written by {@link #writeIssued},
     * TLS 1.2 at least: Postfix's default (>=TLSv1) still answers a TLS 1.0 ClientHello.
     */
    private static List<String> caTls(Path dir) {
        return List.of(
                "smtpd_tls_security_level = may",
                "smtpd_tls_protocols = >=TLSv1.2",
                "smtpd_tls_mandatory_protocols = >=TLSv1.2",
                "smtpd_tls_chain_files = " + dir.resolve("key.pem") + ", " + dir.resolve("chain.pem"),
                "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination");
    }

    private static X509Certificate writeIssued(Path dir, TestCertificates.Issued issued) {
        try {
            Files.writeString(dir.resolve("key.pem"), TestCertificates.pem(issued.keys().getPrivate()));
            Files.writeString(dir.resolve("chain.pem"), TestCertificates.pem(issued.certificate(),
                    TestCertificates.TestCa.shared().certificate()));
            return issued.certificate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String writeCertificate(Path dir, String hostname) {
        TestCertificates.Issued issued = TestCertificates.selfSigned(hostname);
        try {
            StringWriter cert = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(cert)) {
                pem.writeObject(issued.certificate());
            }
            // PKCS#8 ("BEGIN PRIVATE KEY"): the form OpenSSL 3 reads for every key type.
            String key = "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(issued.keys().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(dir.resolve("cert.pem"), cert.toString());
            Files.writeString(dir.resolve("key.pem"), key);
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(issued.certificate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the test certificate", e);
        }
    }
}
