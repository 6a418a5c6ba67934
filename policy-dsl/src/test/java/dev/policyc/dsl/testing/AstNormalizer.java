package dev.policyc.dsl.testing;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.Peer;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes ASTs comparable with {@code equals} whatever text they were read from: every span
 * becomes {@link #SPAN} and the unit's file name {@link #FILE}, and, if asked, every comment
 * and blank line goes. Use it to compare a DSL file with its YAML twin, or an AST with the one
 * read back from its formatted text:
 *
 * <pre>{@code
 * assertEquals(AstNormalizer.withoutSpansOrTrivia(expected), AstNormalizer.withoutSpansOrTrivia(actual));
 * }</pre>
 *
 * {@code assertEquals} on the normalised units prints both record trees on a mismatch.
 */
public final class AstNormalizer {

    public static final String FILE = "<normalized>";
    public static final SourceSpan SPAN = SourceSpan.at(FILE, 1, 1);

    private final boolean dropTrivia;

    private AstNormalizer(boolean dropTrivia) {
        this.dropTrivia = dropTrivia;
    }

    /** {@code unit} with every span replaced by {@link #SPAN}; comments and blank lines are kept. */
    public static SourceUnit withoutSpans(SourceUnit unit) {
        return new AstNormalizer(false).unit(unit);
    }

    /**
     * {@code unit} with every span replaced by {@link #SPAN} and no trivia: every statement's
     * {@link Trivia} becomes {@link Trivia#NONE} and closing and end comments go. Rule
     * {@code comment "..."} strings stay: they are part of the meaning.
     */
    public static SourceUnit withoutSpansOrTrivia(SourceUnit unit) {
        return new AstNormalizer(true).unit(unit);
    }

    /** True when {@code a} and {@code b} differ at most in spans, file names and trivia. */
    public static boolean sameIgnoringSpansAndTrivia(SourceUnit a, SourceUnit b) {
        return withoutSpansOrTrivia(a).equals(withoutSpansOrTrivia(b));
    }

    /**
     * The text of every {@code #} comment of {@code unit} in source order: leading and trailing
     * comments of each statement, comments before each closing brace, comments at the end.
     */
    public static ImmutableList<String> commentTexts(SourceUnit unit) {
        List<String> texts = new ArrayList<>();
        for (TopLevel item : unit.items()) {
            texts.addAll(item.trivia().leading());
            if (item instanceof PolicyDecl policy) {
                for (PolicyItem policyItem : policy.items()) {
                    texts.addAll(policyItem.trivia().leading());
                    policyItem.trivia().trailing().ifPresent(texts::add);
                }
                texts.addAll(policy.closingComments());
            }
            item.trivia().trailing().ifPresent(texts::add);
        }
        texts.addAll(unit.endComments());
        return ImmutableList.copyOf(texts);
    }

    private SourceUnit unit(SourceUnit unit) {
        return new SourceUnit(FILE, unit.items().stream().map(this::topLevel).collect(ImmutableList.toImmutableList()),
                comments(unit.endComments()));
    }

    private TopLevel topLevel(TopLevel item) {
        if (item instanceof Include include) {
            return new Include(include.path(), SPAN, SPAN, trivia(include.trivia()));
        } else if (item instanceof PolicyDecl policy) {
            return new PolicyDecl(name(policy.name()),
                    policy.items().stream().map(this::policyItem).collect(ImmutableList.toImmutableList()),
                    comments(policy.closingComments()), SPAN, trivia(policy.trivia()));
        }
        return (TopLevel) policyItem((PolicyItem) item);
    }

    private PolicyItem policyItem(PolicyItem item) {
        if (item instanceof NetDefine define) {
            return new NetDefine(name(define.name()), endpoints(define.endpoints()), SPAN, trivia(define.trivia()));
        } else if (item instanceof PortsDefine define) {
            return new PortsDefine(name(define.name()), ports(define.ports()), SPAN, trivia(define.trivia()));
        } else if (item instanceof DefaultDecl decl) {
            return new DefaultDecl(decl.verdict(), decl.direction(), decl.log(), SPAN, trivia(decl.trivia()));
        }
        RuleDecl rule = (RuleDecl) item;
        return new RuleDecl(
                located(rule.verdict()),
                rule.direction().map(AstNormalizer::located),
                rule.protocols().stream().map(AstNormalizer::located).collect(ImmutableList.toImmutableList()),
                rule.peer().map(peer -> new Peer(located(peer.keyword()), endpoints(peer.endpoints()))),
                ports(rule.ports()),
                rule.portKeyword().map(at -> SPAN),
                rule.log().map(at -> SPAN),
                rule.comment().map(AstNormalizer::located),
                SPAN,
                trivia(rule.trivia()));
    }

    private static ImmutableList<EndpointNode> endpoints(List<EndpointNode> endpoints) {
        return endpoints.stream().map(AstNormalizer::endpoint).collect(ImmutableList.toImmutableList());
    }

    /** {@code endpoint} at {@link #SPAN}. */
    public static EndpointNode endpoint(EndpointNode endpoint) {
        if (endpoint instanceof EndpointNode.Host host) {
            return new EndpointNode.Host(host.address(), SPAN);
        } else if (endpoint instanceof EndpointNode.Cidr cidr) {
            return new EndpointNode.Cidr(cidr.prefix(), SPAN);
        } else if (endpoint instanceof EndpointNode.Dns dns) {
            return new EndpointNode.Dns(dns.name(), SPAN);
        } else if (endpoint instanceof EndpointNode.Resolver) {
            return new EndpointNode.Resolver(SPAN);
        } else if (endpoint instanceof EndpointNode.Any) {
            return new EndpointNode.Any(SPAN);
        }
        return new EndpointNode.Ref(((EndpointNode.Ref) endpoint).name(), SPAN);
    }

    private static ImmutableList<PortItem> ports(List<PortItem> ports) {
        return ports.stream().map(AstNormalizer::port).collect(ImmutableList.toImmutableList());
    }

    /** {@code port} at {@link #SPAN}. */
    public static PortItem port(PortItem port) {
        if (port instanceof PortItem.Single single) {
            return new PortItem.Single(single.number(), SPAN);
        } else if (port instanceof PortItem.Range range) {
            return new PortItem.Range(range.first(), SPAN, range.last(), SPAN, SPAN);
        }
        return new PortItem.Ref(((PortItem.Ref) port).name(), SPAN);
    }

    private static Name name(Name name) {
        return new Name(name.text(), SPAN);
    }

    private static <T> Located<T> located(Located<T> located) {
        return new Located<>(located.value(), SPAN);
    }

    private Trivia trivia(Trivia trivia) {
        return dropTrivia ? Trivia.NONE : trivia;
    }

    private ImmutableList<String> comments(ImmutableList<String> comments) {
        return dropTrivia ? ImmutableList.of() : comments;
    }
}
