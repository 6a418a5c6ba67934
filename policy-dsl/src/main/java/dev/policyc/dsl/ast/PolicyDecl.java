package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;

/**
 * {@code policy NAME { ... }}.
 *
 * @param closingComments comments between the last item and the closing brace
 */
public record PolicyDecl(
        Name name, ImmutableList<PolicyItem> items, ImmutableList<String> closingComments, SourceSpan span, Trivia trivia)
        implements TopLevel {

    public PolicyDecl {
        items = ImmutableList.copyOf(items);
        closingComments = ImmutableList.copyOf(closingComments);
    }
}
