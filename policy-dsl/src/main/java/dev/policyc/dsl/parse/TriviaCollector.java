package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyParser.LINE_COMMENT;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.internal.antlr.PolicyParser.PolicyStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.SourceFileContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Gives every comment of a file an owner so that {@code fmt} can put it back:
 *
 * <ul>
 *   <li>a comment on the line where a statement ends, after it, is that statement's trailing comment;
 *   <li>a comment inside a statement that spans lines is a leading comment of that statement;
 *   <li>any other comment leads the next statement of its block (the file or a policy); with no
 *       next statement it is a closing comment of the policy or an end comment of the file.
 * </ul>
 */
final class TriviaCollector {

    private final List<Token> tokens;
    private final SourceText source;
    private final TokenLayout layout;
    private final Map<ParserRuleContext, List<Token>> leading = new IdentityHashMap<>();
    private final Map<ParserRuleContext, Token> trailing = new IdentityHashMap<>();
    private final Map<ParserRuleContext, List<Token>> closing = new IdentityHashMap<>();
    private final List<Token> end = new ArrayList<>();
    /** The innermost statement that ends at a token index. */
    private final Map<Integer, ParserRuleContext> endingAt = new HashMap<>();
    private final Map<ParserRuleContext, Block> bodies = new IdentityHashMap<>();
    /** Token index of the '{' that opens each policy's body (-1 when it was missing). */
    private final Map<ParserRuleContext, Integer> bodyStarts = new IdentityHashMap<>();

    TriviaCollector(List<Token> tokens, SourceText source, TokenLayout layout, SourceFileContext file) {
        this.tokens = tokens;
        this.source = source;
        this.layout = layout;
        Block top = new Block(Statements.statementsIn(file.topStatement()));
        for (ParserRuleContext s : top.statements) {
            if (s instanceof PolicyStmtContext policy) {
                Block body = new Block(Statements.statementsIn(policy.policyItem()));
                bodies.put(policy, body);
                Token brace = policy.LBRACE() == null ? null : policy.LBRACE().getSymbol();
                bodyStarts.put(policy, brace == null ? -1 : brace.getTokenIndex());
                body.statements.forEach(item -> endingAt.put(stopIndex(item), item));
            }
        }
        top.statements.forEach(s -> endingAt.putIfAbsent(stopIndex(s), s));
        for (Token t : tokens) {
            if (t.getType() == LINE_COMMENT) {
                place(t, top);
            }
        }
    }

    Trivia of(ParserRuleContext statement) {
        List<Token> before = leading.getOrDefault(statement, List.of());
        Token trail = trailing.get(statement);
        return new Trivia(texts(before), Optional.ofNullable(trail).map(TriviaCollector::text),
                blankLineBefore(statement, before));
    }

    ImmutableList<String> closingComments(PolicyStmtContext policy) {
        return texts(closing.getOrDefault(policy, List.of()));
    }

    ImmutableList<String> endComments() {
        return texts(end);
    }

    private void place(Token comment, Block top) {
        int at = comment.getTokenIndex();
        Token before = layout.previous(comment);
        if (before != null && source.line(before) == source.line(comment)) {
            ParserRuleContext owner = endingAt.get(before.getTokenIndex());
            if (owner != null) {
                trailing.putIfAbsent(owner, comment);
                return;
            }
        }
        ParserRuleContext inside = top.containing(at);
        if (inside instanceof PolicyStmtContext policy && !beforeBody(at, policy)) {
            placeInPolicy(comment, policy);
        } else if (inside != null) {
            add(leading, inside, comment);
        } else if (top.nextAfter(at) != null) {
            add(leading, top.nextAfter(at), comment);
        } else {
            end.add(comment);
        }
    }

    private void placeInPolicy(Token comment, PolicyStmtContext policy) {
        int at = comment.getTokenIndex();
        Block body = bodies.get(policy);
        ParserRuleContext owner = body.containing(at) != null ? body.containing(at) : body.nextAfter(at);
        if (owner != null) {
            add(leading, owner, comment);
        } else {
            add(closing, policy, comment);
        }
    }

    private boolean blankLineBefore(ParserRuleContext statement, List<Token> before) {
        Token first = !before.isEmpty() && before.get(0).getTokenIndex() < statement.start.getTokenIndex()
                ? before.get(0) : statement.start;
        int previous = first.getTokenIndex() - 1;
        if (previous < 0) {
            return false;
        }
        return source.line(first) - source.line(tokens.get(previous)) >= 2;
    }

    /** True when the comment is between 'policy' and the '{' that opens the body. */
    private boolean beforeBody(int index, PolicyStmtContext policy) {
        int brace = bodyStarts.get(policy);
        return brace < 0 || index < brace;
    }

    private static int stopIndex(ParserRuleContext s) {
        return s.stop == null ? s.start.getTokenIndex() : Math.max(s.start.getTokenIndex(), s.stop.getTokenIndex());
    }

    /** Statements of one block (the file or a policy body) in source order. */
    private static final class Block {
        final List<ParserRuleContext> statements;
        private final int[] starts;

        Block(List<ParserRuleContext> statements) {
            this.statements = statements;
            this.starts = statements.stream().mapToInt(s -> s.start.getTokenIndex()).toArray();
        }

        /** The statement whose first and last tokens surround the token at {@code index}, if any. */
        ParserRuleContext containing(int index) {
            int i = lastStartingBefore(index);
            return i >= 0 && index < stopIndex(statements.get(i)) ? statements.get(i) : null;
        }

        /** The first statement starting after the token at {@code index}, if any. */
        ParserRuleContext nextAfter(int index) {
            int i = lastStartingBefore(index) + 1;
            return i < statements.size() ? statements.get(i) : null;
        }

        private int lastStartingBefore(int index) {
            int found = Arrays.binarySearch(starts, index);
            return found >= 0 ? found - 1 : -found - 2;
        }
    }

    private static void add(Map<ParserRuleContext, List<Token>> map, ParserRuleContext owner, Token comment) {
        map.computeIfAbsent(owner, k -> new ArrayList<>()).add(comment);
    }

    private static ImmutableList<String> texts(List<Token> comments) {
        return comments.stream().map(TriviaCollector::text).collect(ImmutableList.toImmutableList());
    }

    /** Without the '#', trailing blanks removed; a leading blank the author wrote is kept. */
    private static String text(Token comment) {
        return comment.getText().substring(1).stripTrailing();
    }
}
