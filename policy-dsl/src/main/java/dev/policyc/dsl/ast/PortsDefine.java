package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;

/** {@code define ports NAME = ports}. */
public record PortsDefine(Name name, ImmutableList<PortItem> ports, SourceSpan span, Trivia trivia)
        implements Define {

    public PortsDefine {
        ports = ImmutableList.copyOf(ports);
    }

    @Override
    public String kind() {
        return "ports";
    }
}
