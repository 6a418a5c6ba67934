package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;

/** {@code to endpoints} or {@code from endpoints}. */
public record Peer(Located<PeerKeyword> keyword, ImmutableList<EndpointNode> endpoints) {
    public Peer {
        endpoints = ImmutableList.copyOf(endpoints);
    }
}
