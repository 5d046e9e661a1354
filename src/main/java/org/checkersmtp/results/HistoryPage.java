package org.checkersmtp.results;

import java.util.List;

/** One page of an owner's history, newest first. @param page from 0 */
public record HistoryPage(List<ResultSummary> results, int page, boolean hasNext) {

    public boolean hasPrevious() {
        return page > 0;
    }
}
