package dev.policyc.dsl.testing;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.testing.Blueprint.DirectionForm;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries of valid policy files as ASTs: every generated {@link SourceUnit} is one that
 * a correct checker accepts without errors (warnings such as unused defines may occur).
 *
 * <p>A unit holds one to three policies, with file-level {@code net} and {@code ports} defines
 * before, between and after them, and no includes. Policies hold local defines, defaults (at most
 * one per direction) and rules in any order. Defines refer only to defines written before them
 * (so never in a cycle), and every define and policy name is unique in the unit (so nothing is
 * shadowed). Rules come in every valid shape: the direction as a keyword, as {@code to}/{@code from},
 * or both (never {@code in ... to} or {@code out ... from}); any set of protocols; {@code port} only
 * when every protocol is tcp or udp; icmp only with IPv4 endpoints and icmpv6 only with IPv6 ones
 * (or {@code any}, or no peer); {@code log} and {@code comment} at random. Literals come from
 * {@link LiteralArbitraries} and favour their boundaries. Comments (trivia) are added at random.
 *
 * <p>Spans are valid and distinct but match no text: each statement sits on a line of its own
 * and its parts at increasing columns, so no two nodes are equal. Use {@link AstNormalizer} to
 * compare a generated unit with one read back from text.
 *
 * <pre>{@code
 * @Property
 * void roundTrip(@ForAll("units") SourceUnit unit) { ... }
 *
 * @Provide
 * Arbitrary<SourceUnit> units() {
 *     return AstArbitraries.sourceUnits(AstArbitraries.Options.ALL.withoutDnsOrResolver());
 * }
 * }</pre>
 */
public final class AstArbitraries {

    /** The file name of every generated unit. */
    public static final String FILE = "generated.policy";

    /**
     * What to generate besides the core of the language.
     *
     * @param dnsAndResolver whether endpoints may be {@code dns "name"} and {@code resolver}, which
     *                       need name resolution or a resolver list to evaluate
     * @param trivia         whether statements get comments and blank lines
     */
    public record Options(boolean dnsAndResolver, boolean trivia) {
        public static final Options ALL = new Options(true, true);

        public Options withoutDnsOrResolver() {
            return new Options(false, trivia);
        }

        public Options withoutTrivia() {
            return new Options(dnsAndResolver, false);
        }
    }

    private final Options options;

    private AstArbitraries(Options options) {
        this.options = options;
    }

    /** Valid units with every feature, comments included. */
    public static Arbitrary<SourceUnit> sourceUnits() {
        return sourceUnits(Options.ALL);
    }

    /** Valid units with the features {@code options} allows. */
    public static Arbitrary<SourceUnit> sourceUnits(Options options) {
        return new AstArbitraries(options).units().map(unit -> UnitBuilder.build(unit, FILE));
    }

