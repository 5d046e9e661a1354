package org.checkersmtp.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.checkersmtp.json.GoJson;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's error page. Asked for directly, {@code /error} is a path like any other that
 * the SDK does not have: 404. Reached by the container's error dispatch (a failure outside the
 * controllers), it answers the status with a short JSON error and no detail. Requests Tomcat refuses
 * before any dispatch get the same answer from ContainerErrorValve.
 */
@Controller
public class GoErrorController implements ErrorController {

    /** An error answer: its Content-Type and body. */
    public record Answer(String contentType, byte[] body) {
    }

    /** What an error status answers: 404 (or no status) as Go's mux does, any other its reason in JSON. */
    public static Answer answer(HttpStatus status) {
        if (status == null || status == HttpStatus.NOT_FOUND) {
            return new Answer("text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        }
        return new Answer(MediaType.APPLICATION_JSON_VALUE,
                GoJson.encode(new WireTypes.ErrorResponse(status.getReasonPhrase().toLowerCase(Locale.ROOT))));
    }

    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        Answer answer = answer(status);
        return ResponseEntity.status(status == null ? HttpStatus.NOT_FOUND : status)
                .contentType(MediaType.parseMediaType(answer.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .body(answer.body());
    }
}
