package dev.policyc.backend.nftables.reader;

import dev.policyc.core.verify.ReadFailure;
import com.google.common.collect.ImmutableList;
import dev.policyc.backend.nftables.reader.Syntax.Command;
import dev.policyc.backend.nftables.reader.Syntax.TableItem;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the structure of an nft script: {@code table inet NAME { ... }} blocks holding address
 * sets and base chains, and {@code delete table inet NAME}. Each statement that cannot be read is
 * an error at its place; parsing goes on with the next statement so that one run reports them all.
 */
final class NftParser {

    private static final Pattern PRIORITY = Pattern.compile("-?[0-9]+|filter");

    private final Cursor cursor;
    private final List<String> lines;
    private final Diagnostics diagnostics;

    private NftParser(List<Token> tokens, List<String> lines, Diagnostics diagnostics) {
        this.cursor = new Cursor(tokens);
        this.lines = lines;
        this.diagnostics = diagnostics;
    }

    /**
     * The commands of a script, in order.
     *
     * @param lines the script's lines, to quote rules as written
     */
    static ImmutableList<Command> parse(List<Token> tokens, List<String> lines, Diagnostics diagnostics) {
        return new NftParser(tokens, lines, diagnostics).script();
    }

    private ImmutableList<Command> script() {
        List<Command> commands = new ArrayList<>();
        while (true) {
            cursor.skipSeparators();
            Token t = cursor.peek();
            if (t.is(Token.Kind.END)) {
                return ImmutableList.copyOf(commands);
            }
            if (t.is(Token.Kind.RBRACE)) {
                diagnostics.error(NftReader.SYNTAX, t.span(), "this '}' closes no block");
                cursor.next();
                continue;
            }
            try {
                if (t.isWord("table")) {
                    table().ifPresent(commands::add);
                } else if (t.isWord("delete")) {
                    commands.add(deleteTable());
                } else {
                    throw new ReadFailure(NftReader.UNSUPPORTED, t.span(), "the reader does not know the command " + t.shown(),
                            "the reader takes 'table inet NAME { ... }' and 'delete table inet NAME'");
                }
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
                cursor.skipStatement();
            }
        }
    }

    private Syntax.DeleteTable deleteTable() {
        cursor.expectWord("delete");
        cursor.expectWord("table");
        Token name = tableName();
        endOfStatement();
        return new Syntax.DeleteTable(name.text(), name.span());
    }

    /** A table block; empty when its body had an error that leaves it unclosed. */
    private Optional<Command> table() {
        cursor.expectWord("table");
        Token name = tableName();
        cursor.expect(Token.Kind.LBRACE, "'{'");
        List<TableItem> items = new ArrayList<>();
        while (true) {
            cursor.skipSeparators();
            Token t = cursor.peek();
            if (t.is(Token.Kind.RBRACE)) {
                cursor.next();
                endOfStatement();
                return Optional.of(new Syntax.TableBlock(name.text(), name.span(), ImmutableList.copyOf(items)));
            }
            if (t.is(Token.Kind.END)) {
                diagnostics.error(NftReader.SYNTAX, name.span(), "table " + name.text() + " is never closed with '}'");
                return Optional.empty();
            }
            try {
                if (t.isWord("set")) {
                    set().ifPresent(items::add);
                    endOfStatement();
                } else if (t.isWord("chain")) {
                    chain().ifPresent(items::add);
                    endOfStatement();
                } else {
                    throw new ReadFailure(NftReader.UNSUPPORTED, t.span(), "the reader does not know " + t.shown() + " in a table",
                            "the reader takes sets and chains");
                }
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
                cursor.skipStatement();
            }
        }
    }

    /** {@code inet NAME}: the only family read, since one inet table filters IPv4 and IPv6 alike. */
    private Token tableName() {
        Token family = cursor.word("a table family");
        if (!family.text().equals("inet")) {
            throw new ReadFailure(NftReader.UNSUPPORTED, family.span(), "the reader takes inet tables only, not " + family.shown(), null);
        }
        return cursor.word("a table name");
    }

    /** A set; empty when it cannot be used (errors are reported). Throws only before its body. */
    private Optional<TableItem> set() {
        cursor.expectWord("set");
        Token name = cursor.word("a set name");
        cursor.expect(Token.Kind.LBRACE, "'{'");
        SetBody body = new SetBody(name, diagnostics);
        for (Optional<List<Token>> st = bodyStatement(name); st.isPresent(); st = bodyStatement(name)) {
            body.statement(st.get());
        }
        return body.build().map(set -> set);
    }

