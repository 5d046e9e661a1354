package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionCatalog;
import org.checkersmtp.options.OptionField;
import org.checkersmtp.observation.OptionalProbe;
import org.junit.jupiter.api.Test;

/** The form is the run options of /definition, mapped as the SDK maps them, and read back as the API reads them. */
class CheckFormTest {

    private static CheckForm posted(String... nameValues) {
        Map<String, String[]> parameters = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], new String[] {nameValues[i + 1]});
        }
        return CheckForm.submitted(parameters);
    }

    @Test
    void everyVisibleRunOptionIsAFieldTheDomainFirstAndRequired() {
        List<String> published = OptionCatalog.runOptions().stream().filter(o -> !o.hide()).map(OptionField::id)
                .filter(id -> !id.equals("tls_posture")).toList();
        CheckForm form = CheckForm.blank();
        assertThat(form.fields()).extracting(CheckForm.Field::id).containsExactlyInAnyOrderElementsOf(published);
        assertThat(form.mainFields()).extracting(CheckForm.Field::id).containsExactly("domain");
        assertThat(form.mainFields().get(0).required()).isTrue();
        assertThat(form.advancedFields()).extracting(CheckForm.Field::id).containsExactly("timeout", "helo_name",
                "test_null_sender", "test_postmaster", "test_open_relay", "test_probe_address");
    }

    @Test
    void inputsFollowTheSdkMapping() {
        Map<String, CheckForm.Field> byId = new HashMap<>();
        CheckForm.blank().fields().forEach(f -> byId.put(f.id(), f));
        assertThat(byId.get("domain").input()).isEqualTo("text");
        assertThat(byId.get("timeout")).extracting(CheckForm.Field::input, CheckForm.Field::step, CheckForm.Field::min)
                .containsExactly("number", "any", null);
        assertThat(byId.get("test_open_relay").input()).isEqualTo("checkbox");
        assertThat(byId.get("test_probe_address").input()).isEqualTo("text");
    }

    @Test
    void aFreshFormShowsTheDefaultsAsTheSdkPrintsThem() {
        CheckForm form = CheckForm.blank();
        Map<String, CheckForm.Field> byId = new HashMap<>();
        form.fields().forEach(f -> byId.put(f.id(), f));
        assertThat(form.value(byId.get("timeout"))).isEqualTo("12");
        assertThat(form.value(byId.get("helo_name"))).isEqualTo(CheckOptions.DEFAULT_HELO_NAME);
        assertThat(form.value(byId.get("domain"))).isEmpty();
        assertThat(form.checked(byId.get("test_null_sender"))).isTrue();
    }

    @Test
    void onlyTheDomainGivesTheDefaults() {
        assertThat(posted("domain", "Example.COM.").parse()).isEqualTo(CheckOptions.defaults("example.com"));
    }

    @Test
    void untickedBoxesAreFalseAndNumbersAreNumbers() {
        CheckOptions options = posted("domain", "example.com", "timeout", "4.5", "helo_name", "probe.example.net",
                "_test_null_sender", "on", "test_postmaster", "true", "_test_postmaster", "on",
                "_test_open_relay", "on", "test_probe_address", "someone@example.org").parse();
        assertThat(options).isEqualTo(new CheckOptions("example.com", Duration.ofMillis(4500), "probe.example.net",
                EnumSet.of(OptionalProbe.POSTMASTER), "someone@example.org"));
    }

    @Test
    void emptyTextMeansTheDefaultAsInTheApi() {
        assertThat(posted("domain", "example.com", "timeout", "", "helo_name", "").parse())
                .isEqualTo(CheckOptions.defaults("example.com"));
    }

    @Test
    void invalidValuesAreRefusedWithTheApisMessagesNamingTheField() {
        assertThatThrownBy(() -> posted("domain", "").parse()).isInstanceOf(InvalidOptionException.class)
                .hasMessage("option \"domain\": is required");
        assertThatThrownBy(() -> posted("domain", "example.com", "timeout", "0").parse())
                .hasMessage("option \"timeout\": must be a positive number of seconds, got 0.0");
        assertThatThrownBy(() -> posted("domain", "example.com", "timeout", "soon").parse())
                .hasMessage("option \"timeout\": must be a number of seconds, got a string");
        assertThatThrownBy(() -> posted("domain", "example.com", "test_open_relay", "yes").parse())
                .hasMessage("option \"test_open_relay\": must be a boolean (true or false), got a string");
        assertThatThrownBy(() -> posted("domain", "exa mple.com").parse())
                .hasMessage("option \"domain\": must not contain a space");
    }

    @Test
    void aRefusedFormKeepsWhatWasTyped() {
        CheckForm form = posted("domain", "exa mple.com", "timeout", "61", "_test_open_relay", "on");
        Map<String, CheckForm.Field> byId = new HashMap<>();
        form.fields().forEach(f -> byId.put(f.id(), f));
        assertThat(form.value(byId.get("domain"))).isEqualTo("exa mple.com");
        assertThat(form.value(byId.get("timeout"))).isEqualTo("61");
        assertThat(form.checked(byId.get("test_open_relay"))).isFalse();
    }

    @Test
    void fieldsThatAreNotOnThePageAreIgnored() {
        assertThat(posted("domain", "example.com", "subdomain", "mail", "tls_posture", "nonsense").parse())
                .isEqualTo(CheckOptions.defaults("example.com"));
    }
}
