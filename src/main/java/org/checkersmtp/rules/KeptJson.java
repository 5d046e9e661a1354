package org.checkersmtp.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.json.GoJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for what the service keeps for itself (the /check result cache, stored results): the wire's shape
 * (GoJson) plus each state's template ({@link CheckState#text()}), which the wire leaves out, so that a kept
 * result can still be said in the reader's language.
 */
public final class KeptJson {

    private static final JsonMapper MAPPER = GoJson.mapper().rebuild()
            .addMixIn(CheckState.class, WithTemplate.class).build();

    private KeptJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private abstract static class WithTemplate {
        @JsonIgnore(false)
        @JsonProperty("text")
        Text text;

        @JsonIgnore(false)
        @JsonProperty("text")
        abstract Text text();
    }
}