    /** A base chain; empty when it cannot be used (errors are reported). Throws only before its body. */
    private Optional<TableItem> chain() {
        cursor.expectWord("chain");
        Token name = cursor.word("a chain name");
        cursor.expect(Token.Kind.LBRACE, "'{'");
        Direction direction = null;
        SourceSpan header = name.span();
        Verdict policy = Verdict.ALLOW;
        SourceSpan policySpan = name.span();
        List<Syntax.RuleDecl> rules = new ArrayList<>();
        for (Optional<List<Token>> st = bodyStatement(name); st.isPresent(); st = bodyStatement(name)) {
            Cursor s = new Cursor(st.get());
            Token head = s.peek();
            try {
                if (head.isWord("type")) {
                    if (direction != null || !rules.isEmpty()) {
                        throw new ReadFailure(NftReader.UNSUPPORTED, head.span(), "the chain's type must come first, and once", null);
                    }
                    direction = baseChain(s);
                    header = head.span();
                    policySpan = head.span();
                } else if (head.isWord("policy")) {
                    if (direction == null) {
                        throw new ReadFailure(NftReader.INVALID, head.span(), "only a base chain (with a type and hook) has a policy", null);
                    }
                    s.next();
                    policy = chainPolicy(s.word("accept or drop"));
                    policySpan = head.span();
                    endOf(s);
                } else {
                    rules.add(RuleParser.parse(st.get(), lineOf(head.span())));
                }
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
            }
        }
        if (direction == null) {
            diagnostics.error(NftReader.UNSUPPORTED, name.span(), "chain " + name.text() + " is not a base chain",
                    "the reader takes base chains 'type filter hook input|output ...' only");
            return Optional.empty();
        }
        return Optional.of(new Syntax.ChainDecl(name.text(), name.span(), direction, policy, policySpan,
                lineOf(header), ImmutableList.copyOf(rules)));
    }

    /** {@code type filter hook input|output priority N}: the direction of the hook. */
    private static Direction baseChain(Cursor s) {
        s.expectWord("type");
        Token type = s.word("a chain type");
        if (!type.text().equals("filter")) {
            throw new ReadFailure(NftReader.UNSUPPORTED, type.span(), "the reader takes filter chains only, not " + type.shown(), null);
        }
        s.expectWord("hook");
        Token hook = s.word("a hook");
        Direction direction = switch (hook.text()) {
            case "input" -> Direction.IN;
            case "output" -> Direction.OUT;
            default -> throw new ReadFailure(NftReader.UNSUPPORTED, hook.span(),
                    "the reader takes the input and output hooks only, not " + hook.shown(), null);
        };
        s.expectWord("priority");
        Token priority = s.word("a priority");
        if (!PRIORITY.matcher(priority.text()).matches()) {
            throw new ReadFailure(NftReader.UNSUPPORTED, priority.span(), "the reader does not know the priority " + priority.shown(),
                    "write a number or 'filter'");
        }
        endOf(s);
        return direction;
    }

    private static Verdict chainPolicy(Token word) {
        return switch (word.text()) {
            case "accept" -> Verdict.ALLOW;
            case "drop" -> Verdict.DENY;
            default -> throw new ReadFailure(NftReader.INVALID, word.span(), "a chain's policy is accept or drop, not " + word.shown(), null);
        };
    }

    /**
     * The next statement of the block opened by {@code owner}; empty at its closing {@code }},
     * which is consumed, or at the end of the script (an error).
     */
    private Optional<List<Token>> bodyStatement(Token owner) {
        cursor.skipSeparators();
        Token t = cursor.peek();
        if (t.is(Token.Kind.RBRACE)) {
            cursor.next();
            return Optional.empty();
        }
        if (t.is(Token.Kind.END)) {
            diagnostics.error(NftReader.SYNTAX, owner.span(), owner.shown() + " is never closed with '}'");
            return Optional.empty();
        }
        try {
            return Optional.of(cursor.statement());
        } catch (ReadFailure e) {
            diagnostics.add(e.diagnostic());
            return Optional.empty();
        }
    }

    private void endOfStatement() {
        if (!cursor.peek().endsStatement()) {
            throw new ReadFailure(NftReader.SYNTAX, cursor.peek().span(), "expected the end of the statement, found " + cursor.peek().shown(), null);
        }
    }

    private static void endOf(Cursor s) {
        if (!s.atEnd()) {
            throw new ReadFailure(NftReader.SYNTAX, s.peek().span(), "expected the end of the statement, found " + s.peek().shown(), null);
        }
    }

    private String lineOf(SourceSpan span) {
        return span.line() <= lines.size() ? lines.get(span.line() - 1).trim() : "";
    }
}
