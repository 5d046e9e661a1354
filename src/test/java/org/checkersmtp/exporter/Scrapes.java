package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.checkersmtp.testsupport.PrometheusText;
import org.checkersmtp.testsupport.PrometheusText.Sample;

/** GETs of /probe over real HTTP, as Prometheus sends them, and the samples of the answer's text format. */
final class Scrapes {

    /** An answer: status, content type, body, and its samples when it is a 200. */
    record Scrape(int status, String contentType, String body, List<Sample> samples) {

        OptionalDouble value(String name, String... labels) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i < labels.length; i += 2) {
                wanted.put(labels[i], labels[i + 1]);
            }
            return samples.stream().filter(s -> s.name().equals(name)
                    && s.labels().entrySet().containsAll(wanted.entrySet())).mapToDouble(Sample::value).findFirst();
        }

        double get(String name, String... labels) {
            OptionalDouble v = value(name, labels);
            assertThat(v).as(name + " in\n" + body).isPresent();
            return v.getAsDouble();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    Scrapes(int port) {
        this.port = port;
    }

    Scrape get(String query, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe" + query));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        List<Sample> samples = r.statusCode() == 200 ? PrometheusText.parse(r.body()) : List.of();
        return new Scrape(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), samples);
    }
}
