package dev.policyc.dsl.expect;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.diag.Suggestions;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.LineWords;
import dev.policyc.core.net.LineWords.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an expectations file (see {@code docs/testing.md}): one statement a line, {@code #} to
 * the end of the line a comment.
 *
 * <pre>
 * policy webapp                                    # which policy of the file
 * expect allow out tcp 10.20.1.5 5432              # one flow, in policyc eval's syntax
 * expect deny  out tcp 10.20.99.5 5432
 * never allow in tcp from outside 10.0.0.0/8 port 22    # every flow of a set
 * always allow in tcp port 8080
 * </pre>
 *
 * A bad line becomes an error diagnostic with its column and a hint, and is left out; the other
 * lines still count.
 */
public final class ExpectationParser {

    /** The code of diagnostics about the lines of an expectations file. */
    public static final String SYNTAX = FlowSetSyntax.DIAGNOSTIC_CODE;
    /** The code of the warning for a file without any expectation. */
    public static final String EMPTY = "expect-empty";
    /** An expectations file is named after its policy file plus this: {@code webapp.policy.expect}. */
    public static final String SUFFIX = ".expect";

    private static final Pattern POLICY_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");
    private static final List<String> STATEMENTS = List.of("policy", "expect", "never", "always");

    private ExpectationParser() {}

    /**
     * Parses the text of an expectations file.
     *
     * @param file the file as the user named it, for spans
     */
    public static ExpectationFile parse(String file, String text) {
        Run run = new Run(file);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            run.line(i + 1, lines[i]);
        }
        return run.finish();
    }

    private static final class Run {
        private final String file;
        private final Diagnostics diagnostics = new Diagnostics();
        private final List<ExpectationFile.Section> sections = new ArrayList<>();
        private Optional<String> policy = Optional.empty();
        private Optional<SourceSpan> header = Optional.empty();
        private List<Expectation> current = new ArrayList<>();
        private boolean sawStatement;

        Run(String file) {
            this.file = file;
        }

        void line(int number, String line) {
            List<Word> words = LineWords.of(line);
            if (words.isEmpty()) {
                return;
            }
            sawStatement = true;
            Word first = words.get(0);
            switch (first.text()) {
                case "policy" -> header(number, words);
                case "expect" -> oneFlow(number, line, words);
                case "never", "always" -> everyFlow(number, line, words);
                default -> {
                    String hint = Suggestions.closest(first.text(), STATEMENTS)
                            .map(s -> "did you mean '" + s + "'?")
                            .orElse("a line starts with 'policy', 'expect', 'never' or 'always'");
                    error(number, first, "'" + first.text() + "' does not start an expectation", hint);
                }
            }
        }

        private void header(int number, List<Word> words) {
            Word keyword = words.get(0);
            if (words.size() < 2) {
                error(number, keyword.end(), 1, "missing policy name after 'policy'", "write 'policy NAME'");
                return;
            }
            Word name = words.get(1);
            if (!POLICY_NAME.matcher(name.text()).matches()) {
                error(number, name, "'" + name.text() + "' is not a policy name",
                        "policy names are a lower-case letter, then up to 23 lower-case letters, digits or '-'");
                return;
            }
            if (words.size() > 2) {
                error(number, words.get(2), "unexpected '" + words.get(2).text() + "' after the policy name",
                        "write 'policy NAME' alone on its line");
                return;
            }
            closeSection();
            policy = Optional.of(name.text());
            header = Optional.of(new SourceSpan(file, number, keyword.column(), name.end() - keyword.column()));
        }

        private void oneFlow(int number, String line, List<Word> words) {
            Optional<Verdict> verdict = verdict(number, words);
            if (verdict.isEmpty()) {
                return;
            }
            if (missingSubject(number, words, "flow", "out tcp 192.0.2.1 443")) {
                return;
            }
            int offset = words.get(2).column() - 1;
            FlowSyntax.Result result = FlowSyntax.parse(line.substring(offset));
            if (result instanceof FlowSyntax.Malformed bad) {
                diagnostics.add(new FlowSyntax.Malformed(bad.message(), bad.hint(), bad.column() + offset, bad.length())
                        .toDiagnostic(file, number));
                return;
            }
            current.add(new Expectation.OneFlow(verdict.get(), ((FlowSyntax.Parsed) result).flow(),
                    span(number, words), text(words)));
        }

        private void everyFlow(int number, String line, List<Word> words) {
            Optional<Verdict> verdict = verdict(number, words);
            if (verdict.isEmpty()) {
                return;
            }
            if (missingSubject(number, words, "flows", "in tcp port 22")) {
                return;
            }
            int offset = words.get(2).column() - 1;
            FlowSetSyntax.Result result = FlowSetSyntax.parse(line.substring(offset), offset);
            if (result instanceof FlowSetSyntax.Malformed bad) {
                diagnostics.add(bad.toDiagnostic(file, number));
                return;
            }
            boolean never = words.get(0).text().equals("never");
            Verdict required = never ? opposite(verdict.get()) : verdict.get();
            current.add(new Expectation.EveryFlow(required, ((FlowSetSyntax.Parsed) result).flows(),
                    span(number, words), text(words)));
        }

        /** True, after reporting it, when nothing follows {@code expect allow} or {@code never deny}. */
        private boolean missingSubject(int number, List<Word> words, String what, String example) {
            if (words.size() >= 3) {
                return false;
            }
            String start = words.get(0).text() + " " + words.get(1).text();
            error(number, words.get(1).end(), 1, "missing " + what + " after '" + start + "'",
                    "write " + (what.equals("flow") ? "one" : "them") + " as in '" + start + " " + example + "'");
            return true;
        }

        /** The {@code allow} or {@code deny} after the first word, or empty after reporting why not. */
        private Optional<Verdict> verdict(int number, List<Word> words) {
            Word keyword = words.get(0);
            if (words.size() < 2) {
                error(number, keyword.end(), 1, "missing 'allow' or 'deny' after '" + keyword.text() + "'",
                        "write '" + keyword.text() + " allow ...' or '" + keyword.text() + " deny ...'");
                return Optional.empty();
            }
            Word verb = words.get(1);
            Verdict verdict = Verdict.ofKeyword(verb.text());
            if (verdict == null) {
                String hint = switch (verb.text()) {
                    case "accept", "accepts", "allows", "pass" -> "write 'allow'";
                    case "drop", "drops", "reject", "denies", "block" -> "write 'deny'";
                    default -> "write 'allow' or 'deny'";
                };
                error(number, verb, "'" + verb.text() + "' is not a verdict", hint);
                return Optional.empty();
            }
            return Optional.of(verdict);
        }

        private static Verdict opposite(Verdict verdict) {
            return verdict == Verdict.ALLOW ? Verdict.DENY : Verdict.ALLOW;
        }

        private SourceSpan span(int number, List<Word> words) {
            Word first = words.get(0);
            Word last = words.get(words.size() - 1);
            return new SourceSpan(file, number, first.column(), last.end() - first.column());
        }

        private static String text(List<Word> words) {
            return String.join(" ", words.stream().map(Word::text).toList());
        }

        private void closeSection() {
            if (header.isPresent() && current.isEmpty()) {
                diagnostics.warning(EMPTY, header.get(), "no expectations for policy " + policy.orElseThrow(),
                        "write them on the lines after 'policy " + policy.orElseThrow() + "'");
            }
            if (header.isPresent() || !current.isEmpty()) {
                sections.add(new ExpectationFile.Section(policy, header, ImmutableList.copyOf(current)));
            }
            current = new ArrayList<>();
        }

        ExpectationFile finish() {
            closeSection();
            if (!sawStatement) {
                diagnostics.warning(EMPTY, new SourceSpan(file, 1, 1, 1), "this file holds no expectations",
                        "write lines such as 'expect allow out tcp 192.0.2.1 443' (see docs/testing.md)");
            }
            return new ExpectationFile(file, ImmutableList.copyOf(sections), diagnostics.toList());
        }

        private void error(int number, Word word, String message, String hint) {
            error(number, word.column(), word.text().length(), message, hint);
        }

        private void error(int number, int column, int length, String message, String hint) {
            diagnostics.add(Diagnostic.error(SYNTAX, new SourceSpan(file, number, column, length), message).withHint(hint));
        }
    }
}
