package dev.policyc.backend.iptables;

import com.google.common.hash.Hashing;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.ir.Direction;
import java.nio.charset.StandardCharsets;

/**
 * The user chains of one policy: {@code POLICYC-<stem>-IN} and {@code POLICYC-<stem>-OUT}, which
 * decide the packets of each direction, and the extra chains of rules with many address blocks,
 * {@code PC-<stem>-<KIND><N>} ({@link Extra}), numbered 1, 2, ... in the order a rules file
 * declares them (each family's file on its own, since iptables and ip6tables keep apart tables).
 *
 * <p>An extra chain's name is the policy's exactly when, after {@code PC-<stem>-}, it goes on with
 * one capital letter and digits: a stem has no capital letters, so no other policy's stem (say
 * {@code web-a} beside {@code web}) gives names of that form, and {@code NAME.sh} can tell the
 * chains of the policy's older versions from those of other policies.
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

    /** What an extra chain of a rule holds: its letter in the chain name. */
    enum Extra {
        /** The address chain a rule's guards jump to: its blocks, or the root of their tree. */
        ADDRESSES('A'),
        /** A node of an address tree below the root. */
        TREE('T'),
        /** LOG, then the rule's verdict: the target of a logged rule's blocks. */
        VERDICT('V');

        final char letter;

        Extra(char letter) {
            this.letter = letter;
        }
    }

    private static final String EXTRA_PREFIX = "PC-";

    /** How many hex digits of a set's SHA-256 its name keeps. */
    static final int SET_HEX_DIGITS = 8;

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

    /**
     * The {@code number}th extra chain of a rules file: {@code PC-webapp-A1}, {@code PC-webapp-T2}.
     * With the longest stem 7 digits are left, for more chains than iptables-restore could load.
     */
    String extra(Extra kind, int number) {
        String name = EXTRA_PREFIX + stem + "-" + kind.letter + number;
        if (number < 1 || name.length() > MAX_CHAIN_NAME) {
            throw new IllegalArgumentException("no chain name for extra chain " + number + " of " + stem);
        }
        return name;
    }

    /** What the names {@link #extra} gives start with: {@code PC-webapp-}. */
    String extraPrefix() {
        return EXTRA_PREFIX + stem + "-";
    }

    /** An extended regular expression that matches the names {@link #extra} gives, and no others. */
    String extraPattern() {
        return "^" + EXTRA_PREFIX + stem + "-[A-Z][0-9]+$";
    }

    /**
     * The ipset set of the {@code iptables-ipset} target whose content hashes to {@code hexDigits}:
     * {@code PC-webapp-1a2b3c4d}, at most 28 characters with the longest stem (ipset takes 31),
     * which leaves room for the temporary {@code -n} the script rebuilds a live set under.
     */
    String set(String hexDigits) {
        if (!hexDigits.matches("[0-9a-f]{" + SET_HEX_DIGITS + "}")) {
            throw new IllegalArgumentException("not " + SET_HEX_DIGITS + " lower-case hex digits: " + hexDigits);
        }
        return EXTRA_PREFIX + stem + "-" + hexDigits;
    }

    /**
     * An extended regular expression that matches the names {@link #set} gives and their
     * temporary {@code -n} names, and no others; the hex digits are spelled out one by one because
     * mawk, Debian's awk, takes no interval expressions.
     */
    String setPattern() {
        return "^" + EXTRA_PREFIX + stem + "-" + "[0-9a-f]".repeat(SET_HEX_DIGITS) + "(-n)?$";
    }

    /** The chain that decides the packets of one direction. */
    String chain(Direction direction) {
        return PREFIX + stem + (direction == Direction.IN ? IN_SUFFIX : OUT_SUFFIX);
    }
}
