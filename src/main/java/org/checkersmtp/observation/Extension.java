package org.checkersmtp.observation;

import java.util.List;

/** One EHLO keyword with its parameters, as advertised ("SIZE 10240000", "AUTH PLAIN LOGIN"). */
public record Extension(String name, List<String> params) {

    public Extension {
        params = params == null ? List.of() : List.copyOf(params);
    }
}
