package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.GoldenCorpus;
import dev.policyc.core.testing.TestIr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code iptables-ipset} target's layout: files, set names, sizes, and what stays inline. */
class IpsetBackendTest {

    private final IpsetBackend backend = new IpsetBackend();

    @Test
    void isFoundByServiceLoaderWithTheFeaturesOfTheIptablesTarget() {
        assertTrue(Backends.discover().find("iptables-ipset").orElseThrow() instanceof IpsetBackend);
        assertEquals(new IptablesBackend().features(), backend.features());
    }

    @Test
    void fourFilesPerPolicyOnlyTheScriptExecutable() {
        EmitResult result = backend.emit(new Program(ImmutableList.of(TestIr.policy())), EmitOptions.defaults());
        assertEquals(List.of("test.v4.rules", "test.v6.rules", "test.ipset", "test.sh"),
                result.artifacts().stream().map(Artifact::path).toList());
        assertEquals(List.of(false, false, false, true), result.artifacts().stream().map(Artifact::executable).toList());
    }

    @Test
    void theGoldenOutputHasNoAddressChainsAndItsSetNamesAreTheContentsHash() {
        EmitResult result = backend.emit(GoldenPolicies.ipsetProgram(), EmitOptions.defaults());
        int sets = 0;
        for (Artifact artifact : result.artifacts()) {
            assertFalse(artifact.content().contains(":PC-"), artifact.path() + " declares no extra chain");
            if (artifact.path().endsWith(".ipset")) {
                for (var set : IpsetText.sets(artifact.content()).entrySet()) {
                    String family = set.getValue().contains("family inet6") ? "inet6" : "inet";
                    List<String> elements = artifact.content().lines().filter(l -> l.startsWith("add " + set.getKey() + " "))
                            .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
                    String hash = Hashing.sha256().hashString(family + "\n" + String.join("\n", elements), StandardCharsets.UTF_8).toString();
                    assertTrue(set.getKey().endsWith("-" + hash.substring(0, 8)), set.getKey());
                    assertTrue(set.getKey().length() <= 28, set.getKey());
                    sets++;
                }
            }
        }
        assertTrue(sets >= 8, "the goldens use sets: " + sets);
        String longName = result.artifacts().stream().filter(a -> a.path().equals("a-long-policy-name-here.ipset")).findFirst()
                .orElseThrow().content();
        assertTrue(longName.lines().noneMatch(l -> l.startsWith("create")), "two blocks stay inline");
    }

    @Test
    void identicalListsShareOneSetAndTheSameListInTheOtherDirectionMatchesBySource() {
        String v4 = emitted("shared.v4.rules");
        List<String> setRules = v4.lines().filter(l -> l.startsWith("-A") && l.contains("--match-set")).toList();
        String set = setRules.get(0).replaceAll(".*--match-set (\\S+) .*", "$1");
        assertTrue(setRules.stream().anyMatch(l -> l.contains("--match-set " + set + " src") && l.contains("shared.policy:3")), v4);
        assertEquals(2, setRules.stream().filter(l -> l.contains("--match-set " + set + " dst") && l.contains("shared.policy:2")).count(),
                "the logged rule: LOG, then the verdict, both on the set");
        assertEquals(1, emitted("shared.ipset").lines().filter(l -> l.startsWith("create " + set + " ")).count());
    }

    @Test
    void aRuleOfFourBlocksStaysInlineAndOneOfFiveUsesASet() {
        Rule four = TestIr.rule(Verdict.ALLOW, Direction.OUT).peer(hosts(4).toArray(String[]::new)).line(3).build();
        Rule five = TestIr.rule(Verdict.ALLOW, Direction.IN).peer(hosts(5).toArray(String[]::new)).line(4).build();
        String v4 = emit(TestIr.policy(four, five)).get(0).content();
        assertEquals(4, v4.lines().filter(l -> l.startsWith("-A POLICYC-test-OUT -d 10.0.0.")).count(), v4);
        assertEquals(1, v4.lines().filter(l -> l.startsWith("-A POLICYC-test-IN -m set --match-set PC-test-")).count(), v4);
    }

    @Test
    void setsAreSizedForTheirElements() {
        assertEquals(64, IpsetFile.hashsize(0));
        assertEquals(64, IpsetFile.hashsize(64));
        assertEquals(128, IpsetFile.hashsize(65));
        assertEquals(131072, IpsetFile.hashsize(100_000));
        Rule many = TestIr.rule(Verdict.DENY, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443))
                .peer(hosts(70_000).toArray(String[]::new)).line(3).build();
        String sets = emit(TestIr.policy(many)).get(2).content();
        assertTrue(sets.contains(" hash:net family inet hashsize 131072 maxelem 70000\n"), sets.substring(0, 600));
        assertEquals(70_000, sets.lines().filter(l -> l.startsWith("add ")).count());
        String small = emitted("shared.ipset");
        assertTrue(small.contains(" hash:net family inet hashsize 64 maxelem 65536\n"), small);
    }

    @Test
    void aBlockOfPrefixLengthZeroCannotGoIntoASet() {
        assertFalse(AddressSets.canHold(List.of(GoldenCorpus.address("0.0.0.0/0"), GoldenCorpus.address("192.0.2.1"))));
        assertTrue(AddressSets.canHold(List.of(GoldenCorpus.address("0.0.0.0/1"))));
        AddressSets sets = new AddressSets(PolicyChains.of("web"));
        assertThrows(IllegalArgumentException.class, () -> sets.nameFor(Family.IPV4, List.of(GoldenCorpus.address("0.0.0.0/0")), "x"));
    }

    @Test
    void setNamesMatchTheScriptsPatternAndOnlyThePolicysOwn() {
        PolicyChains web = PolicyChains.of("web");
        String name = new AddressSets(web).nameFor(Family.IPV4, List.of(GoldenCorpus.address("192.0.2.1")), "x");
        assertTrue(name.matches(web.setPattern()), name);
        assertTrue((name + "-n").matches(web.setPattern()));
        assertFalse(name.matches(PolicyChains.of("web-a").setPattern()));
        assertFalse("PC-web-A1".matches(web.setPattern()), "the policy's address chains are not its sets");
        String longest = PolicyChains.of("a-long-policy-name-here").set("0123abcd");
        assertTrue(longest.length() + "-n".length() <= 31, "ipset takes 31 characters: " + longest);
    }

    private static List<String> hosts(int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Odd addresses, so that none merge into a larger block.
            hosts.add("10." + (i >> 15) + "." + ((i >> 7) & 0xff) + "." + ((i & 0x7f) * 2 + 1));
        }
        return hosts;
    }

    private ImmutableList<Artifact> emit(dev.policyc.core.ir.PolicyIr policy) {
        EmitResult result = backend.emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result.artifacts();
    }

    private String emitted(String file) {
        return backend.emit(GoldenPolicies.ipsetProgram(), EmitOptions.defaults()).artifacts().stream()
                .filter(a -> a.path().equals(file)).findFirst().orElseThrow().content();
    }
}
