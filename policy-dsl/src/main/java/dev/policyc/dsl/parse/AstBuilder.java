package dev.policyc.dsl.parse;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.Node;
import dev.policyc.dsl.ast.Peer;
import dev.policyc.dsl.ast.PeerKeyword;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.internal.antlr.PolicyBaseVisitor;
import dev.policyc.dsl.internal.antlr.PolicyParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the parse tree into the AST. Statements that had a syntax error are left out (their
 * error is reported already); everything else keeps its source span and comments. Literals stay
 * text: checking them is the checker's job.
 */
final class AstBuilder extends PolicyBaseVisitor<Node> {

    private final SourceText source;
    private final TriviaCollector trivia;
    private final Predicate<ParserRuleContext> broken;
    private final List<Diagnostic> found = new ArrayList<>();

    /**
     * @param broken tells which statements had a syntax error
     */
    AstBuilder(SourceText source, TriviaCollector trivia, Predicate<ParserRuleContext> broken) {
        this.source = source;
        this.trivia = trivia;
        this.broken = broken;
    }

    /** Errors in names found while building. */
    List<Diagnostic> diagnostics() {
        return found;
    }

    SourceUnit build(SourceFileContext file) {
        List<TopLevel> items = new ArrayList<>();
        for (ParserRuleContext statement : Statements.statementsIn(file.topStatement())) {
            if (visit(statement) instanceof TopLevel item) {
                items.add(item);
            }
        }
        return new SourceUnit(source.file(), ImmutableList.copyOf(items), trivia.endComments());
    }

    @Override
    public Node visitIncludeStmt(IncludeStmtContext ctx) {
        if (isBroken(ctx)) {
            return null;
        }
        Token path = stringToken(ctx.string());
        return new Include(unquote(path.getText()), source.span(path), span(ctx.INCLUDE()), trivia.of(ctx));
    }

    @Override
    public Node visitDefineStmt(DefineStmtContext ctx) {
        if (isBroken(ctx)) {
            return null;
        }
        SourceSpan span = span(ctx.DEFINE());
        if (ctx.NET() != null) {
            Name name = name(ctx.name(), NameRules.NET_DEFINE);
            return new NetDefine(name, endpoints(ctx.endpoints()), span, trivia.of(ctx));
        }
        Name name = name(ctx.name(), NameRules.PORTS_DEFINE);
        return new PortsDefine(name, ports(ctx.ports()), span, trivia.of(ctx));
    }

    @Override
    public Node visitPolicyStmt(PolicyStmtContext ctx) {
        if (broken.test(ctx) || ctx.name() == null || ctx.name().exception != null) {
            return null;
        }
        Name name = name(ctx.name(), NameRules.POLICY);
        List<PolicyItem> items = new ArrayList<>();
        for (ParserRuleContext statement : Statements.statementsIn(ctx.policyItem())) {
            if (visit(statement) instanceof PolicyItem item) {
                items.add(item);
            }
        }
        return new PolicyDecl(name, ImmutableList.copyOf(items), trivia.closingComments(ctx), span(ctx.POLICY()), trivia.of(ctx));
    }

    @Override
    public Node visitDefaultStmt(DefaultStmtContext ctx) {
        if (isBroken(ctx)) {
            return null;
        }
        Optional<Direction> direction = Optional.ofNullable(ctx.direction()).map(d -> Direction.ofKeyword(d.getText()));
        return new DefaultDecl(Verdict.ofKeyword(ctx.verdict().getText()), direction, ctx.LOG() != null,
                span(ctx.DEFAULT()), trivia.of(ctx));
    }

    @Override
    public Node visitRuleStmt(RuleStmtContext ctx) {
        if (isBroken(ctx)) {
            return null;
        }
        Located<Verdict> verdict = located(ctx.verdict(), Verdict.ofKeyword(ctx.verdict().getText()));
        Optional<Located<Direction>> direction = Optional.ofNullable(ctx.direction())
                .map(d -> located(d, Direction.ofKeyword(d.getText())));
        ImmutableList<Located<Protocol>> protocols = ctx.protocols() == null ? ImmutableList.of()
                : ctx.protocols().protocol().stream().map(p -> located(p, Protocol.ofKeyword(p.getText())))
                        .collect(ImmutableList.toImmutableList());
        Optional<Peer> peer = Optional.ofNullable(ctx.peer()).map(this::peer);
        PortSpecContext portSpec = ctx.portSpec();
        ImmutableList<PortItem> ports = portSpec == null ? ImmutableList.of() : ports(portSpec.ports());
        Optional<SourceSpan> portKeyword = Optional.ofNullable(portSpec).map(p -> span(p.PORT()));
        Optional<SourceSpan> log = Optional.ofNullable(ctx.LOG()).map(this::span);
        Optional<Located<String>> comment = Optional.ofNullable(ctx.commentClause()).map(c -> {
            Token text = stringToken(c.string());
            return new Located<>(unquote(text.getText()), source.span(text));
        });
        return new RuleDecl(verdict, direction, protocols, peer, ports, portKeyword, log, comment,
                verdict.span(), trivia.of(ctx));
    }

