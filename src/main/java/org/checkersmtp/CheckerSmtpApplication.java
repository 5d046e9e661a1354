package org.checkersmtp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.checkersmtp.cli.CheckCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CheckerSmtpApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            // The command line: the same pipeline, no web server (cli.CheckCommand).
            System.exit(CheckCommand.main(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (Arrays.asList(args).contains("-healthcheck") || Arrays.asList(args).contains("--healthcheck")) {
            System.exit(healthcheck(args));
        }
        SpringApplication.run(CheckerSmtpApplication.class, args);
    }

    /**
     * The SDK's {@code -healthcheck}: GET /health on the local port with a 2 s timeout, exit 0 on 2xx,
     * so a container image can use the service's own jar as its HEALTHCHECK.
     */
    public static int healthcheck(String[] args) {
        String port = Arrays.stream(args).filter(a -> a.startsWith("--server.port="))
                .map(a -> a.substring("--server.port=".length())).findFirst()
                .orElse(System.getenv().getOrDefault("SERVER_PORT", "8080"));
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return 0;
            }
            System.err.println("healthcheck failed: status " + response.statusCode());
        } catch (Exception e) {
            System.err.println("healthcheck failed: " + e);
        }
        return 1;
    }
}
