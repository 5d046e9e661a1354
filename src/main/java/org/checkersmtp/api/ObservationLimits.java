package org.checkersmtp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.dns.DnsInspector;
import org.checkersmtp.observation.CertificateSummary;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.PresentedCertificate;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.ReverseDns;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.StartTls;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.observation.TlsRpt;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.observation.TranscriptLine;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.rules.Status;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What an observation sent back by a client may hold: no more than the collector could have
 * collected (its own limits, read from the same configuration and constants), and the fields the
 * collector always writes. Rules and the report then do work in proportion to a real check, whatever
 * a client sends. An observation that cannot be one is refused with the field's path and the limit.
 */
@Component
public class ObservationLimits {

    /** A DNS name in presentation form: 255 octets, each escaped as at most four characters ("\\032"). */
    static final int NAME_CHARS = 4 * 255;
    /** The longest textual IP address (an IPv4-mapped IPv6 address with a zone). */
    static final int ADDRESS_CHARS = 64;
    /** A DNS message is at most 65,535 octets and a resource record at least 11. */
    static final int RAW_DNS_LINES = 65_535 / 11 + 1;
    static final int RAW_DNS_LINE_CHARS = 4 * 65_535;
    /**
     * Replies one session can read: greeting, EHLO/HELO before and after TLS and again after a
     * plaintext reconnect, STARTTLS, MAIL/RCPT/RSET of each transaction, QUIT; fewer than 20, with room.
     */
    static final int SESSION_REPLIES = 32;
    /**
     * The JDK reads no handshake message longer than 32,768 bytes (jdk.tls.maxHandshakeMessageSize), so no
     * text of a certificate it accepted is longer, even with each byte escaped in four characters.
     */
    static final int CERTIFICATE_CHARS = 4 * 32_768;
    /** A subjectAltName entry takes at least four bytes of DER. */
    static final int CERTIFICATE_NAMES = 32_768 / 4;
    /** The JDK accepts at most 10 certificates in a chain (jdk.tls.maxCertificateChainLength). */
    static final int CHAIN_LENGTH = 10;
    /** Each kind of transaction at most twice (again after a plaintext reconnect). */
    static final int TRANSACTIONS = 2 * TransactionKind.values().length;
    /** A file name the TLS sibling reports (checker.tls.trust-store, checker.dns.trust-anchors): Linux's PATH_MAX. */
    static final int PATH_CHARS = 4096;
    /** The MTA-STS TXT record's id: 1 to 32 letters and digits (RFC 8461 §3.1). */
    static final int MTA_STS_ID_CHARS = 32;
    /** An {@code mx:} line of a policy takes at least five bytes ("mx:a\n") of its body. */
    static final int MTA_STS_PATTERNS = MtaSts.MAX_POLICY_BYTES / 5;
    /** A TLS-RPT destination and its comma take at least two octets of one DNS message. */
    static final int TLS_RPT_DESTINATIONS = 65_535 / 2;

    private final int maxEndpoints;
    private final int maxReplyLines;
    private final int maxLineLength;
    private final int replyChars;
    private final int transcriptLines;
    private final int maxStates;
    private final int maxRelated;
    private final int tlsHosts;
    private final int tlsDetailChars;

    public ObservationLimits(CollectorProperties collector, RuleEvaluator evaluator) {
        this.maxEndpoints = collector.probe().maxEndpoints();
        this.maxReplyLines = collector.smtp().maxReplyLines();
        this.maxLineLength = collector.smtp().maxLineLength();
        this.replyChars = maxReplyLines * (maxLineLength + 3);
        this.transcriptLines = SESSION_REPLIES * (maxReplyLines + 2);
        // Rules judge the domain, each MX target and each endpoint, a few findings each.
        this.maxStates = 4 * Math.max(1, evaluator.rules().size()) * (1 + DnsInspector.MAX_TARGETS + maxEndpoints);
        // checker-tls answers once per discovery entry: at most one per MX target and per endpoint.
        this.maxRelated = DnsInspector.MAX_TARGETS + maxEndpoints;
        // The sibling looks up DANE (and MTA-STS coverage) for the MX targets, then any other endpoint target.
        this.tlsHosts = DnsInspector.MAX_TARGETS + maxEndpoints;
        // Its errors quote a server's reply or a certificate's text, inside a sentence of their own.
        this.tlsDetailChars = replyChars + CERTIFICATE_CHARS;
    }

