package dev.policyc.core.net;

import java.util.Locale;

/**
 * Turns a DNS name into its IPv4 and IPv6 addresses (A and AAAA). Used to bind the {@code dns}
 * endpoints of a policy for the static targets, {@code eval}, {@code explain} and {@code diff}.
 *
 * <p>Implementations answer "no addresses" with a {@link Resolution.NoAddresses} rather than by
 * throwing. Names are compared as DNS compares them: case-insensitively, a trailing dot
 * (the fully qualified form) meaning the same name.
 */
@FunctionalInterface
public interface NameResolver {

    /** The addresses of {@code name}, or why it has none. */
    Resolution resolve(String name);

    /** The form under which two spellings of one DNS name are equal: lower case, no trailing dot. */
    static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
