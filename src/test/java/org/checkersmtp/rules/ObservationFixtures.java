package org.checkersmtp.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;

/** Loads observation fixtures from src/test/resources/observations/. */
public final class ObservationFixtures {

    private ObservationFixtures() {}

    /** {@code load("mx_present/implicit.json")} reads src/test/resources/observations/mx_present/implicit.json. */
    public static SmtpObservation load(String path) {
        try (InputStream in = ObservationFixtures.class.getResourceAsStream("/observations/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture observations/" + path);
            }
            return GoJson.decode(in.readAllBytes(), SmtpObservation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
