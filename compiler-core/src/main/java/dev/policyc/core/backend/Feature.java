package dev.policyc.core.backend;

/**
 * Something a rule may need from a target beyond plain allow and deny of flows. A {@link Backend}
 * lists the features it can express; {@link FeatureCheck} rejects every rule that needs one it
 * lacks before the backend sees the program, so a backend never has to degrade a rule silently.
 */
public enum Feature {
    /** {@code log} on a rule or on a default. */
    LOG("logging"),
    /** {@code comment "..."} on a rule, carried into the generated rule. */
    COMMENT("rule comments"),
    /** Rules that name IPv6 addresses or {@code icmpv6}. */
    IPV6("IPv6 addresses and icmpv6"),
    /** Port ranges such as {@code 8000-8080}. */
    PORT_RANGES("port ranges"),
    /**
     * {@code dns} and {@code resolver} endpoints kept symbolic and resolved when the rules are
     * applied; without it a backend only ever receives bound programs.
     */
    DNS_AT_RUNTIME("dns and resolver endpoints resolved at run time"),
    /**
     * Named address sets, one per {@code dns} name and family and for {@code resolver} (see
     * {@link RuntimeSets}), left empty for whoever applies the rules to fill. No rule needs this
     * of a target on its own; a {@link BundlingBackend} that declares {@link #DNS_AT_RUNTIME} packs
     * such a target's output with unbound programs ({@link Backends#bundle}).
     */
    RUNTIME_SETS("address sets filled when the rules are applied");

    private final String description;

    Feature(String description) {
        this.description = description;
    }

    /** A lower-case phrase for messages: "the iptables target does not support {description}". */
    public String description() {
        return description;
    }
}
