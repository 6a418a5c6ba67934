package dev.policyc.backend.iptables;

import com.google.common.hash.Hashing;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.ir.Direction;
import java.nio.charset.StandardCharsets;

/**
 * The user chains of one policy, {@code POLICYC-<stem>-IN} and {@code POLICYC-<stem>-OUT}.
 *
 * <p>iptables keeps at most 28 characters of a chain name, and a policy name may have 24, so the
 * stem is the policy name when it fits (16 characters or fewer) and otherwise its first 9
 * characters, a {@code -} and 6 hex digits of its SHA-256: the same name always gives the same
 * chains, and two long names that share their first 9 characters still get different ones
 * (unless their hashes clash, which {@link IptablesBackend} reports within one compilation).
 *
 * @param stem the part of the chain names that stands for the policy, at most {@link #STEM_MAX}
 *             characters, also the start of every log prefix
 */
record PolicyChains(String stem) {

    /** The longest chain name iptables accepts. */
    static final int MAX_CHAIN_NAME = 28;

    private static final String PREFIX = "POLICYC-";
    private static final String IN_SUFFIX = "-IN";
    private static final String OUT_SUFFIX = "-OUT";

    /** The longest stem that leaves room for the prefix and the longer suffix. */
    static final int STEM_MAX = MAX_CHAIN_NAME - PREFIX.length() - OUT_SUFFIX.length();

    /** How many characters of a long policy name its stem keeps. */
    static final int KEPT_OF_LONG_NAME = 9;
    private static final int HASH_HEX_DIGITS = STEM_MAX - KEPT_OF_LONG_NAME - 1;

    PolicyChains {
        TextWriter.name(stem);
        if (stem.length() > STEM_MAX) {
            throw new IllegalArgumentException("stem longer than " + STEM_MAX + ": " + stem);
        }
    }

    /** The chains of the policy called {@code policyName} (a plain name). */
    static PolicyChains of(String policyName) {
        TextWriter.name(policyName);
        if (policyName.length() <= STEM_MAX) {
            return new PolicyChains(policyName);
        }
        String hash = Hashing.sha256().hashString(policyName, StandardCharsets.UTF_8).toString();
        return new PolicyChains(policyName.substring(0, KEPT_OF_LONG_NAME) + "-" + hash.substring(0, HASH_HEX_DIGITS));
    }

    /** The chain that decides the packets of one direction. */
    String chain(Direction direction) {
        return PREFIX + stem + (direction == Direction.IN ? IN_SUFFIX : OUT_SUFFIX);
    }
}
