package org.checkersmtp.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
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
 * the SDK does not have: 404. Reached by the container's error dispatch (a request Tomcat refused, a
 * failure outside the controllers), it answers the status with a short JSON error and no detail.
 */
@Controller
public class GoErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null || status == HttpStatus.NOT_FOUND) {
            return GoHttp.textError(HttpStatus.NOT_FOUND, "404 page not found");
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(GoJson.encode(new WireTypes.ErrorResponse(status.getReasonPhrase().toLowerCase(Locale.ROOT))));
    }
}
