package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyParser.*;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.parse.SyntaxMessages.Message;
import dev.policyc.dsl.parse.SyntaxMessages.Scope;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Error recovery by statement: the first error in a statement is reported, the rest of the
 * statement is skipped up to the next token that can start one ({@code allow deny default
 * define policy include}, a {@code '}'} that closes the policy, or the end), and parsing goes
 * on. So every broken statement gives exactly one message and a file gives all its errors in
 * one run.
 *
 * <p>How: an error inside a statement unwinds, through the rules' own catch blocks, to the
 * statement rule (see {@link #recover}); junk between statements is handled where the
 * statement lists loop (see {@link #sync}). The only inline repairs are a missing
 * {@code '{'} after a policy name and a missing {@code '}'} at the end of a policy, so that a
 * policy's body is not read as file-level statements. When braces no longer match, lines and
 * indentation decide which '}' ends the policy ({@link TokenLayout#closesPolicy}).
 *
 * <p>A statement with an error is marked broken and left out of the AST, except for a policy
 * whose only fault is its missing '}'.
 */
final class StatementRecovery extends DefaultErrorStrategy {

    private final SourceText source;
    private final TokenLayout layout;
    private final SyntaxMessages messages;
    private final LexicalErrors lexical;
    private final List<Diagnostic> found = new ArrayList<>();
    private final Set<ParserRuleContext> broken = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<ParserRuleContext> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Policies where recovery took a '}' that may have been the policy's own. */
    private final Set<ParserRuleContext> braceTaken = Collections.newSetFromMap(new IdentityHashMap<>());
    private final BitSet skipped = new BitSet();

    StatementRecovery(SourceText source, TokenStream tokens, LexicalErrors lexical) {
        this.source = source;
        this.layout = new TokenLayout(tokens, source);
        this.messages = new SyntaxMessages(source);
        this.lexical = lexical;
    }

    /** The syntax errors, in the order found. */
    List<Diagnostic> diagnostics() {
        return found;
    }

    /** True when {@code statement} had an error and must not reach the AST. */
    boolean isBroken(ParserRuleContext statement) {
        return broken.contains(statement);
    }

    /** Indices of the tokens that recovery skipped. */
    BitSet skippedTokens() {
        return skipped;
    }

    // ------------------------------------------------------------------ ANTLR hooks

    @Override
    public void sync(Parser parser) {
        ParserRuleContext ctx = parser.getContext();
        if (ctx instanceof SourceFileContext) {
            syncStatementList(parser, Scope.FILE);
            return;
        }
        if (ctx instanceof PolicyStmtContext) {
            syncStatementList(parser, Scope.POLICY);
            return;
        }
        ATN atn = parser.getInterpreter().atn;
        IntervalSet next = atn.nextTokens(atn.states.get(parser.getState()));
        int la = parser.getInputStream().LA(1);
        if (!next.contains(la) && !next.contains(Token.EPSILON)) {
            throw new InputMismatchException(parser);
        }
    }

    @Override
    public Token recoverInline(Parser parser) {
        if (parser.getContext() instanceof PolicyStmtContext policy) {
            IntervalSet expecting = parser.getExpectedTokens();
            if (expecting.contains(LBRACE)) {
                return recoverPolicyOpen(parser, policy);
            }
            if (expecting.contains(RBRACE)) {
                return recoverPolicyClose(parser, policy);
            }
        }
        throw new InputMismatchException(parser);
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (e instanceof AbandonStatement) {
            return;
        }
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : parser.getCurrentToken();
        IntervalSet expected = e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        ParserRuleContext where = parser.getContext();
        Token before = layout.previous(offending);
        report(Statements.statementOf(where), true, missingAfter(offending, before),
                () -> messages.expected(expected, offending, before, where));
    }

    @Override
    public void recover(Parser parser, RecognitionException e) {
        ParserRuleContext ctx = parser.getContext();
        if (ctx instanceof NameContext && ctx.getParent() instanceof PolicyStmtContext) {
            // Keep the policy's body: skip to its '{' and let policyStmt go on.
            beginErrorCondition(parser);
            while (!stopsPolicyHeader(parser.getInputStream().LA(1))) {
                skipCurrent(parser);
            }
            endErrorCondition(parser);
            return;
        }
        if (!isStatementLevel(ctx)) {
            throw e instanceof AbandonStatement abandon ? abandon : new AbandonStatement(parser);
        }
        skipRestOfStatement(parser, ctx);
    }

    // ------------------------------------------------------------------ statement lists

    private void syncStatementList(Parser parser, Scope scope) {
        TokenStream in = parser.getInputStream();
        while (true) {
            Token t = in.LT(1);
            int type = t.getType();
            if (type == Token.EOF
                    || scope == Scope.FILE && TokenKinds.FILE_STARTS.contains(type)
                    || scope == Scope.POLICY && (TokenKinds.POLICY_STARTS.contains(type) || type == RBRACE || type == POLICY)) {
                return;
            }
            boolean afterPolicy = reportStray(parser, scope, t);
            if (scope == Scope.POLICY && type == INCLUDE) {
                skipIncludeInPolicy(parser);
            } else if (afterPolicy) {
                skipRestOfClosedPolicy(parser);
            } else {
                skipStray(parser, scope);
            }
        }
    }

    /**
     * Reports a token where a statement should start. Returns true when it follows the '}' of a
     * policy on the same line: that '}' then probably closed the policy too early.
     */
    private boolean reportStray(Parser parser, Scope scope, Token stray) {
        Token before = layout.previous(stray);
        ParserRuleContext last = Statements.lastStatement(parser.getContext());
        boolean endsLast = before != null && last != null && last.stop != null
                && last.stop.getTokenIndex() == before.getTokenIndex()
                && source.line(before) == source.line(stray);
        if (endsLast && last instanceof PolicyStmtContext policy) {
            report(null, false, stray, () -> messages.unexpectedAfterPolicy(stray, Statements.policyName(policy)));
            return true;
        }
        if (endsLast) {
            report(last, true, stray, () -> messages.unexpectedAfter(stray, before, last));
            return false;
        }
        String policyName = parser.getContext() instanceof PolicyStmtContext p ? Statements.policyName(p) : null;
        report(null, false, stray, () -> messages.unexpectedStatement(stray, scope, policyName));
        return false;
    }

    /** Skips the stray token and what follows it up to a statement that can start here. */
    private void skipStray(Parser parser, Scope scope) {
        TokenStream in = parser.getInputStream();
        Token from = in.LT(1);
        ParserRuleContext policy = parser.getContext();
        beginErrorCondition(parser);
        int depth = 0;
        do {
            Token t = in.LT(1);
            if (t.getType() == RBRACE && scope == Scope.POLICY) {
                braceTaken.add(policy);
            }
            depth = TokenLayout.nextDepth(depth, t.getType());
            skipCurrent(parser);
        } while (in.LA(1) != Token.EOF && !stopsStray(scope, in.LT(1), depth, from, policy));
        endErrorCondition(parser);
    }

    private boolean stopsStray(Scope scope, Token t, int depth, Token from, ParserRuleContext policy) {
        int type = t.getType();
        if (scope == Scope.FILE) {
            return type == INCLUDE || type == POLICY || type == DEFINE && depth == 0;
        }
        return TokenKinds.STATEMENT_STARTS.contains(type) || type == RBRACE && layout.closesPolicy(t, depth, from, Statements.bodyOpen(policy));
    }

    /**
     * Skips what follows a policy's '}' on its line up to the '}' that starts a line (taken to
     * be the policy's real end) or the next policy or include, so that the rest of the policy
     * is not read as file-level statements.
     */
    private void skipRestOfClosedPolicy(Parser parser) {
        TokenStream in = parser.getInputStream();
        beginErrorCondition(parser);
        int depth = 0;
        while (in.LA(1) != Token.EOF && in.LA(1) != POLICY && in.LA(1) != INCLUDE) {
            Token t = in.LT(1);
            boolean end = t.getType() == RBRACE && depth == 0 && source.firstOnLine(t);
            depth = TokenLayout.nextDepth(depth, t.getType());
            skipCurrent(parser);
            if (end) {
                break;
            }
        }
        endErrorCondition(parser);
    }

    /** Skips {@code include} and its path, so that the policy goes on after it. */
    private void skipIncludeInPolicy(Parser parser) {
        beginErrorCondition(parser);
        skipCurrent(parser);
        if (TokenKinds.STRINGS.contains(parser.getInputStream().LA(1))) {
            skipCurrent(parser);
        }
        endErrorCondition(parser);
    }

    // ------------------------------------------------------------------ inside a statement

    private void skipRestOfStatement(Parser parser, ParserRuleContext statement) {
        TokenStream in = parser.getInputStream();
        int start = statement.start.getTokenIndex();
        beginErrorCondition(parser);
        if (in.index() <= start && in.LA(1) != Token.EOF) {
            skipCurrent(parser); // nothing of the statement was read: make progress
        }
        if (statement instanceof PolicyStmtContext || Statements.statementOf(statement) != statement) {
            while (in.LA(1) != Token.EOF && !TokenKinds.FILE_STARTS.contains(in.LA(1))) {
                skipCurrent(parser);
            }
            endErrorCondition(parser);
            return;
        }
        ParserRuleContext policy = Statements.enclosingPolicy(statement);
        int depth = layout.braceBalance(start, in.index());
        while (in.LA(1) != Token.EOF && !TokenKinds.STATEMENT_STARTS.contains(in.LA(1))) {
            Token t = in.LT(1);
            if (t.getType() == RBRACE && policy != null) {
                // At file level there is no policy to close: the brace belongs to the statement.
                if (layout.closesPolicy(t, depth, statement.start, Statements.bodyOpen(policy))) {
                    break;
                }
                braceTaken.add(policy);
            }
            depth = TokenLayout.nextDepth(depth, t.getType());
            skipCurrent(parser);
        }
        endErrorCondition(parser);
    }

    private Token recoverPolicyOpen(Parser parser, PolicyStmtContext policy) {
        Token t = parser.getCurrentToken();
        Token before = layout.previous(t);
        report(policy, true, missingAfter(t, before), () -> messages.expected(IntervalSet.of(LBRACE), t, before, policy));
        beginErrorCondition(parser);
        while (!stopsPolicyHeader(parser.getInputStream().LA(1))) {
            skipCurrent(parser);
        }
        endErrorCondition(parser);
        Token next = parser.getCurrentToken();
        if (next.getType() == LBRACE) {
            parser.consume();
            return next;
        }
        if (next.getType() == RBRACE || TokenKinds.POLICY_STARTS.contains(next.getType())) {
            return getMissingSymbol(parser);
        }
        throw new InputMismatchException(parser);
    }

    private Token recoverPolicyClose(Parser parser, PolicyStmtContext policy) {
        Token t = parser.getCurrentToken();
        if (!braceTaken.contains(policy)) {
            TerminalNode open = policy.LBRACE();
            Token opening = open != null && open.getSymbol().getTokenIndex() >= 0 ? open.getSymbol() : policy.start;
            report(policy, false, t, () -> messages.missingPolicyClose(Statements.policyName(policy), source.line(opening)));
        }
        return getMissingSymbol(parser);
    }

    // ------------------------------------------------------------------ helpers

    /** Reports the first error of {@code statement} (null: between statements); later ones are follow-ons. */
    private void report(ParserRuleContext statement, boolean breaks, Token offending, Supplier<Message> message) {
        report(statement, breaks, new Place(offending, spanOf(offending)), message);
    }

    private void report(ParserRuleContext statement, boolean breaks, Place place, Supplier<Message> message) {
        Token offending = place.token();
        if (statement != null) {
            if (breaks) {
                broken.add(statement);
            }
            if (!reported.add(statement)) {
                return;
            }
        }
        if (offending.getTokenIndex() >= 0 && TokenKinds.isLexicalError(offending)) {
            lexical.diagnose(offending.getTokenIndex()).ifPresent(found::add);
            return;
        }
        Message m = message.get();
        found.add(Diagnostic.error(DslParser.SYNTAX, place.span(), m.text()).withHint(m.hint()));
    }

    /** The token an error is about and where its caret goes. */
    private record Place(Token token, SourceSpan span) {}

    /**
     * Where to point when something is missing: at the offending token when it is on the line
     * of the token before it, else just after that token, where the missing part belongs (a
     * caret on the next statement's line would not show the 'after ...' that the message names).
     */
    private Place missingAfter(Token offending, Token before) {
        boolean sameLine = offending.getType() != Token.EOF && before != null
                && source.line(offending) == source.line(before);
        return new Place(offending, sameLine || before == null ? spanOf(offending) : source.after(before));
    }

    private SourceSpan spanOf(Token token) {
        if (token.getType() != Token.EOF) {
            return source.span(token);
        }
        Token last = layout.previous(token);
        return last == null ? SourceSpan.at(source.file(), 1, 1) : source.after(last);
    }

    /** Skips the current token; callers bracket this with begin/endErrorCondition. */
    private void skipCurrent(Parser parser) {
        skipped.set(parser.getCurrentToken().getTokenIndex());
        parser.consume();
    }

    private static boolean stopsPolicyHeader(int type) {
        return type == LBRACE || type == RBRACE || type == Token.EOF || TokenKinds.STATEMENT_STARTS.contains(type);
    }

    private static boolean isStatementLevel(ParserRuleContext ctx) {
        return ctx instanceof SourceFileContext || ctx instanceof TopStatementContext || ctx instanceof PolicyItemContext
                || Statements.statementOf(ctx) == ctx;
    }

    /**
     * Unwinds the rules of a broken statement up to the statement rule. It is a
     * RecognitionException so that the generated catch blocks pass it on through
     * {@link #recover}.
     */
    static final class AbandonStatement extends RecognitionException {
        AbandonStatement(Parser parser) {
            super(parser, parser.getInputStream(), parser.getContext());
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, not a failure: no stack trace needed
        }
    }
}
