package org.checkersmtp.results;

import org.checkersmtp.json.GoJson;
import org.checkersmtp.rules.KeptJson;
import tools.jackson.core.JacksonException;

/** Stored results as JSON (KeptJson: the API's observation and states, with each state's template) and their summaries (GoJson). */
final class ResultCodec {

    private ResultCodec() {}

    static String encode(Object value) {
        return KeptJson.mapper().writeValueAsString(value);
    }

    /** @throws UnreadableResultException the stored bytes are not a result (damaged, or written by something else) */
    static StoredResult result(String id, String json) {
        try {
            StoredResult result = KeptJson.mapper().readValue(json, StoredResult.class);
            if (!id.equals(result.id()) || result.observation() == null || result.options() == null) {
                throw new UnreadableResultException(id, "its fields are missing or belong to another id");
            }
            return result;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new UnreadableResultException(id, e.getMessage());
        }
    }

    /** A summary, or null when the entry cannot be read (it is then skipped). */
    static ResultSummary summary(String json) {
        try {
            return GoJson.mapper().readValue(json, ResultSummary.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
