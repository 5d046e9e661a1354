package org.checkersmtp.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.tlsposture.TlsProbes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code check --via URL}: the check asked of a running instance instead of made from here, through the
 * routes happyDomain uses ({@code POST /collect}, then {@code POST /evaluate} of the observation it gave),
 * so the result is the one the local pipeline would print. Every answer is read within the run's deadline
 * and up to {@link #MAX_ANSWER_BYTES}; whatever the instance does instead (refuses, fails, answers
 * something that is not the SDK's JSON) is an {@link InstanceFailure} with the reason, never a verdict.
 * The states come said in the report's language: {@code /evaluate} is asked for it by {@code Accept-Language}
 * (their templates do not travel), unless it is English, the machine API's own.
 */
final class InstanceClient {

    /** Four times the largest request body the instance accepts back, so any observation it collects fits. */
    static final int MAX_ANSWER_BYTES = 4 << 20;

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final Locale language;
    private final HttpClient http;

    /** Why the instance gave no result: a sentence for the status line. */
    static final class InstanceFailure extends Exception {
        InstanceFailure(String reason) {
            super(reason);
        }
    }

    private InstanceClient(URI base, String token, Duration timeout, Locale language) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.language = language;
        this.http = HttpClient.newBuilder().connectTimeout(min(timeout, Duration.ofSeconds(10)))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The instance at {@code url} (http or https, a host, no query: the routes are appended to its path).
     *
     * @param language the language the findings are wanted in (English for --json)
     * @throws IllegalArgumentException why the URL cannot name an instance
     */
    static InstanceClient of(String url, String token, Duration timeout, Locale language) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must be http(s)://HOST[:PORT][/PATH], without user, query or fragment");
        }
        if (token != null && (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException("the token must be printable ASCII without spaces");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("/+$", "");
        return new InstanceClient(URI.create(scheme + "://" + uri.getRawAuthority() + path), token, timeout, language);
    }

    /** The collect and the evaluation of {@code options} (the API's run options, already validated). */
    CheckResult check(Map<String, Object> options) throws InstanceFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode collected = answer("/collect", Map.of("key", "smtp", "options", options), null, deadline);
        JsonNode data = collected.get("data");
        if (data == null || !data.isObject()) {
            throw new InstanceFailure("/collect answered no observation" + error(collected));
        }
        SmtpObservation observation;
        try {
            observation = GoJson.mapper().treeToValue(data, SmtpObservation.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InstanceFailure("/collect answered an observation this version cannot read: "
                    + firstLine(e.getMessage()));
        }
        if (observation.domain() == null || observation.mx() == null || observation.endpoints() == null) {
            throw new InstanceFailure("/collect answered an observation without its domain, MX or endpoints");
        }
        JsonNode evaluated = answer("/evaluate", Map.of("observations", Map.of("smtp", data), "options", options),
                language.equals(Locale.ENGLISH) ? null : language.toLanguageTag(), deadline);
        JsonNode states = evaluated.get("states");
        if (states == null || !states.isArray()) {
            throw new InstanceFailure("/evaluate answered no states" + error(evaluated));
        }
        List<CheckState> decoded;
        try {
            decoded = List.of(GoJson.mapper().treeToValue(states, CheckState[].class));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new InstanceFailure("/evaluate answered states this version cannot read: " + firstLine(e.getMessage()));
        }
        return new CheckResult(observation, TlsProbes.withOwnFindings(Map.of(), observation), decoded);
    }

    /** One POST of JSON (with {@code acceptLanguage} unless null); its 2xx answer as a JSON object, else why not. */
    private JsonNode answer(String route, Object body, String acceptLanguage, long deadline) throws InstanceFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new InstanceFailure("no answer within " + seconds(timeout) + " (--via-timeout)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + route))
                .timeout(Duration.ofNanos(left)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(GoJson.encode(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), info -> new Bounded());
        HttpResponse<byte[]> response;
        try {
            response = sent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new InstanceFailure(route + ": no answer within " + seconds(timeout) + " (--via-timeout)");
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new InstanceFailure(route + ": interrupted");
        } catch (ExecutionException e) {
            throw new InstanceFailure(route + ": " + transportFailure(e.getCause()));
        }
        JsonNode json = null;
        try {
            json = GoJson.mapper().readTree(response.body());
        } catch (JacksonException e) {
            // Not JSON: a proxy's page, a wrong URL; said below by the status or as garbage.
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new InstanceFailure(route + " answered " + refusal(status, response) + error(json));
        }
        if (json == null || !json.isObject()) {
            throw new InstanceFailure(route + " answered " + status + " with something that is not a JSON object"
                    + " (is --via the instance's base URL?)");
        }
        return json;
    }

    private static String refusal(int status, HttpResponse<?> response) {
        return switch (status) {
            case 401 -> "401: the instance wants a token (--token)";
            case 403 -> "403: the instance refused this caller (its address or token)";
            case 429 -> "429: the instance is over a rate limit"
                    + response.headers().firstValue("Retry-After").map(s -> ", retry after " + s + " s").orElse("");
            default -> status >= 500 ? status + ": the instance failed" : Integer.toString(status);
        };
    }

    /** ": the instance's own words", from an SDK error body. */
    private static String error(JsonNode json) {
        JsonNode error = json == null ? null : json.get("error");
        return error != null && error.isString() ? ": " + firstLine(error.asString()) : "";
    }

    private static String transportFailure(Throwable cause) {
        if (cause instanceof BodyTooLarge) {
            return "answer over " + (MAX_ANSWER_BYTES >> 20) + " MiB";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "cannot connect: timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer in time (--via-timeout)";
        }
        if (cause instanceof IOException && cause.getCause() instanceof BodyTooLarge) {
            return "answer over " + (MAX_ANSWER_BYTES >> 20) + " MiB";
        }
        // The JDK client's ConnectException often carries no message: the reason is further down.
        String message = null;
        for (Throwable t = cause; t != null && message == null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                message = "cannot resolve the host";
            } else if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null && cause instanceof java.net.ConnectException) {
            message = "refused or unreachable"; // all the JDK client tells (a closed channel)
        }
        message = Optional.ofNullable(message).orElse(cause.getClass().getSimpleName());
        return (cause instanceof java.net.ConnectException ? "cannot connect: " : "") + firstLine(message);
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1e3);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("answer over " + MAX_ANSWER_BYTES + " bytes");
        }
    }

    /** The answer's bytes, up to {@link #MAX_ANSWER_BYTES}: past that, the stream is cancelled. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return; // cancelled: what was already in flight
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + item.remaining() > MAX_ANSWER_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
