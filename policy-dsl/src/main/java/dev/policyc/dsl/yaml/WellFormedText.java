package dev.policyc.dsl.yaml;

/**
 * Whether a string is well-formed UTF-16. YAML escapes such as {@code "\ud800"} can produce a
 * lone surrogate, which no file can hold and which SnakeYAML's emitter garbles when another
 * character follows it; so the reader rejects such text and the writer refuses it.
 */
final class WellFormedText {

    private WellFormedText() {}

    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
