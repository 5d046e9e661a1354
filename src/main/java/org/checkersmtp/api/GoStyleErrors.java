package org.checkersmtp.api;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Unknown paths and wrong methods answer as Go's ServeMux does, never with a Spring error page. */
@RestControllerAdvice
public class GoStyleErrors {

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<byte[]> notFound() {
        return GoHttp.textError(HttpStatus.NOT_FOUND, "404 page not found");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<byte[]> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        Set<String> allowed = new TreeSet<>();
        Set<HttpMethod> supported = e.getSupportedHttpMethods();
        if (supported != null) {
            supported.forEach(m -> allowed.add(m.name()));
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        ResponseEntity<byte[]> body = GoHttp.textError(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed");
        return ResponseEntity.status(body.getStatusCode()).headers(body.getHeaders())
                .header(HttpHeaders.ALLOW, String.join(", ", allowed)).body(body.getBody());
    }
}
