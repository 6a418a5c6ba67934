package dev.policyc.core.backend;

import dev.policyc.core.ir.Family;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One named address set that a ruleset declares empty and the program applying the rules fills:
 * the addresses of one {@code dns} name in one family, or the container's nameservers in one
 * family. {@link RuntimeSets} names them; a target with {@link Feature#RUNTIME_SETS} declares them
 * under exactly these names, and the applier adds the elements.
 *
 * @param name    {@code dns_3_v4}, {@code resolver_v6}: a plain name every target accepts
 * @param family  the family of every element
 * @param dnsName the name whose addresses fill the set, normalized (lower case, no final dot);
 *                empty for the {@code resolver} sets
 */
public record RuntimeSet(String name, Family family, Optional<String> dnsName) {

    private static final Pattern NAME = Pattern.compile("(dns_[1-9][0-9]*|resolver)_v[46]");

    public RuntimeSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(dnsName, "dnsName");
        if (!NAME.matcher(name).matches() || !name.endsWith("_v" + family.version())) {
            throw new IllegalArgumentException("not a runtime set name for " + family + ": " + name);
        }
        if (name.startsWith("resolver") == dnsName.isPresent()) {
            throw new IllegalArgumentException("dns sets have a name, resolver sets none: " + name);
        }
    }

    /** True for the sets of {@code resolver}. */
    public boolean isResolver() {
        return dnsName.isEmpty();
    }
}
