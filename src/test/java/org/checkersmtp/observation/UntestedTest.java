package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;

/** {@link Untested}: when nothing was tested and why, the headline's sentence in English and in French. */
class UntestedTest {

    private static final SmtpObservation BASE = SampleObservations.oneGoodEndpoint();

    private static EndpointProbe notContacted(String address, ConnectFailure failure) {
        EndpointProbe e = BASE.endpoints().get(0);
        return new EndpointProbe(e.target(), e.preference(), address, e.family(), null,
                new Connect(false, failure, "not contacted", 0), null, null, null, List.of(), null, List.of(), null,
                List.of(), null, 0);
    }

    private static SmtpObservation with(EndpointProbe... endpoints) {
        return new SmtpObservation(BASE.domain(), BASE.runAt(), BASE.mx(), List.of(endpoints), BASE.coverage(),
                BASE.schemaVersion(), BASE.probe(), BASE.durationMs(), null, null);
    }

    private static String sentence(SmtpObservation observation, Locale language) {
        return Untested.sentence(observation).orElseThrow().in(Catalogue.classpath(), language);
    }

    @Test
    void anAddressContacted_isATest() {
        assertThat(Untested.reason(BASE)).isEmpty();
        assertThat(Untested.reason(with(BASE.endpoints().get(0), notContacted("10.0.0.1", ConnectFailure.POLICY))))
                .isEmpty();
        assertThat(Untested.reason(with())).as("no address at all: another rule's finding").isEmpty();
    }

    @Test
    void everyAddressRefusedByPolicy() {
        SmtpObservation refused = with(notContacted("10.0.0.1", ConnectFailure.POLICY));
        assertThat(Untested.reason(refused).orElseThrow().inEnglish())
                .isEqualTo("nothing was tested: every address was refused by the target policy");
        assertThat(sentence(refused, Locale.ENGLISH))
                .isEqualTo("Nothing was tested: every address was refused by the target policy.");
        assertThat(sentence(refused, Locale.FRENCH))
                .isEqualTo("Rien n'a été testé\u00a0: toutes les adresses ont été refusées par la politique des cibles.");
    }

    @Test
    void theDeadlineBeforeAnyAddress() {
        SmtpObservation late = with(notContacted("192.0.2.25", ConnectFailure.NOT_ATTEMPTED));
        assertThat(sentence(late, Locale.ENGLISH))
                .isEqualTo("Nothing was tested: the check's deadline came before any address was contacted.");
        assertThat(sentence(late, Locale.FRENCH)).isEqualTo("Rien n'a été testé\u00a0: l'échéance de la vérification "
                + "est arrivée avant qu'aucune adresse ne soit contactée.");
    }

    @Test
    void bothReasons_countedInEachLanguage() {
        SmtpObservation both = with(notContacted("10.0.0.1", ConnectFailure.POLICY),
                notContacted("10.0.0.2", ConnectFailure.POLICY), notContacted("192.0.2.25", ConnectFailure.NOT_ATTEMPTED));
        assertThat(Untested.reason(both).orElseThrow().inEnglish()).isEqualTo("nothing was tested: 2 addresses refused "
                + "by the target policy, 1 not contacted before the check's deadline");
        assertThat(sentence(both, Locale.FRENCH)).isEqualTo("Rien n'a été testé\u00a0: 2 adresses refusées par la "
                + "politique des cibles, 1 sans contact avant l'échéance de la vérification.");
        SmtpObservation one = with(notContacted("10.0.0.1", ConnectFailure.POLICY),
                notContacted("192.0.2.25", ConnectFailure.NOT_ATTEMPTED));
        assertThat(sentence(one, Locale.ENGLISH)).isEqualTo("Nothing was tested: 1 address refused by the target "
                + "policy, 1 not contacted before the check's deadline.");
    }
}
