package org.checkersmtp.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.checkersmtp.json.GoJson;
import tools.jackson.core.JacksonException;

/**
 * Request bodies read the way the SDK reads them: at most 1 MiB (a longer JSON value is cut and so
 * fails), only the first JSON value, no Content-Type check.
 */
final class RequestBodies {

    static final int MAX_BODY_BYTES = 1 << 20;

    private RequestBodies() {}

    static <T> T decode(HttpServletRequest request, Class<T> type) throws InvalidBodyException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES);
        } catch (IOException e) {
            throw new InvalidBodyException(e.getMessage());
        }
        if (new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new InvalidBodyException("EOF");
        }
        try {
            T value = GoJson.decode(body, type);
            // Go decodes a JSON null into the zero value of the struct.
            return value != null ? value : GoJson.decode("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII), type);
        } catch (JacksonException e) {
            throw new InvalidBodyException(e.getOriginalMessage());
        }
    }

    static final class InvalidBodyException extends Exception {
        InvalidBodyException(String message) {
            super("invalid request body: " + message);
        }
    }
}
