package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum IpFamily {
    @JsonProperty("ipv4") IPV4,
    @JsonProperty("ipv6") IPV6
}
