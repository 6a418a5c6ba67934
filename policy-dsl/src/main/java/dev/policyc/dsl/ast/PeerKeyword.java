package dev.policyc.dsl.ast;

import dev.policyc.core.ir.Direction;

/** {@code to} names the destination of an outgoing flow, {@code from} the source of an incoming one. */
public enum PeerKeyword {
    TO("to", Direction.OUT),
    FROM("from", Direction.IN);

    private final String keyword;
    private final Direction implied;

    PeerKeyword(String keyword, Direction implied) {
        this.keyword = keyword;
        this.implied = implied;
    }

    public String keyword() {
        return keyword;
    }

    /** The direction this keyword implies when the rule names none. */
    public Direction impliedDirection() {
        return implied;
    }
}
