package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Whatever the policy, {@code nft -c} accepts what the backend emits, and no comment text can
 * add, end or change a rule. Runs the real nft in check mode (the kernel validates and keeps
 * nothing), so it needs nft and root; skipped with the reason otherwise.
 */
@AddLifecycleHook(value = NftAsRootHook.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class NftKernelCheckProperties {

    /** Base rules (4 a chain) and the default rule (1 a chain), two chains. */
    private static final int FIXED_RULES = 10;

    @Property(tries = 200)
    void randomPoliciesPassNftCheck(@ForAll("policies") PolicyIr policy) {
        String script = emitOne(policy);
        NftCommand.Result checked = NftCommand.check(script);
        assertTrue(checked.ok(), () -> "nft -c rejected:\n" + checked.output() + "\n" + script);
    }

    @Property(tries = 200)
    void hostileCommentsCannotInjectRules(@ForAll("hostilePolicies") PolicyIr policy) {
        String script = emitOne(policy);
        NftCommand.Result checked = NftCommand.check(script);
        assertTrue(checked.ok(), () -> "nft -c rejected:\n" + checked.output() + "\n" + script);
        // Each generated rule names one family and only tcp/udp, so it is exactly one nft rule,
        // unless it is merged with others into one rule on a concatenated set (with a counter flag).
        int merged = mergedAway(policy);
        long sets = NftText.count(script, "inet_service");
        int rules = FIXED_RULES + policy.rules().size() - merged;
        assertEquals(rules + sets, NftText.count(script, "counter"), script);
        assertEquals(rules, NftText.count(script, "accept") + NftText.count(script, "drop"), script);
        assertEquals(3, NftText.count(script, "table"), script);
        assertEquals(2, NftText.count(script, "chain"), script);
        for (Rule rule : policy.rules()) {
            String where = rule.span().fileAndLine();
            String expected = NftSyntax.COMMENT.literal(where + " " + rule.comment().orElseThrow());
            assertTrue(script.contains("comment " + expected), () -> "comment missing: " + expected + "\n" + script);
        }
    }

    /** How many nft rules fewer merging makes: each merged rule stands for its members. */
    private static int mergedAway(PolicyIr policy) {
        List<NftRule> lowered = new java.util.ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            lowered.addAll(RuleLowering.lower(policy.rules().get(i), i + 1));
        }
        int away = 0;
        for (Direction direction : Direction.values()) {
            List<NftRule> chain = new java.util.ArrayList<>();
            for (Verdict verdict : List.of(Verdict.DENY, Verdict.ALLOW)) {
                lowered.stream().filter(r -> r.source().direction() == direction && r.source().verdict() == verdict).forEach(chain::add);
            }
            for (ChainEntry entry : RuleMerger.chain(direction, chain)) {
                if (entry instanceof MergedRule m) {
                    away += m.members().size() - 1;
                }
            }
        }
        return away;
    }

    private static String emitOne(PolicyIr policy) {
        EmitResult result = new NftablesBackend().emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result.artifacts().get(0).content();
    }

    @Provide
    Arbitrary<PolicyIr> policies() {
        return Combinators.combine(IrArbitraries.boundPolicies(), policyNames())
                .as((policy, name) -> new PolicyIr(name, policy.span(), policy.defaultIn(), policy.defaultOut(), policy.rules()));
    }

    @Provide
    Arbitrary<PolicyIr> hostilePolicies() {
        return Combinators.combine(policyNames(), hostileText().map(t -> t.substring(0, Math.min(t.length(), 200))),
                        IrArbitraries.defaults(), IrArbitraries.defaults())
                .flatAs((name, file, in, out) -> oneFamilyRules(file).list().ofMaxSize(6).map(rules ->
                        new PolicyIr(name, SourceSpan.at(file, 1, 1), in, out, ImmutableList.copyOf(rules))));
    }

    /** Names of the language: {@code [a-z][a-z0-9-]{0,23}}. */
    private static Arbitrary<String> policyNames() {
        return Combinators.combine(
                        Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-').ofMaxLength(23))
                .as((first, rest) -> first + rest);
    }

    /** Rules with a hostile comment that are one nft rule each: blocks of one family, tcp/udp at most. */
    private static Arbitrary<Rule> oneFamilyRules(String file) {
        Arbitrary<ImmutableSet<Protocol>> protocols = Arbitraries.of(
                ImmutableSet.<Protocol>of(), ImmutableSet.of(Protocol.TCP), ImmutableSet.of(Protocol.UDP),
                ImmutableSet.of(Protocol.TCP, Protocol.UDP));
        Arbitrary<List<Endpoint.Block>> peer = Arbitraries.of(Family.class).flatMap(family ->
                IrArbitraries.blocks().filter(b -> b.family() == family).list().ofMinSize(1).ofMaxSize(3));
        return protocols.flatMap(protos -> Combinators.combine(
                        Arbitraries.of(Verdict.class), Arbitraries.of(Direction.class), peer,
                        protos.isEmpty() ? Arbitraries.just(Optional.<PortSet>empty()) : IrArbitraries.portSets().optional(),
                        Arbitraries.of(true, false), hostileText(), Arbitraries.integers().between(1, 99999))
                .as((verdict, direction, blocks, ports, log, comment, line) -> new Rule(verdict, direction, protos,
                        Optional.of(ImmutableList.<Endpoint>copyOf(blocks)), ports, log, Optional.of(comment),
                        SourceSpan.at(file, line, 5))));
    }

    /** Text made of what ends strings, lines and statements in nft, and any other characters, up to 1000. */
    static Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("\"", "\\", "\\\"", "\n", "\r\n", "\t", ";", "}", "{", "#", "$x", "@s", "\u0000",
                        "\u2028", "\u202E", "\uD800", "é", "☃", "😀", "counter", " accept", " drop",
                        "\" ; } ; table inet evil { chain c { counter accept ; } } ; #"),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().ascii().ofMaxLength(40));
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list))
                .map(text -> text.length() > 1000 ? text.substring(0, 1000) : text);
    }
}