    private Arbitrary<Blueprint.Unit> units() {
        Arbitrary<List<Blueprint.DefineChoice>> trailing = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.of())),
                Tuple.of(1, defines().list().ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(groups().list().ofMinSize(1).ofMaxSize(3), trailing, commentBlock())
                .as(Blueprint.Unit::new);
    }

    private Arbitrary<Blueprint.Group> groups() {
        return Combinators.combine(defines().list().ofMaxSize(3), policies()).as(Blueprint.Group::new);
    }

    private Arbitrary<Blueprint.PolicyChoice> policies() {
        Arbitrary<Blueprint.Item> item = Arbitraries.frequencyOf(
                Tuple.of(6, rules()),
                Tuple.of(2, defines()),
                Tuple.of(1, defaults()));
        return Combinators.combine(LiteralArbitraries.policyNames(), item.list().ofMaxSize(8), commentBlock(), trivia())
                .as(Blueprint.PolicyChoice::new);
    }

    private Arbitrary<Blueprint.DefineChoice> defines() {
        Arbitrary<Blueprint.NetDefineChoice> nets = Combinators.combine(
                        LiteralArbitraries.defineNames(), endpoints().list().ofMinSize(1).ofMaxSize(4), trivia())
                .as(Blueprint.NetDefineChoice::new);
        Arbitrary<Blueprint.PortsDefineChoice> ports = Combinators.combine(
                        LiteralArbitraries.defineNames(), ports().list().ofMinSize(1).ofMaxSize(4), trivia())
                .as(Blueprint.PortsDefineChoice::new);
        return Arbitraries.frequencyOf(Tuple.of(3, nets), Tuple.of(2, ports));
    }

    private Arbitrary<Blueprint.DefaultChoice> defaults() {
        return Combinators.combine(Arbitraries.of(Verdict.class), Arbitraries.of(Direction.class).optional(0.6),
                        Arbitraries.of(true, false), trivia())
                .as(Blueprint.DefaultChoice::new);
    }

    private Arbitrary<Blueprint.RuleChoice> rules() {
        Arbitrary<Blueprint.RuleHead> heads = Combinators.combine(Arbitraries.of(Verdict.class),
                        Arbitraries.of(DirectionForm.class), Arbitraries.of(Direction.class), protocols())
                .as(Blueprint.RuleHead::new);
        Arbitrary<List<Blueprint.PortChoice>> rulePorts = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(2, ports().list().ofMinSize(1).ofMaxSize(3)));
        return Combinators.combine(heads, endpoints().list().ofMinSize(1).ofMaxSize(3), rulePorts,
                        Arbitraries.of(true, false), LiteralArbitraries.commentStrings().optional(0.3), trivia())
                .as(Blueprint.RuleChoice::new);
    }

    /** Named tcp/udp sets often, so that {@code port} parts are common; otherwise any set or none. */
    private static Arbitrary<List<Protocol>> protocols() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(3, Arbitraries.of(List.of(Protocol.TCP), List.of(Protocol.UDP),
                        List.of(Protocol.TCP, Protocol.UDP), List.of(Protocol.UDP, Protocol.TCP))),
                Tuple.of(2, Arbitraries.of(Protocol.class).list().uniqueElements().ofMinSize(1).ofMaxSize(4)));
    }

    private Arbitrary<Blueprint.EndpointChoice> endpoints() {
        Arbitrary<Blueprint.NetRef> refs = Combinators.combine(Arbitraries.integers().between(0, 7), literals())
                .as(Blueprint.NetRef::new);
        Arbitrary<Blueprint.EndpointChoice> core = Arbitraries.frequencyOf(
                Tuple.of(6, literals()),
                Tuple.of(3, refs),
                Tuple.of(1, Arbitraries.just(new Blueprint.Any())));
        if (!options.dnsAndResolver()) {
            return core;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(10, core),
                Tuple.of(2, LiteralArbitraries.dnsNames().map(Blueprint.Dns::new)),
                Tuple.of(1, Arbitraries.just(new Blueprint.Resolver())));
    }

    private static Arbitrary<Blueprint.Literal> literals() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, LiteralArbitraries.ipv4Hosts().map(t -> new Blueprint.Literal(false, t, Family.IPV4))),
                Tuple.of(2, LiteralArbitraries.ipv6Hosts().map(t -> new Blueprint.Literal(false, t, Family.IPV6))),
                Tuple.of(3, LiteralArbitraries.ipv4Prefixes().map(t -> new Blueprint.Literal(true, t, Family.IPV4))),
                Tuple.of(2, LiteralArbitraries.ipv6Prefixes().map(t -> new Blueprint.Literal(true, t, Family.IPV6))));
    }

    private static Arbitrary<Blueprint.PortChoice> ports() {
        Arbitrary<Blueprint.PortRange> ranges = Combinators.combine(LiteralArbitraries.ports(), LiteralArbitraries.ports())
                .as((a, b) -> new Blueprint.PortRange(Math.min(a, b), Math.max(a, b)));
        Arbitrary<Blueprint.PortsRef> refs = Combinators.combine(Arbitraries.integers().between(0, 7),
                        LiteralArbitraries.ports())
                .as(Blueprint.PortsRef::new);
        return Arbitraries.frequencyOf(
                Tuple.of(4, LiteralArbitraries.ports().map(Blueprint.SinglePort::new)),
                Tuple.of(2, ranges),
                Tuple.of(2, refs));
    }

    private Arbitrary<Trivia> trivia() {
        if (!options.trivia()) {
            return Arbitraries.just(Trivia.NONE);
        }
        return Combinators.combine(commentBlock(), LiteralArbitraries.commentLines().optional(0.2),
                        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
                .as((leading, trailing, blankLineBefore) ->
                        new Trivia(ImmutableList.copyOf(leading), trailing, blankLineBefore));
    }

    /** A few whole-line comments, mostly none. */
    private Arbitrary<List<String>> commentBlock() {
        if (!options.trivia()) {
            return Arbitraries.just(List.of());
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(List.of())),
                Tuple.of(1, LiteralArbitraries.commentLines().list().ofMinSize(1).ofMaxSize(2)));
    }
}
