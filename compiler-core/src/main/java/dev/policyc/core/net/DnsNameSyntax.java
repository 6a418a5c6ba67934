package dev.policyc.core.net;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names as RFC 1123 allows them: dot-separated labels of letters, digits and hyphens, each
 * 1-63 characters, not starting or ending with a hyphen, at most 253 characters in all. A final
 * dot is allowed and dropped. Names compare case-insensitively, so they are lower-cased.
 */
public final class DnsNameSyntax {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private DnsNameSyntax() {}

    /** The name in canonical form (lower case, no final dot), or empty when it is not valid. */
    public static Optional<String> canonical(String name) {
        return problem(name).isPresent() ? Optional.empty()
                : Optional.of(strip(name).toLowerCase(Locale.ROOT));
    }

    /** Why {@code name} is not a valid host name, or empty when it is. */
    public static Optional<String> problem(String name) {
        String n = strip(name).toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return Optional.of("the name is empty");
        }
        if (n.length() > 253) {
            return Optional.of("the name is longer than 253 characters");
        }
        if (n.startsWith("*")) {
            return Optional.of("wildcard names cannot be resolved to addresses");
        }
        for (String label : n.split("\\.", -1)) {
            if (label.isEmpty()) {
                return Optional.of("the name has an empty label (two dots in a row, or a leading dot)");
            }
            if (label.length() > 63) {
                return Optional.of("the label '" + label + "' is longer than 63 characters");
            }
            if (!LABEL.matcher(label).matches()) {
                return Optional.of(label.startsWith("-") || label.endsWith("-")
                        ? "the label '" + label + "' starts or ends with a hyphen"
                        : "the label '" + label + "' has characters other than letters, digits and hyphens");
            }
        }
        return Optional.empty();
    }

    private static String strip(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }
}
