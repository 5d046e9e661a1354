package org.checkersmtp.json;

import java.math.BigDecimal;
import tools.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * Go's {@code encoding/json} float64 form: the shortest decimal that round-trips, plain notation
 * ({@code 1}, {@code 0.5}) between 1e-6 and 1e21, otherwise {@code 1e-7} / {@code 1e+21}.
 */
public final class GoFloats {

    private GoFloats() {}

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("json: unsupported value: " + value);
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        // Schubfach gives the shortest round-tripping digits; BigDecimal re-lays them out.
        BigDecimal shortest = new BigDecimal(DoubleToDecimal.toString(value)).stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder out = new StringBuilder();
        if (value < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        // Only |exponent| >= 7 reaches here: strconv's two-digit minimum never pads, and
        // encoding/json has already trimmed "e-07" to "e-7".
        out.append(Math.abs(exponent));
        return out.toString();
    }
}
