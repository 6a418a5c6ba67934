package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;

/** Every node of the AST knows where in the source it starts. */
public interface Node {
    SourceSpan span();
}
