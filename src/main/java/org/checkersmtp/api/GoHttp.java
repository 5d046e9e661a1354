package org.checkersmtp.api;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Go's {@code http.Error}: text/plain, nosniff, the message and a newline. */
final class GoHttp {

    private GoHttp() {}

    static ResponseEntity<byte[]> textError(HttpStatusCode status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType("text/plain; charset=utf-8"))
                .header("X-Content-Type-Options", "nosniff")
                .body((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
