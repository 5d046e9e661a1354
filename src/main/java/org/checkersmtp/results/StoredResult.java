package org.checkersmtp.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.rules.CheckState;

/**
 * One stored check: what it found and judged (the observation and its states), how it was run, whose it is,
 * when it was stored and who may read it. Never the HTML: pages are rendered again from it, so a fixed
 * report template shows on old results too.
 */
public record StoredResult(String id, String owner, CheckOptions options, long createdMillis,
                           Visibility visibility, SmtpObservation observation, List<CheckState> states) {

    public StoredResult {
        states = List.copyOf(states);
    }

    @JsonIgnore
    public String domain() {
        return options.domain();
    }

    @JsonIgnore
    public Instant created() {
        return Instant.ofEpochMilli(createdMillis);
    }

    /** The check again, for the verdict and the report (the related observations are the rules' input only). */
    @JsonIgnore
    public CheckResult result() {
        return new CheckResult(observation, Map.of(), states);
    }

    @JsonIgnore
    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    StoredResult withVisibility(Visibility newVisibility) {
        return new StoredResult(id, owner, options, createdMillis, newVisibility, observation, states);
    }

    ResultSummary summary() {
        return new ResultSummary(id, owner, domain(), optionsKey(options), createdMillis, result().verdict(),
                visibility);
    }

    /** The options as canonical JSON, normalised by the parser: what "the same check" means. */
    static String optionsKey(CheckOptions options) {
        return GoJson.mapper().writeValueAsString(options);
    }
}
