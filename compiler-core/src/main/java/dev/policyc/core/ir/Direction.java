package dev.policyc.core.ir;

/** Which side opens a connection: {@code out}, the container; {@code in}, a remote peer. */
public enum Direction {
    IN("in"),
    OUT("out");

    private final String keyword;

    Direction(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword of the policy language. */
    public String keyword() {
        return keyword;
    }

    /** The direction named by a keyword, or {@code null}. */
    public static Direction ofKeyword(String keyword) {
        for (Direction d : values()) {
            if (d.keyword.equals(keyword)) {
                return d;
            }
        }
        return null;
    }
}