    /**
     * Before the observation is decoded: no list in it may be longer than the longest list a collected
     * observation has, so that decoding itself stays in proportion (100,000 empty MX records would
     * otherwise be 100,000 objects built before {@link #check} could count them).
     */
    void precheck(JsonNode raw, String path) throws InvalidBodyException {
        int longest = Math.max(Math.max(RAW_DNS_LINES, transcriptLines), Math.max(maxLineLength / 2, maxStates));
        precheck(raw, path, longest);
    }

    private static void precheck(JsonNode node, String path, int longest) throws InvalidBodyException {
        if (node.isArray() && node.size() > longest) {
            throw new InvalidBodyException(path + ": " + node.size() + " entries, at most " + longest
                    + " (no list of an SMTP observation is longer)");
        }
        if (node.isContainer()) {
            int i = 0;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                precheck(field.getValue(), path + "." + field.getKey(), longest);
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    precheck(element, path + "[" + i++ + "]", longest);
                }
            }
        }
    }

    /** Throws with the first field that no collected observation could hold. */
    void check(SmtpObservation o, String root) throws InvalidBodyException {
        check(o, new Check(root, null));
    }

    /**
     * The fields {@link #check} bounds in this observation, as JSON paths with the indices left out ("mx.raw",
     * "mx.raw[]", "endpoints[].transcript[].line"): ObservationLimitsTest compares them with every text and list field
     * an observation has, so that a new field without a limit fails it.
     */
    Set<String> limitedFields(SmtpObservation o) throws InvalidBodyException {
        Set<String> limited = new TreeSet<>();
        check(o, new Check("", limited));
        return limited;
    }

    private void check(SmtpObservation o, Check c) throws InvalidBodyException {
        c.required(o.domain(), "domain");
        c.text(o.domain(), "domain", NAME_CHARS);
        c.required(o.mx(), "mx");
        c.list(o.mx().records(), "mx.records", DnsInspector.MAX_TARGETS, "MX targets the collector resolves");
        for (int i = 0; i < o.mx().records().size(); i++) {
            record(c, o.mx().records().get(i), "mx.records[" + i + "]");
        }
        c.text(o.mx().error(), "mx.error", replyChars);
        c.dnsRecords(o.mx().raw(), "mx.raw");
        c.list(o.endpoints(), "endpoints", maxEndpoints, "addresses probed per check (checker.probe.max-endpoints)");
        for (int i = 0; i < o.endpoints().size(); i++) {
            endpoint(c, o.endpoints().get(i), "endpoints[" + i + "]");
        }
        c.text(o.incomplete(), "incomplete", replyChars);
        if (o.probe() != null) {
            c.text(o.probe().heloName(), "probe.helo_name", NAME_CHARS);
            c.text(o.probe().postmasterAddress(), "probe.postmaster_address", NAME_CHARS);
            c.text(o.probe().relayRecipient(), "probe.relay_recipient", NAME_CHARS);
            c.text(o.probe().relaySender(), "probe.relay_sender", NAME_CHARS);
        }
        if (o.tlsPosture() != null) {
            tlsPosture(c, o.tlsPosture(), "tls_posture");
        }
    }

    private void tlsPosture(Check c, TlsPosture t, String at) throws InvalidBodyException {
        c.text(t.trustStore(), at + ".trust_store", PATH_CHARS);
        c.text(t.dnssecAnchors(), at + ".dnssec_anchors", PATH_CHARS);
        c.list(t.endpoints(), at + ".endpoints", maxEndpoints,
                "addresses probed per check (checker.probe.max-endpoints)");
        for (int i = 0; i < t.endpoints().size(); i++) {
            tlsEndpoint(c, t.endpoints().get(i), at + ".endpoints[" + i + "]");
        }
        c.list(t.dane(), at + ".dane", tlsHosts, "MX hosts the sibling looks up");
        for (int i = 0; i < t.dane().size(); i++) {
            DaneLookup d = t.dane().get(i);
            String dat = at + ".dane[" + i + "]";
            c.text(d.host(), dat + ".host", NAME_CHARS);
            c.text(d.name(), dat + ".name", NAME_CHARS);
            c.dnsRecords(d.records(), dat + ".records");
            c.text(d.error(), dat + ".error", tlsDetailChars);
        }
        MtaSts sts = t.mtaSts();
        if (sts != null) {
            String sat = at + ".mta_sts";
            c.dnsRecords(sts.txt(), sat + ".txt");
            c.text(sts.txtError(), sat + ".txt_error", tlsDetailChars);
            c.text(sts.id(), sat + ".id", MTA_STS_ID_CHARS);
            c.text(sts.policyUrl(), sat + ".policy_url", NAME_CHARS + 64);
            c.text(sts.fetchError(), sat + ".fetch_error", tlsDetailChars);
            c.text(sts.policyError(), sat + ".policy_error", tlsDetailChars);
            c.text(sts.version(), sat + ".version", MtaSts.MAX_POLICY_BYTES);
            c.text(sts.mode(), sat + ".mode", MtaSts.MAX_POLICY_BYTES);
            c.list(sts.mx(), sat + ".mx", MTA_STS_PATTERNS, "mx: lines a policy body can hold");
            c.texts(sts.mx(), sat + ".mx", MtaSts.MAX_POLICY_BYTES);
            c.list(sts.coverage(), sat + ".coverage", tlsHosts, "MX hosts the sibling matches");
            for (int i = 0; i < sts.coverage().size(); i++) {
                MtaSts.Coverage m = sts.coverage().get(i);
                c.text(m.host(), sat + ".coverage[" + i + "].host", NAME_CHARS);
                c.text(m.pattern(), sat + ".coverage[" + i + "].pattern", MtaSts.MAX_POLICY_BYTES);
            }
        }
        TlsRpt rpt = t.tlsRpt();
        if (rpt != null) {
            c.dnsRecords(rpt.txt(), at + ".tls_rpt.txt");
            c.text(rpt.error(), at + ".tls_rpt.error", tlsDetailChars);
            c.list(rpt.rua(), at + ".tls_rpt.rua", TLS_RPT_DESTINATIONS, "destinations a DNS message can hold");
            c.texts(rpt.rua(), at + ".tls_rpt.rua", RAW_DNS_LINE_CHARS);
        }
        c.text(t.incomplete(), at + ".incomplete", tlsDetailChars);
    }

    private void tlsEndpoint(Check c, TlsEndpointPosture e, String at) throws InvalidBodyException {
        c.text(e.host(), at + ".host", NAME_CHARS);
        c.text(e.address(), at + ".address", ADDRESS_CHARS);
        c.text(e.sni(), at + ".sni", NAME_CHARS);
        c.text(e.error(), at + ".error", tlsDetailChars);
        c.text(e.tlsVersion(), at + ".tls_version", NAME_CHARS);
        c.text(e.cipherSuite(), at + ".cipher_suite", NAME_CHARS);
        c.list(e.certificates(), at + ".certificates", CHAIN_LENGTH, "certificates the JDK accepts in a chain");
        for (int i = 0; i < e.certificates().size(); i++) {
            PresentedCertificate p = e.certificates().get(i);
            String pat = at + ".certificates[" + i + "]";
            c.certificateNames(p.subject(), p.issuer(), p.san(), pat);
            c.text(p.sha256(), pat + ".sha256", 64);
            c.text(p.keyType(), pat + ".key_type", NAME_CHARS);
            c.text(p.signatureAlgorithm(), pat + ".signature_algorithm", NAME_CHARS);
        }
        c.text(e.chainError(), at + ".chain_error", tlsDetailChars);
        c.text(e.hostnameError(), at + ".hostname_error", tlsDetailChars);
        c.text(e.legacyProbeError(), at + ".legacy_probe_error", tlsDetailChars);
        c.text(e.forwardSecrecyDetail(), at + ".forward_secrecy_detail", tlsDetailChars);
        c.dnsRecords(e.tlsaMatched(), at + ".tlsa_matched");
    }

    private static void certificate(Check c, CertificateSummary cert, String at) throws InvalidBodyException {
        if (cert == null) {
            return;
        }
        c.certificateNames(cert.subject(), cert.issuer(), cert.san(), at);
        c.text(cert.serial(), at + ".serial", CERTIFICATE_CHARS);
        c.text(cert.sha256(), at + ".sha256", 64);
        c.text(cert.keyAlgorithm(), at + ".key_algorithm", NAME_CHARS);
        c.count(cert.chainLength(), at + ".chain_length", CHAIN_LENGTH, "certificates the JDK accepts in a chain");
    }

    private void record(Check c, MxRecord r, String at) throws InvalidBodyException {
        c.required(r.target(), at + ".target");
        c.text(r.target(), at + ".target", NAME_CHARS);
        c.list(r.ipv4(), at + ".ipv4", DnsInspector.MAX_ADDRESSES, "addresses kept per target and family");
        c.texts(r.ipv4(), at + ".ipv4", ADDRESS_CHARS);
        c.list(r.ipv6(), at + ".ipv6", DnsInspector.MAX_ADDRESSES, "addresses kept per target and family");
        c.texts(r.ipv6(), at + ".ipv6", ADDRESS_CHARS);
        c.list(r.cnameChain(), at + ".cname_chain", DnsInspector.MAX_CNAME_HOPS + 1, "CNAME hops followed");
        c.texts(r.cnameChain(), at + ".cname_chain", NAME_CHARS);
        c.text(r.resolutionError(), at + ".resolution_error", replyChars);
    }

    private void endpoint(Check c, EndpointProbe e, String at) throws InvalidBodyException {
        c.required(e.target(), at + ".target");
        c.text(e.target(), at + ".target", NAME_CHARS);
        c.required(e.address(), at + ".address");
        c.text(e.address(), at + ".address", ADDRESS_CHARS);
        c.required(e.family(), at + ".family");
        c.required(e.end(), at + ".end");
        c.required(e.end().reason(), at + ".end.reason");
        c.text(e.end().detail(), at + ".end.detail", replyChars);
        ReverseDns r = e.reverseDns();
        if (r != null) {
            c.list(r.ptr(), at + ".reverse_dns.ptr", DnsInspector.MAX_ADDRESSES, "PTR names kept");
            c.texts(r.ptr(), at + ".reverse_dns.ptr", NAME_CHARS);
            c.list(r.forward(), at + ".reverse_dns.forward", DnsInspector.MAX_PTR_CHECKED, "PTR names checked");
            c.texts(r.forward(), at + ".reverse_dns.forward", replyChars);
            c.text(r.error(), at + ".reverse_dns.error", replyChars);
            c.text(r.confirmedName(), at + ".reverse_dns.confirmed_name", NAME_CHARS);
        }
        if (e.connect() != null) {
            c.text(e.connect().error(), at + ".connect.error", replyChars);
        }
        if (e.greeting() != null) {
            c.required(e.greeting().reply(), at + ".greeting.reply");
            reply(c, e.greeting().reply(), at + ".greeting.reply");
        }
        reply(c, e.ehlo(), at + ".ehlo");
        reply(c, e.helo(), at + ".helo");
        reply(c, e.quit(), at + ".quit");
        extensions(c, e.extensions(), at + ".extensions");
        StartTls tls = e.starttls();
        if (tls != null) {
            reply(c, tls.reply(), at + ".starttls.reply");
            reply(c, tls.ehlo(), at + ".starttls.ehlo");
            extensions(c, tls.extensions(), at + ".starttls.extensions");
            c.text(tls.error(), at + ".starttls.error", replyChars);
            c.text(tls.protocol(), at + ".starttls.protocol", NAME_CHARS);
            c.text(tls.cipherSuite(), at + ".starttls.cipher_suite", NAME_CHARS);
            certificate(c, tls.certificate(), at + ".starttls.certificate");
        }
        c.list(e.transactions(), at + ".transactions", TRANSACTIONS, "transactions a session tries");
        for (int i = 0; i < e.transactions().size(); i++) {
            Transaction t = e.transactions().get(i);
            String tat = at + ".transactions[" + i + "]";
            c.required(t.kind(), tat + ".kind");
            c.text(t.mailFrom(), tat + ".mail_from", NAME_CHARS);
            c.text(t.rcptTo(), tat + ".rcpt_to", NAME_CHARS);
            reply(c, t.mail(), tat + ".mail");
            reply(c, t.rcpt(), tat + ".rcpt");
            reply(c, t.rset(), tat + ".rset");
            c.text(t.error(), tat + ".error", replyChars);
        }
        c.list(e.transcript(), at + ".transcript", transcriptLines, "lines of one session's transcript");
        for (int i = 0; i < e.transcript().size(); i++) {
            TranscriptLine l = e.transcript().get(i);
            c.text(l.dir(), at + ".transcript[" + i + "].dir", 1);
            c.text(l.line(), at + ".transcript[" + i + "].line", replyChars);
        }
    }

    private void reply(Check c, Reply reply, String at) throws InvalidBodyException {
        if (reply == null) {
            return;
        }
        c.list(reply.lines(), at + ".lines", maxReplyLines, "lines of one reply (checker.smtp.max-reply-lines)");
        c.texts(reply.lines(), at + ".lines", maxLineLength);
        c.text(reply.enhanced(), at + ".enhanced", maxLineLength);
    }

    private void extensions(Check c, List<Extension> extensions, String at) throws InvalidBodyException {
        c.list(extensions, at, maxReplyLines, "lines of one EHLO reply (checker.smtp.max-reply-lines)");
        for (int i = 0; i < extensions.size(); i++) {
            Extension x = extensions.get(i);
            c.text(x.name(), at + "[" + i + "].name", maxLineLength);
            c.list(x.params(), at + "[" + i + "].params", maxLineLength / 2, "words of one reply line");
            c.texts(x.params(), at + "[" + i + "].params", maxLineLength);
        }
    }

    /**
     * The verdicts a client sends back: as many as one evaluation can produce. A null or empty state
     * is Go's zero value, UNKNOWN with no message, as the SDK would decode it.
     */
    List<CheckState> states(List<CheckState> states) throws InvalidBodyException {
        if (states == null) {
            return null;
        }
        new Check("", null).count(states.size(), "states", maxStates, "states one evaluation can produce");
        List<CheckState> normalised = new ArrayList<>(states.size());
        for (CheckState s : states) {
            normalised.add(s == null ? new CheckState(Status.UNKNOWN, "", null, null, null, null)
                    : s.status() == null ? new CheckState(Status.UNKNOWN, s.message(), s.rule(), s.code(),
                            s.subject(), s.meta()) : s);
        }
        return normalised;
    }

    /** Related observations: at most one per discovery entry a collect publishes, nulls dropped. */
    Map<String, List<RelatedObservation>> related(Map<String, List<RelatedObservation>> related)
            throws InvalidBodyException {
        if (related == null) {
            return Map.of();
        }
        int total = 0;
        Map<String, List<RelatedObservation>> kept = new java.util.TreeMap<>();
        for (Map.Entry<String, List<RelatedObservation>> e : related.entrySet()) {
            List<RelatedObservation> list = e.getValue() == null ? List.of()
                    : e.getValue().stream().filter(java.util.Objects::nonNull).toList();
            total += list.size();
            kept.put(e.getKey(), list);
        }
        new Check("", null).count(total, "related", maxRelated, "discovery entries a collect publishes");
        return kept;
    }

    /**
     * The first violation, as an invalid request body naming the path and the limit.
     * @param limited where each bounded field's path is noted, or null
     */
    private record Check(String root, Set<String> limited) {

        private void limits(String path) {
            if (limited != null) {
                limited.add(path.replaceAll("\\[\\d+]", "[]"));
            }
        }

        private String at(String path) {
            return root.isEmpty() ? path : root + "." + path;
        }

        void required(Object value, String path) throws InvalidBodyException {
            if (value == null) {
                throw new InvalidBodyException(at(path) + ": missing (every collected observation has it)");
            }
        }

        void list(List<?> list, String path, int limit, String why) throws InvalidBodyException {
            limits(path);
            count(list.size(), path, limit, why);
            if (list.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidBodyException(at(path) + ": holds null where a value belongs");
            }
        }

        void count(int size, String path, int limit, String why) throws InvalidBodyException {
            if (size > limit) {
                throw new InvalidBodyException(at(path) + ": " + size + " entries, at most " + limit + " (" + why + ")");
            }
        }

        void text(String value, String path, int limit) throws InvalidBodyException {
            limits(path);
            if (value != null && value.length() > limit) {
                throw new InvalidBodyException(at(path) + ": " + value.length() + " characters, at most " + limit);
            }
        }

        /** The records of one DNS answer, in presentation form. */
        void dnsRecords(List<String> records, String path) throws InvalidBodyException {
            list(records, path, RAW_DNS_LINES, "records a DNS message can hold");
            texts(records, path, RAW_DNS_LINE_CHARS);
        }

        /** A certificate's subject, issuer and subjectAltNames, as the JDK read them. */
        void certificateNames(String subject, String issuer, List<String> san, String at) throws InvalidBodyException {
            text(subject, at + ".subject", CERTIFICATE_CHARS);
            text(issuer, at + ".issuer", CERTIFICATE_CHARS);
            list(san, at + ".san", CERTIFICATE_NAMES, "names a certificate the JDK reads can hold");
            texts(san, at + ".san", CERTIFICATE_CHARS);
        }

        void texts(List<String> values, String path, int limit) throws InvalidBodyException {
            for (int i = 0; i < values.size(); i++) {
                text(values.get(i), path + "[" + i + "]", limit);
            }
        }
    }
}