    @Override
    public Node visitHostEndpoint(HostEndpointContext ctx) {
        return new EndpointNode.Host(ctx.ADDRESS().getText(), span(ctx.ADDRESS()));
    }

    @Override
    public Node visitCidrEndpoint(CidrEndpointContext ctx) {
        return new EndpointNode.Cidr(ctx.ADDRESS().getText(), span(ctx.ADDRESS()));
    }

    @Override
    public Node visitDnsEndpoint(DnsEndpointContext ctx) {
        Token name = stringToken(ctx.string());
        return new EndpointNode.Dns(unquote(name.getText()), source.span(name));
    }

    @Override
    public Node visitResolverEndpoint(ResolverEndpointContext ctx) {
        return new EndpointNode.Resolver(span(ctx.RESOLVER()));
    }

    @Override
    public Node visitAnyEndpoint(AnyEndpointContext ctx) {
        return new EndpointNode.Any(span(ctx.ANY()));
    }

    @Override
    public Node visitRefEndpoint(RefEndpointContext ctx) {
        return new EndpointNode.Ref(ctx.REF().getText().substring(1), span(ctx.REF()));
    }

    @Override
    public Node visitBareEndpoint(BareEndpointContext ctx) {
        String text = ctx.ADDRESS().getText();
        SourceSpan span = span(ctx.ADDRESS());
        return text.contains("/") ? new EndpointNode.Cidr(text, span) : new EndpointNode.Host(text, span);
    }

    @Override
    public Node visitNumberPort(NumberPortContext ctx) {
        TerminalNode first = ctx.NUMBER(0);
        if (ctx.DASH() == null) {
            return new PortItem.Single(first.getText(), span(first));
        }
        TerminalNode last = ctx.NUMBER(1);
        return new PortItem.Range(first.getText(), span(first), last.getText(), span(last),
                source.span(first.getSymbol(), last.getSymbol()));
    }

    @Override
    public Node visitRefPort(RefPortContext ctx) {
        return new PortItem.Ref(ctx.REF().getText().substring(1), span(ctx.REF()));
    }

    private Peer peer(PeerContext ctx) {
        TerminalNode word = ctx.TO() != null ? ctx.TO() : ctx.FROM();
        PeerKeyword keyword = ctx.TO() != null ? PeerKeyword.TO : PeerKeyword.FROM;
        return new Peer(new Located<>(keyword, span(word)), endpoints(ctx.endpoints()));
    }

    private ImmutableList<EndpointNode> endpoints(EndpointsContext ctx) {
        return ctx.endpoint().stream().map(e -> (EndpointNode) visit(e)).collect(ImmutableList.toImmutableList());
    }

    private ImmutableList<PortItem> ports(PortsContext ctx) {
        return ctx.portItem().stream().map(p -> (PortItem) visit(p)).collect(ImmutableList.toImmutableList());
    }

    private Name name(NameContext ctx, NameRules rules) {
        Token token = ctx.getStart();
        Name name = new Name(token.getText(), source.span(token));
        rules.check(name.text(), ctx.keyword() != null, name.span()).ifPresent(found::add);
        return name;
    }

    /**
     * A statement with a syntax error, or with a malformed token inside (bad string, stray
     * character): its error is reported already, and half a statement must not reach the checker.
     */
    private boolean isBroken(ParserRuleContext ctx) {
        if (broken.test(ctx) || ctx.exception != null || ctx.stop == null) {
            return true;
        }
        return hasErrorNode(ctx);
    }

    private static boolean hasErrorNode(ParseTree tree) {
        if (tree instanceof TerminalNode leaf) {
            return leaf instanceof ErrorNode || TokenKinds.isLexicalError(leaf.getSymbol());
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (hasErrorNode(tree.getChild(i))) {
                return true;
            }
        }
        return tree instanceof ParserRuleContext rule && rule.exception != null;
    }

    private <T> Located<T> located(ParserRuleContext ctx, T value) {
        return new Located<>(value, source.span(ctx.getStart()));
    }

    private SourceSpan span(TerminalNode node) {
        return source.span(node.getSymbol());
    }

    private static Token stringToken(StringContext ctx) {
        return ctx.getStart();
    }

    /** The text of a string literal without its quotes and escapes. */
    static String unquote(String literal) {
        int end = literal.length() > 1 && literal.endsWith("\"") ? literal.length() - 1 : literal.length();
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < end; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < end && (literal.charAt(i + 1) == '"' || literal.charAt(i + 1) == '\\')) {
                c = literal.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
