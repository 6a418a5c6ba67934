package dev.policyc.dsl.parse;

import static dev.policyc.dsl.internal.antlr.PolicyParser.LINE_COMMENT;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.internal.antlr.PolicyParser.PolicyItemContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.PolicyStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.SourceFileContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.TopStatementContext;
import java.util.ArrayList;
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
    private final Map<ParserRuleContext, List<Token>> leading = new IdentityHashMap<>();
    private final Map<ParserRuleContext, Token> trailing = new IdentityHashMap<>();
    private final Map<ParserRuleContext, List<Token>> closing = new IdentityHashMap<>();
    private final List<Token> end = new ArrayList<>();

    TriviaCollector(List<Token> tokens, SourceText source, SourceFileContext file) {
        this.tokens = tokens;
        this.source = source;
        List<ParserRuleContext> top = statements(file.topStatement());
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

    private void place(Token comment, List<ParserRuleContext> top) {
        int at = comment.getTokenIndex();
        Token before = previousOnChannel(at);
        if (before != null && source.line(before) == source.line(comment)) {
            ParserRuleContext owner = endingAt(before.getTokenIndex(), top);
            if (owner != null) {
                trailing.putIfAbsent(owner, comment);
                return;
            }
        }
        for (ParserRuleContext s : top) {
            if (inside(at, s)) {
                if (s instanceof PolicyStmtContext policy && !beforeBody(at, policy)) {
                    placeInPolicy(comment, policy);
                } else {
                    add(leading, s, comment);
                }
                return;
            }
        }
        ParserRuleContext next = firstAfter(at, top);
        if (next != null) {
            add(leading, next, comment);
        } else {
            end.add(comment);
        }
    }

    private void placeInPolicy(Token comment, PolicyStmtContext policy) {
        int at = comment.getTokenIndex();
        List<ParserRuleContext> items = statements(policy.policyItem());
        for (ParserRuleContext item : items) {
            if (inside(at, item)) {
                add(leading, item, comment);
                return;
            }
        }
        ParserRuleContext next = firstAfter(at, items);
        if (next != null) {
            add(leading, next, comment);
        } else {
            add(closing, policy, comment);
        }
    }

    private ParserRuleContext endingAt(int index, List<ParserRuleContext> top) {
        for (ParserRuleContext s : top) {
            if (s instanceof PolicyStmtContext policy) {
                for (ParserRuleContext item : statements(policy.policyItem())) {
                    if (stopIndex(item) == index) {
                        return item;
                    }
                }
            }
            if (stopIndex(s) == index) {
                return s;
            }
        }
        return null;
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

    private Token previousOnChannel(int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return tokens.get(i);
            }
        }
        return null;
    }

    private static boolean inside(int index, ParserRuleContext s) {
        return s.start.getTokenIndex() < index && index < stopIndex(s);
    }

    /** True when the comment is between 'policy' and the '{' that opens the body. */
    private static boolean beforeBody(int index, PolicyStmtContext policy) {
        Token brace = policy.LBRACE() == null ? null : policy.LBRACE().getSymbol();
        return brace == null || brace.getTokenIndex() < 0 || index < brace.getTokenIndex();
    }

    private static ParserRuleContext firstAfter(int index, List<ParserRuleContext> statements) {
        for (ParserRuleContext s : statements) {
            if (s.start.getTokenIndex() > index) {
                return s;
            }
        }
        return null;
    }

    private static int stopIndex(ParserRuleContext s) {
        return s.stop == null ? s.start.getTokenIndex() : Math.max(s.start.getTokenIndex(), s.stop.getTokenIndex());
    }

    /** The statement rules under the wrappers topStatement / policyItem, in order. */
    private static List<ParserRuleContext> statements(List<? extends ParserRuleContext> wrappers) {
        List<ParserRuleContext> found = new ArrayList<>();
        for (ParserRuleContext w : wrappers) {
            if (w instanceof TopStatementContext || w instanceof PolicyItemContext) {
                ParserRuleContext s = w.getChild(ParserRuleContext.class, 0);
                if (s != null) {
                    found.add(s);
                }
            }
        }
        return found;
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
