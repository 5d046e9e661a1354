package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.testsupport.TestCollectors;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Stopping the service lets a collect that is under way finish and answer. */
class GracefulShutdownTest {

    static final CountDownLatch ENTERED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Configuration(proxyBeanMethods = false)
    static class SlowCollectorConfig {
        @Bean
        @Primary
        SmtpCollector slowCollector() {
            return new SmtpCollector(TestCollectors.properties(null, 25, Duration.ofSeconds(5)), Clock.systemUTC()) {
                @Override
                public SmtpObservation collect(CheckOptions options, CollectListener listener, Duration budget) {
                    ENTERED.countDown();
                    try {
                        RELEASE.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return SampleObservations.oneGoodEndpoint();
                }
            };
        }
    }

    @Test
    void inFlightCollectDrainsBeforeTheServerStops() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CheckerSmtpApplication.class,
                SlowCollectorConfig.class)
                .properties("server.port=0", "spring.main.allow-bean-definition-overriding=true")
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/collect"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"options\":{\"domain\":\"example.com\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ENTERED.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        Thread.sleep(500);
        assertThat(closing).as("shutdown waits for the in-flight request").isNotDone();
        RELEASE.countDown();

        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"data\":{\"domain\":\"example.com\"");
        closing.get(15, TimeUnit.SECONDS);
        assertThat(context.isActive()).isFalse();
    }
}
