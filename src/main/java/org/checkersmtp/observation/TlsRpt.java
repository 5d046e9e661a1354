package org.checkersmtp.observation;

import java.util.List;

/** The domain's SMTP TLS reporting policy (RFC 8460): TXT records at {@code _smtp._tls.<domain>}. */
public record TlsRpt(
        /** The TXT records that start with "v=TLSRPTv1". */
        List<String> txt,
        /** The lookup failed (not "no record"). */
        String error,
        /** The report destinations ({@code rua=}: mailto: or https: URIs). */
        List<String> rua) {

    public TlsRpt {
        txt = txt == null ? List.of() : List.copyOf(txt);
        rua = rua == null ? List.of() : List.copyOf(rua);
    }
}
