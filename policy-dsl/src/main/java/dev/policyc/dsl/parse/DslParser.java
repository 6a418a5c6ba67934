package dev.policyc.dsl.parse;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.internal.antlr.PolicyLexer;
import dev.policyc.dsl.internal.antlr.PolicyParser;
import dev.policyc.dsl.internal.antlr.PolicyParser.SourceFileContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Reads a policy file written in the policy language into a {@link SourceUnit}.
 *
 * <p>Parsing never throws for any text: problems come back as diagnostics in the
 * {@link ParseResult}, all of them in one run, each with a span on the offending token. A
 * statement with an error is left out of the AST; the rest of the file is read. Only syntax is
 * checked here: names, references, addresses, ports and includes are the checker's business.
 *
 * <p>Diagnostic codes:
 * <ul>
 *   <li>{@value #SYNTAX}: the text does not follow the grammar (including malformed strings,
 *       unknown characters and a reserved keyword used as a name);
 *   <li>{@value #INVALID_NAME}: a policy or define name does not follow its naming rule;
 *   <li>{@value #INTERNAL_ERROR}: a bug in the parser; never expected.
 * </ul>
 */
public final class DslParser {

    /** Code of every grammar error. */
    public static final String SYNTAX = "syntax";
    /** Code of a policy or define name that breaks its naming rule. */
    public static final String INVALID_NAME = "invalid-name";
    /** Code of a failure of the parser itself. */
    public static final String INTERNAL_ERROR = "internal-error";

    private DslParser() {}

    /**
     * Parses {@code text}.
     *
     * @param file the file's display name, used in every span
     * @param text the whole file
     * @return the AST of what could be read and the syntax diagnostics, sorted by position
     */
    public static ParseResult parse(String file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        try {
            return run(file, text);
        } catch (RuntimeException | StackOverflowError e) {
            // Last resort: a bug must not take the caller down with it.
            Diagnostic bug = Diagnostic.error(INTERNAL_ERROR, SourceSpan.at(file, 1, 1),
                            "internal error in the parser: " + e)
                    .withHint("please report this together with the policy file");
            return new ParseResult(new SourceUnit(file, ImmutableList.of(), ImmutableList.of()), ImmutableList.of(bug));
        }
    }

    private static ParseResult run(String file, String text) {
        SourceText source = new SourceText(file, text);
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text, file));
        lexer.removeErrorListeners(); // UNKNOWN_CHAR takes every character, so the lexer has no errors to report
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        List<Token> tokens = stream.getTokens();

        LexicalErrors lexical = new LexicalErrors(tokens, source);
        StatementRecovery recovery = new StatementRecovery(source, stream, lexical);
        PolicyParser parser = new PolicyParser(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(recovery);
        SourceFileContext tree = parser.sourceFile();

        TriviaCollector trivia = new TriviaCollector(tokens, source, new TokenLayout(stream, source), tree);
        AstBuilder builder = new AstBuilder(source, trivia, recovery::isBroken);
        SourceUnit unit = builder.build(tree);

        List<Diagnostic> diagnostics = new ArrayList<>(recovery.diagnostics());
        diagnostics.addAll(lexical.remaining(recovery.skippedTokens()));
        diagnostics.addAll(builder.diagnostics());
        diagnostics.sort(Diagnostics.SOURCE_ORDER);
        return new ParseResult(unit, ImmutableList.copyOf(diagnostics));
    }
}
