package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;

/** {@code define net NAME = endpoints}. */
public record NetDefine(Name name, ImmutableList<EndpointNode> endpoints, SourceSpan span, Trivia trivia)
        implements Define {

    public NetDefine {
        endpoints = ImmutableList.copyOf(endpoints);
    }

    @Override
    public String kind() {
        return "net";
    }
}
