package org.checkersmtp.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.report.Words;

/**
 * One check's progress, from the collector's events to the writer of its event stream. The probing
 * threads must never wait on a browser, so events are only recorded here, and the stream's own thread
 * takes them ({@link #next}). Bounded without dropping anything that matters: per endpoint only its latest
 * state waits to be sent (a slow reader skips phases, never an endpoint's end), so at most one event per
 * address plus the MX list is ever held.
 */
final class ProgressStream implements CollectListener {

    /** An event of the stream: its SSE name and its JSON data. */
    record Event(String name, Object data) {
    }

    /** The MX lookup ended: the addresses about to be probed (step "queued"), or why there are none. */
    record Endpoints(List<Endpoint> endpoints, String error) {
    }

    /**
     * Where one address stands.
     *
     * @param id    "host/address", the state subject the report uses
     * @param step  what a person reads: "connect", "banner", "EHLO", "STARTTLS", "transactions", "done"…
     * @param state "waiting", "running", "done", "failed" or "refused"
     * @param detail how a failed session ended, or null
     */
    record Endpoint(String id, String host, String address, String family, String step, String state,
                    String detail) {
    }

    private final Map<String, Event> pending = new LinkedHashMap<>();
    private boolean closed;
    private final Catalogue catalogue;
    private final Locale language;

    /** @param language the page's, for the steps' words (the protocol's own, EHLO or STARTTLS, stay as they are) */
    ProgressStream(Catalogue catalogue, Locale language) {
        this.catalogue = catalogue;
        this.language = language;
    }

    @Override
    public void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
        List<Endpoint> rows = endpoints.stream().map(t -> endpoint(t, step(Phase.QUEUE), "waiting", null)).toList();
        offer("mx", new Event("mx", new Endpoints(rows, mx.error())));
    }

    @Override
    public void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration previousTook) {
        Endpoint row = endpoint(endpoint, step(phase), phase == Phase.QUEUE ? "waiting" : "running", null);
        offer(row.id(), new Event("endpoint", row));
    }

    @Override
    public void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration lastPhaseTook) {
        SessionEnd end = probe.end();
        Endpoint row;
        if (end == null || end.reason() == EndReason.COMPLETED) {
            row = endpoint(endpoint, words("done"), "done", null);
        } else if (end.reason() == EndReason.POLICY_REFUSED) {
            row = endpoint(endpoint, words("refused"), "refused", end.detail());
        } else {
            // How it ended is the report's word for it.
            String ending = Words.in(language).ending(end.reason());
            row = endpoint(endpoint, words("failed"), "failed", end.phase() == null ? ending
                    : catalogue.text("page.check.step.ended_in", Map.of("ending", ending, "step", step(end.phase())),
                    language));
        }
        offer(row.id(), new Event("endpoint", row));
    }

    /** What a person calls each phase. */
    private String step(Phase phase) {
        return words(switch (phase) {
            case STARTTLS, TLS_HANDSHAKE -> "starttls";
            case MAIL, RCPT, RSET -> "transactions";
            default -> phase.name().toLowerCase(Locale.ROOT);
        });
    }

    private String words(String step) {
        return catalogue.text("page.check.step." + step, language);
    }

    private static Endpoint endpoint(EndpointTarget t, String step, String state, String detail) {
        String address = IpAddresses.text(t.address());
        IpFamily family = IpAddresses.family(t.address());
        return new Endpoint(t.host() + "/" + address, t.host(), address, Words.family(family), step, state, detail);
    }

    private synchronized void offer(String key, Event event) {
        if (closed) {
            return;
        }
        pending.remove(key); // re-inserted last: the stream keeps the order things happened in
        pending.put(key, event);
        notifyAll();
    }

    /**
     * The events not sent yet, waiting for one; empty once the stream is {@link #close closed} and drained.
     */
    synchronized List<Event> next() throws InterruptedException {
        while (pending.isEmpty() && !closed) {
            wait();
        }
        List<Event> events = new ArrayList<>(pending.values());
        pending.clear();
        return events;
    }

    /** No event will come any more (the check is over, or nobody reads the stream). */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
