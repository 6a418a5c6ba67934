package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;
import java.util.Objects;

/**
 * One parsed policy file (DSL or YAML), in source order.
 *
 * @param file        the file's display name, as spans carry it
 * @param items       includes, defines and policies in the order written
 * @param endComments comments after the last statement
 */
public record SourceUnit(String file, ImmutableList<TopLevel> items, ImmutableList<String> endComments) {

    public SourceUnit {
        Objects.requireNonNull(file, "file");
        items = ImmutableList.copyOf(items);
        endComments = ImmutableList.copyOf(endComments);
    }

    public ImmutableList<Include> includes() {
        return items.stream().filter(Include.class::isInstance).map(Include.class::cast)
                .collect(ImmutableList.toImmutableList());
    }

    public ImmutableList<Define> defines() {
        return items.stream().filter(Define.class::isInstance).map(Define.class::cast)
                .collect(ImmutableList.toImmutableList());
    }

    public ImmutableList<PolicyDecl> policies() {
        return items.stream().filter(PolicyDecl.class::isInstance).map(PolicyDecl.class::cast)
                .collect(ImmutableList.toImmutableList());
    }
}
