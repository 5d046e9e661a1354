package org.checkersmtp.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Request bodies read the way the SDK reads them: at most 1 MiB (a longer JSON value is cut and so
 * fails), only the first JSON value, no Content-Type check. Errors say what is wrong in words.
 */
final class RequestBodies {

    static final int MAX_BODY_BYTES = 1 << 20;

    private RequestBodies() {}

    static <T> T decode(HttpServletRequest request, Class<T> type) throws InvalidBodyException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES);
        } catch (IOException e) {
            throw new InvalidBodyException("the body could not be read (" + JsonProblems.words(e.getMessage()) + ")");
        }
        if (new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new InvalidBodyException("EOF");
        }
        try {
            T value = GoJson.decode(body, type);
            // Go decodes a JSON null into the zero value of the struct.
            return value != null ? value : GoJson.decode("{}".getBytes(StandardCharsets.US_ASCII), type);
        } catch (JacksonException e) {
            throw new InvalidBodyException(JsonProblems.describe(e, ""));
        }
    }

    /** The observation inside a body, found at {@code path} ("data", "observations.smtp"). */
    static SmtpObservation observation(JsonNode raw, String path) throws InvalidBodyException {
        if (raw == null || raw.isNull() || !raw.isObject()) {
            throw new InvalidBodyException(path + ": expected an SMTP observation (an object)");
        }
        try {
            return GoJson.mapper().treeToValue(raw, SmtpObservation.class);
        } catch (ValueInstantiationException e) {
            // A null inside a list fails the record holding the list, far from it: point at the null itself.
            String nullAt = e.getCause() instanceof NullPointerException ? JsonProblems.firstNullInArray(raw, path) : null;
            throw new InvalidBodyException(nullAt != null ? nullAt + ": holds null where a value belongs"
                    : JsonProblems.describe(e, path));
        } catch (JacksonException e) {
            throw new InvalidBodyException(JsonProblems.describe(e, path));
        }
    }
}
