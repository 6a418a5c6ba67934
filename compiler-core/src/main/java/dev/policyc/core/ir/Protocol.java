package dev.policyc.core.ir;

import java.util.Optional;

/**
 * The protocols the policy language can name. A flow may carry any IP protocol number
 * (0-255); a rule that names no protocol matches them all.
 */
public enum Protocol {
    TCP("tcp", 6, null),
    UDP("udp", 17, null),
    ICMP("icmp", 1, Family.IPV4),
    ICMPV6("icmpv6", 58, Family.IPV6);

    private final String keyword;
    private final int number;
    private final Family onlyFamily;

    Protocol(String keyword, int number, Family onlyFamily) {
        this.keyword = keyword;
        this.number = number;
        this.onlyFamily = onlyFamily;
    }

    public String keyword() {
        return keyword;
    }

    /** The IANA protocol number. */
    public int number() {
        return number;
    }

    /** True for the protocols that have ports (tcp and udp). */
    public boolean hasPorts() {
        return onlyFamily == null;
    }

    /** The one family this protocol exists in ({@code icmp}: IPv4, {@code icmpv6}: IPv6), if any. */
    public Optional<Family> family() {
        return Optional.ofNullable(onlyFamily);
    }

    /** True when this protocol can be carried by {@code family}. */
    public boolean existsIn(Family family) {
        return onlyFamily == null || onlyFamily == family;
    }

    public static Protocol ofKeyword(String keyword) {
        for (Protocol p : values()) {
            if (p.keyword.equals(keyword)) {
                return p;
            }
        }
        return null;
    }

    /** The named protocol with this number, if the language has a name for it. */
    public static Optional<Protocol> ofNumber(int number) {
        for (Protocol p : values()) {
            if (p.number == number) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
