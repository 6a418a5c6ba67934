package dev.policyc.dsl.ast;

/** {@code define net NAME = ...} or {@code define ports NAME = ...}, at file level or in a policy. */
public sealed interface Define extends TopLevel, PolicyItem permits NetDefine, PortsDefine {
    Name name();

    /** {@code net} or {@code ports}. */
    String kind();
}
