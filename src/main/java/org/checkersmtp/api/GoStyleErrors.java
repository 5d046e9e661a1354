package org.checkersmtp.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.checkersmtp.json.GoJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.multipart.MultipartException;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Unknown paths and wrong methods answer as Go's ServeMux does, never with a Spring error page; any
 * other failure is a short JSON error without exception text. A browser's failed page path gets the
 * page {@code page-error} instead ({@link GoErrorController#page}).
 */
@RestControllerAdvice
public class GoStyleErrors {

    private static final Logger log = LoggerFactory.getLogger(GoStyleErrors.class);

    @ExceptionHandler(NoResourceFoundException.class)
    public Object notFound(HttpServletRequest request) {
        return GoErrorController.page(request, request.getRequestURI(), HttpStatus.NOT_FOUND).map(Object.class::cast)
                .orElseGet(() -> GoHttp.textError(HttpStatus.NOT_FOUND, "404 page not found"));
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

    /**
     * The client closed the connection of a streamed answer (/check/progress): nobody to answer, nothing
     * failed. Whoever was writing to it says so (web.CheckStreams).
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone() {
    }

    /** A request Spring could not take apart (a multipart body without boundary, a page number that is no number): the client's error. */
    @ExceptionHandler(Exception.class)
    public Object anythingElse(Exception e, HttpServletRequest request) {
        HttpStatusCode status = e instanceof ErrorResponse r ? r.getStatusCode()
                : e instanceof MultipartException || e instanceof TypeMismatchException ? HttpStatus.BAD_REQUEST
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("request failed", e);
        }
        Optional<ModelAndView> page = GoErrorController.page(request, request.getRequestURI(), status);
        if (page.isPresent()) {
            return page.get();
        }
        String message;
        if (status.is4xxClientError()) {
            message = "invalid request body: " + (e instanceof ErrorResponse r && r.getBody().getDetail() != null
                    ? JsonProblems.words(r.getBody().getDetail()) : "it could not be read");
        } else {
            message = "internal error";
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(GoJson.encode(new WireTypes.ErrorResponse(message)));
    }
}
