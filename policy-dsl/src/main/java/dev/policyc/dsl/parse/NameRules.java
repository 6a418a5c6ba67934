package dev.policyc.dsl.parse;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of declared names: a policy name matches {@code [a-z][a-z0-9-]{0,23}}, a define
 * name {@code [a-z][a-z0-9_]{0,31}}. Checked here (not by the lexer, which takes any word) so
 * that the message can state the rule and suggest a name that follows it.
 */
enum NameRules {
    POLICY("policy name", '-', 24, "lower-case letters, digits and '-'", "-policy"),
    NET_DEFINE("define name", '_', 32, "lower-case letters, digits and '_'", "_net"),
    PORTS_DEFINE("define name", '_', 32, "lower-case letters, digits and '_'", "_ports");

    private final String what;
    private final char separator;
    private final int maxLength;
    private final String allowed;
    private final String keywordSuffix;
    private final Pattern pattern;

    NameRules(String what, char separator, int maxLength, String allowed, String keywordSuffix) {
        this.what = what;
        this.separator = separator;
        this.maxLength = maxLength;
        this.allowed = allowed;
        this.keywordSuffix = keywordSuffix;
        this.pattern = Pattern.compile("[a-z][a-z0-9" + (separator == '-' ? "\\-" : "_") + "]{0," + (maxLength - 1) + "}");
    }

    /** An error for {@code name} written at {@code span}, when it breaks the rule. */
    Optional<Diagnostic> check(String name, boolean isKeyword, SourceSpan span) {
        if (isKeyword) {
            return Optional.of(Diagnostic.error(DslParser.SYNTAX, span,
                            "'" + name + "' is a reserved keyword and cannot be a " + what)
                    .withHint("choose another name, such as '" + name + keywordSuffix + "'"));
        }
        if (pattern.matcher(name).matches()) {
            return Optional.empty();
        }
        Diagnostic error = Diagnostic.error(DslParser.INVALID_NAME, span, "invalid " + what + " '" + name + "': a "
                + what + " starts with a lower-case letter and has at most " + maxLength + " " + allowed);
        return Optional.of(suggestion(name).map(s -> error.withHint("write '" + s + "'")).orElse(error));
    }

    /** A name that follows the rule and stays close to {@code name}, if there is one. */
    Optional<String> suggestion(String name) {
        StringBuilder fixed = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (fixed.length() == 0 && !(c >= 'a' && c <= 'z')) {
                continue; // a name starts with a letter
            }
            fixed.append(ok ? c : separator);
        }
        String s = fixed.length() > maxLength ? fixed.substring(0, maxLength) : fixed.toString();
        while (s.endsWith(String.valueOf(separator))) {
            s = s.substring(0, s.length() - 1);
        }
        return pattern.matcher(s).matches() && !TokenKinds.KEYWORDS.containsKey(s) ? Optional.of(s) : Optional.empty();
    }
}
