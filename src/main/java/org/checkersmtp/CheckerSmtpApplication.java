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
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CheckerSmtpApplication {

    /** The JVM property of the launcher's training start (src/main/dist/checker-smtp). */
    static final String ARCHIVE_TRAINING = "checker.archive-training";

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            // The command line: the same pipeline, no web server (cli.CheckCommand).
            System.exit(CheckCommand.main(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (Arrays.asList(args).contains("-healthcheck") || Arrays.asList(args).contains("--healthcheck")) {
            System.exit(healthcheck(args));
        }
        if (Boolean.getBoolean(ARCHIVE_TRAINING)) {
            System.exit(archiveTraining(args));
        }
        SpringApplication.run(CheckerSmtpApplication.class, args);
    }

    /**
     * A start that the JVM records in a class-data-sharing archive as it exits: the service on a free
     * loopback port, up to its first /health answered, so the archive holds what a start and the first
     * requests load (Tomcat's start comes after the context's refresh, where spring.context.exit stops).
     */
    static int archiveTraining(String[] args) {
        String[] training = Arrays.copyOf(args, args.length + 2);
        training[args.length] = "--server.port=0";
        training[args.length + 1] = "--server.address=127.0.0.1";
        ConfigurableApplicationContext context = SpringApplication.run(CheckerSmtpApplication.class, training);
        // A busy build machine may take more than the HEALTHCHECK's 2 s to answer a first request.
        int health = health(context.getEnvironment().getProperty("local.server.port"), Duration.ofSeconds(60));
        return SpringApplication.exit(context, () -> health);
    }

    /**
     * The SDK's {@code -healthcheck}: GET /health on the local port with a 2 s timeout, exit 0 on 2xx,
     * so a container image can use the service's own jar as its HEALTHCHECK.
     */
    public static int healthcheck(String[] args) {
        String port = Arrays.stream(args).filter(a -> a.startsWith("--server.port="))
                .map(a -> a.substring("--server.port=".length())).findFirst()
                .orElse(System.getenv().getOrDefault("SERVER_PORT", "8080"));
        return health(port, Duration.ofSeconds(2));
    }

    private static int health(String port, Duration timeout) {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(timeout).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
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
