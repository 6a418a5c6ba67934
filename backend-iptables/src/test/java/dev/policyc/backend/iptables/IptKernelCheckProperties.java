package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.TextWriter;
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
import inet.ipaddr.IPAddressString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * Whatever the policy, both files pass {@code iptables-restore --test} / {@code ip6tables-restore
 * --test} and load, and the kernel then holds exactly the rules of the file; no comment or file
 * name can add, end or change a rule. Loads into a network namespace of the property's own
 * (never the host's), so it needs iptables, ip and root; skipped with the reason otherwise.
 */
@AddLifecycleHook(value = IptAsRootHook.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class IptKernelCheckProperties {

    private ScratchNamespace namespace;

    @BeforeProperty
    void createNamespace() {
        if (IptCommand.unavailableReason().isEmpty()) {
            namespace = ScratchNamespace.create();
        }
    }

    @AfterProperty
    void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Property(tries = 40)
    void randomPoliciesPassRestoreTestAndLoad(@ForAll("policies") PolicyIr policy) {
        EmitResult result = emit(policy);
        for (Family family : Family.values()) {
            loadAndCompare(policy, family, result.artifacts().get(family == Family.IPV4 ? 0 : 1).content());
        }
    }

    @Property(tries = 40)
    void hostileCommentsCannotInjectRules(@ForAll("hostilePolicies") PolicyIr policy) {
        EmitResult result = emit(policy);
        for (Family family : Family.values()) {
            String rules = result.artifacts().get(family == Family.IPV4 ? 0 : 1).content();
            List<List<String>> commands = IptText.appendCommands(rules);
            assertEquals(expectedCommands(policy, family), commands.size(), rules);
            for (List<String> command : commands) {
                assertTrue(endsInItsTarget(command), () -> "the rule ends in its target: " + command);
            }
            for (Rule rule : policy.rules()) {
                if (!RuleLowering.lower(rule, family).isEmpty()) {
                    String full = TextWriter.oneLine(rule.span().fileAndLine() + " " + rule.comment().orElseThrow());
                    long carrying = commands.stream().map(c -> IptText.valueOf(c, "--comment"))
                            .filter(c -> c != null && isCutFrom(c, full))
                            .count();
                    assertEquals(rule.log() ? 2 : 1, carrying, () -> "the comment of " + rule.span() + " as written: " + full + "\n" + rules);
                }
            }
            loadAndCompare(policy, family, rules);
        }
    }

    /** Loads {@code rules} and checks that the kernel holds the rules of the file, no more, no fewer. */
    private void loadAndCompare(PolicyIr policy, Family family, String rules) {
        IptCommand.Result tested = namespace.restore(family, rules, "--noflush", "--test");
        assertTrue(tested.ok(), () -> IptSyntax.restoreTool(family) + " --test rejected:\n" + tested.output() + "\n" + rules);
        IptCommand.Result loaded = namespace.restore(family, rules, "--noflush");
        assertTrue(loaded.ok(), () -> IptSyntax.restoreTool(family) + " could not load:\n" + loaded.output() + "\n" + rules);
        PolicyChains chains = PolicyChains.of(policy.name());
        Set<String> ours = Set.of("INPUT", "OUTPUT", chains.chain(Direction.IN), chains.chain(Direction.OUT));
        List<List<String>> held = IptText.appendCommands(namespace.saveFilter(family)).stream()
                .filter(c -> ours.contains(c.get(1)))
                .map(IptKernelCheckProperties::sameAddressText)
                .toList();
        List<List<String>> written = IptText.appendCommands(rules).stream().map(IptKernelCheckProperties::sameAddressText).toList();
        assertEquals(written, held, rules);
    }

    private static EmitResult emit(PolicyIr policy) {
        EmitResult result = new IptablesBackend().emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result;
    }

    /**
     * How many {@code -A} lines a file must have, counted from the policy alone: two jumps, the
     * base rules, one line per rule of the family (two when logged: LOG, then the verdict) and
     * the defaults. Each hostile rule names one block and at most one protocol and port range.
     */
    private static long expectedCommands(PolicyIr policy, Family family) {
        int base = family == Family.IPV4 ? 3 : 3 + IptSyntax.NEIGHBOUR_DISCOVERY_TYPES.length;
        long count = 2 + 2L * base;
        for (Direction direction : Direction.values()) {
            count += policy.defaultFor(direction).log() ? 2 : 1;
        }
        for (Rule rule : policy.rules()) {
            Endpoint.Block block = (Endpoint.Block) rule.peer().orElseThrow().get(0);
            if (block.family() == family) {
                count += rule.log() ? 2 : 1;
            }
        }
        return count;
    }

    /** {@code ... -j ACCEPT}, {@code -j DROP}, {@code -j POLICYC-...} or {@code -j LOG --log-prefix P}, and one {@code -j}. */
    private static boolean endsInItsTarget(List<String> command) {
        int n = command.size();
        boolean verdict = command.get(n - 2).equals("-j")
                && (Set.of("ACCEPT", "DROP").contains(command.get(n - 1)) || command.get(n - 1).startsWith("POLICYC-"));
        boolean log = n >= 4 && command.get(n - 4).equals("-j") && command.get(n - 3).equals("LOG")
                && command.get(n - 2).equals("--log-prefix");
        return (verdict || log) && command.stream().filter("-j"::equals).count() == 1;
    }

    /** True when {@code comment} is {@code full}, or its start followed by {@code ...}, within 255 bytes. */
    private static boolean isCutFrom(String comment, String full) {
        if (comment.getBytes(StandardCharsets.UTF_8).length > 255) {
            return false;
        }
        return comment.equals(full) || comment.endsWith("...") && full.startsWith(comment.substring(0, comment.length() - 3));
    }

    /**
     * The command with its {@code -s}/{@code -d} block written one way: iptables-save prints IPv6
     * addresses with inet_ntop, which writes some (such as {@code ::0.1.0.0}) otherwise than policyc.
     */
    private static List<String> sameAddressText(List<String> command) {
        List<String> same = new ArrayList<>(command);
        for (int i = 0; i + 1 < same.size(); i++) {
            if (same.get(i).equals("-s") || same.get(i).equals("-d")) {
                same.set(i + 1, new IPAddressString(same.get(i + 1)).getAddress().toPrefixBlock().toCanonicalString());
            }
        }
        return same;
    }

    @Provide
    Arbitrary<PolicyIr> policies() {
        return Combinators.combine(IrArbitraries.boundPolicies(), policyNames())
                .as((policy, name) -> new PolicyIr(name, policy.span(), policy.defaultIn(), policy.defaultOut(), policy.rules()));
    }

    @Provide
    Arbitrary<PolicyIr> hostilePolicies() {
        // File names short enough that every comment keeps its own FILE:LINE within 255 bytes.
        return Combinators.combine(policyNames(), hostileText().map(t -> t.substring(0, Math.min(t.length(), 40))),
                        IrArbitraries.defaults(), IrArbitraries.defaults())
                .flatAs((name, file, in, out) -> oneRuleEachRules(file).list().ofMaxSize(6).map(rules ->
                        new PolicyIr(name, SourceSpan.at(file, 1, 1), in, out, onItsOwnLine(rules))));
    }

    /** The rules, the i-th moved to line i + 2, so that no two carry the same comment. */
    private static ImmutableList<Rule> onItsOwnLine(List<Rule> rules) {
        ImmutableList.Builder<Rule> moved = ImmutableList.builder();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            moved.add(new Rule(r.verdict(), r.direction(), r.protocols(), r.peer(), r.ports(), r.log(), r.comment(),
                    SourceSpan.at(r.span().file(), i + 2, r.span().column())));
        }
        return moved.build();
    }

    /** Names of the language, {@code [a-z][a-z0-9-]{0,23}}: short ones and ones too long for a chain. */
    private static Arbitrary<String> policyNames() {
        return Combinators.combine(
                        Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-').ofMaxLength(23))
                .as((first, rest) -> first + rest);
    }

    /** Rules with a hostile comment that make one iptables rule each: one block, tcp or udp at most, one port range at most. */
    private static Arbitrary<Rule> oneRuleEachRules(String file) {
        Arbitrary<ImmutableSet<Protocol>> protocols = Arbitraries.of(
                ImmutableSet.<Protocol>of(), ImmutableSet.of(Protocol.TCP), ImmutableSet.of(Protocol.UDP));
        Arbitrary<Optional<PortSet>> ports = IrArbitraries.portRanges().map(r -> PortSet.range(r.lowerEndpoint(), r.upperEndpoint()))
                .optional();
        return protocols.flatMap(protos -> Combinators.combine(
                        Arbitraries.of(Verdict.class), Arbitraries.of(Direction.class), IrArbitraries.blocks(),
                        protos.isEmpty() ? Arbitraries.just(Optional.<PortSet>empty()) : ports,
                        Arbitraries.of(true, false), hostileText())
                .as((verdict, direction, block, portSet, log, comment) -> new Rule(verdict, direction, protos,
                        Optional.of(ImmutableList.<Endpoint>of(block)), portSet, log, Optional.of(comment),
                        SourceSpan.at(file, 2, 5))));
    }

    /** Text made of what ends strings, arguments, lines and tables in iptables-restore, and anything else, up to 1000. */
    static Arbitrary<String> hostileText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("\"", "\\", "\\\"", "\"\"", "'", "\n", "\r\n", "\t", " ", ";", "#", "*filter", "COMMIT",
                        "\u0000", "\u2028", "\u202E", "\uD800", "é", "☃", "😀", " -j ACCEPT", " -A INPUT -j ACCEPT",
                        "\" -j ACCEPT\n-A INPUT -j ACCEPT\nCOMMIT\n#", "\\\" -j DROP \\"),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().ascii().ofMaxLength(40));
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list))
                .map(text -> text.length() > 1000 ? text.substring(0, 1000) : text);
    }
}
