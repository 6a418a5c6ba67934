package dev.policyc.core.ir;

/** What happens to a flow. */
public enum Verdict {
    ALLOW("allow"),
    DENY("deny");

    private final String keyword;

    Verdict(String keyword) {
        this.keyword = keyword;
    }

    /** The keyword of the policy language, also what {@code policyc eval} prints. */
    public String keyword() {
        return keyword;
    }

    public static Verdict ofKeyword(String keyword) {
        for (Verdict v : values()) {
            if (v.keyword.equals(keyword)) {
                return v;
            }
        }
        return null;
    }
}
