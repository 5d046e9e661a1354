package org.checkersmtp.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.checkersmtp.security.ApiHeadersFilter;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error page, for requests it refuses before Spring sees them (a bad %-escape or {@code ..;}
 * in the path, CONNECT, over-long headers, a bad Content-Length): the JSON error the API answers
 * elsewhere, with the API's security headers, instead of an HTML page without them.
 */
class ContainerErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        GoErrorController.Answer answer = GoErrorController.answer(HttpStatus.resolve(status));
        try {
            response.setSuspended(false);
            response.resetBuffer();
            response.setContentType(answer.contentType());
            response.setContentLength(answer.body().length);
            ApiHeadersFilter.setApiHeaders(response);
            OutputStream out = response.getOutputStream();
            out.write(answer.body());
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone, or the response was already under way: nothing more to say.
        }
    }

    /** Puts this valve where Tomcat's would be: the host's error report valve. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve); // Spring Boot's, left in place it would write HTML
                    }
                }
                host.getPipeline().addValve(new ContainerErrorValve());
                host.setErrorReportValveClass(ContainerErrorValve.class.getName());
            });
        }
    }
}
