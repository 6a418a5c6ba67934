package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableMap;
import dev.policyc.dsl.ast.Define;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The defines visible at one place: a file's own and included defines, or those plus a
 * policy's local ones.
 */
record Scope(ImmutableMap<String, Define> defines) {

    Scope(Map<String, Define> defines) {
        this(ImmutableMap.copyOf(defines));
    }

    Optional<Define> lookup(String name) {
        return Optional.ofNullable(defines.get(name));
    }

    /** The names of defines of one kind ({@code net} or {@code ports}), for did-you-mean. */
    Set<String> namesOfKind(String kind) {
        return defines.entrySet().stream()
                .filter(e -> e.getValue().kind().equals(kind))
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
    }
}
