package org.checkersmtp.options;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One option as the checker SDK describes it ({@code CheckerOptionField}), in the SDK's key order. */
public record OptionField(
        @JsonInclude(JsonInclude.Include.ALWAYS) String id,
        @JsonInclude(JsonInclude.Include.ALWAYS) String type,
        String label,
        String placeholder,
        /** Go omits the default only when it is nil: false, 0 and "" are written. */
        @JsonProperty("default") @JsonInclude(JsonInclude.Include.NON_NULL) Object defaultValue,
        List<String> choices,
        boolean required,
        boolean secret,
        boolean hide,
        boolean textarea,
        String description,
        String autoFill,
        boolean noOverride) {

    /** An option without its words yet ({@link #said}). */
    static OptionField of(String id, String type, Object defaultValue) {
        return new OptionField(id, type, null, null, defaultValue, null, false, false, false, false, null, null, false);
    }

    /** The same option with its label and description in one language. */
    OptionField said(String label, String description) {
        return new OptionField(id, type, label, placeholder, defaultValue, choices, required, secret, hide, textarea,
                description, autoFill, noOverride);
    }

    OptionField autoFilled(String autoFillKey) {
        return new OptionField(id, type, label, placeholder, defaultValue, choices, required, secret, hide, textarea,
                description, autoFillKey, noOverride);
    }

    OptionField hidden() {
        return new OptionField(id, type, label, placeholder, defaultValue, choices, required, secret, true, textarea,
                description, autoFill, noOverride);
    }

    OptionField requiredField() {
        return new OptionField(id, type, label, placeholder, defaultValue, choices, true, secret, hide, textarea,
                description, autoFill, noOverride);
    }
}
