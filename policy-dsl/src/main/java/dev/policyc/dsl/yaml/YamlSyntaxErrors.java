package dev.policyc.dsl.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns what Jackson or SnakeYAML throw on malformed YAML into one {@code yaml} diagnostic at
 * the place SnakeYAML points to, with a hint for the mistakes people make most.
 */
final class YamlSyntaxErrors {

    static final String CODE = "yaml";

    private YamlSyntaxErrors() {}

    static Diagnostic toDiagnostic(Exception thrown, SourcePositions positions, SourceSpan fallback) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return fromMarked(marked, positions, fallback);
            }
            if (t instanceof ReaderException reader) {
                return fromReader(reader, positions);
            }
        }
        if (thrown instanceof StreamConstraintsException) {
            // Jackson's own limits (nesting depth 1000, very long texts): say it in the user's terms.
            return Diagnostic.error(CODE, fallback, "invalid YAML: lists and mappings nested too deeply, or a value"
                    + " too long").withHint("a policy needs only a few levels: check for runaway [ or {");
        }
        String message = thrown instanceof JsonProcessingException jackson
                ? jackson.getOriginalMessage()
                : thrown.getMessage();
        if (message != null && message.contains("exceeds the limit")) {
            return Diagnostic.error(CODE, fallback, "invalid YAML: the file is larger than a YAML document may be")
                    .withHint("split the policies over several files");
        }
        SourceSpan span = thrown instanceof JsonProcessingException jackson ? locate(jackson, positions, fallback)
                : fallback;
        return Diagnostic.error(CODE, span, "invalid YAML: " + firstLine(message));
    }

    private static Diagnostic fromMarked(MarkedYAMLException e, SourcePositions positions, SourceSpan fallback) {
        Mark problemMark = e.getProblemMark();
        SourceSpan span = problemMark == null ? fallback : positions.at(problemMark.getIndex());
        String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem();
        // SnakeYAML adds "(Do not use @ for indentation)" to every character that cannot start
        // a token; that advice only fits tabs, which get their own hint.
        problem = problem.replace("\\t(TAB)", "tab").replaceFirst("\\. \\(Do not use .* for indentation\\)$", "");
        Diagnostic d = Diagnostic.error(CODE, span, "invalid YAML: " + firstLine(problem));
        String hint = hintFor(problem);
        if (hint == null && e.getContext() != null && e.getContextMark() != null) {
            SourceSpan context = positions.at(e.getContextMark().getIndex());
            hint = "look at the " + e.getContext().replaceFirst("^while (parsing|scanning) (a |an )?", "")
                    + " that starts at line " + context.line() + ", column " + context.column();
        }
        return hint == null ? d : d.withHint(hint);
    }

    private static Diagnostic fromReader(ReaderException e, SourcePositions positions) {
        String character = String.format(Locale.ROOT, "U+%04X", e.getCodePoint());
        return Diagnostic.error(CODE, positions.at(e.getPosition()),
                        "invalid YAML: the character " + character + " is not allowed in a YAML file")
                .withHint("remove it; inside a double-quoted string it can be written as an escape such as \\x01");
    }

    private static SourceSpan locate(JsonProcessingException e, SourcePositions positions, SourceSpan fallback) {
        JsonLocation location = e.getLocation();
        return location != null && location.getCharOffset() >= 0 ? positions.at(location.getCharOffset()) : fallback;
    }

    private static String hintFor(String problem) {
        if (problem.contains("mapping values are not allowed")) {
            return "a value that contains \": \" must be quoted, for example comment: \"note: x\"";
        }
        if (problem.contains("'tab'")) {
            return "indent with spaces; YAML does not allow tabs for indentation";
        }
        if (problem.contains("found ':'")) {
            return "quote a value that starts with ':' such as \"::1\", or write host ::1";
        }
        if (problem.contains("found character '@'") || problem.contains("found character '`'")) {
            return "quote a value that starts with @ or `";
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable YAML";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable YAML");
        return line.isEmpty() ? line : Character.toLowerCase(line.charAt(0)) + line.substring(1);
    }
}
