package dev.policyc.samples;

import static dev.policyc.testing.PolicyAssertions.assertThat;
import static dev.policyc.testing.PolicyAssertions.flows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.testing.PolicyArbitraries;
import dev.policyc.testing.TestPolicies;
import dev.policyc.testing.TestPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * How a team guards every policy it owns with policyc-testing (a test-scoped dependency): rules
 * that hold for all its policies, whoever edits them.
 *
 * <ul>
 *   <li>ssh (port 22, tcp or udp) is accepted only from the company networks, 10.0.0.0/8 and
 *       192.168.0.0/16. (The stricter "only from 10.0.0.0/8" would not hold: webapp lets its
 *       admins in from 192.168.1.0/24, on purpose.)
 *   <li>No policy lets a container reach the cloud metadata service, 169.254.169.254, with any
 *       protocol. (Incoming flows from that address are another matter: webapp serves port 8080
 *       to every address.)
 * </ul>
 *
 * Each guard is checked two ways: exactly, on flow sets, which proves it for every flow; and as
 * a jqwik property over flows near each policy's boundaries, the style to use for guards that
 * are not a set of flows (say, "a policy accepts no more than its previous release did").
 */
class TeamPolicyGuardProperties {

    private static final Path DIR = Path.of("policies");
    private static final TestPolicies LOADER = TestPolicies.defaults()
            .withHosts(DIR.resolve("hosts"))
            .withResolver("10.0.2.3");
    private static final List<TestPolicy> POLICIES = LOADER.loadAll(policyFiles());

    private static final FlowSet SSH_FROM_OUTSIDE = flows("in from not { 10.0.0.0/8, 192.168.0.0/16 } port 22");
    private static final FlowSet TO_METADATA = flows("out to 169.254.169.254");

    private static List<Path> policyFiles() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".policy") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Example
    void everyPolicyOfTheTeamIsGuarded() {
        assertTrue(POLICIES.size() >= 5, "policies found: " + POLICIES);
    }

    @Example
    void sshOnlyFromTheCompanyNetworksExactly() {
        POLICIES.forEach(policy -> assertThat(policy).neverAccepts(SSH_FROM_OUTSIDE));
    }

    @Example
    void theMetadataServiceIsNeverReachedExactly() {
        POLICIES.forEach(policy -> assertThat(policy).neverAccepts(TO_METADATA));
    }

    /** A policy of the team and a flow of {@code guard}, near the boundaries of both. */
    private static Arbitrary<Tuple2<TestPolicy, Flow>> policyAndFlowIn(FlowSet guard) {
        return Arbitraries.of(POLICIES).flatMap(policy ->
                PolicyArbitraries.flowsIn(guard, policy).map(flow -> Tuple.of(policy, flow)));
    }

    @Provide
    Arbitrary<Tuple2<TestPolicy, Flow>> sshFromOutside() {
        return policyAndFlowIn(SSH_FROM_OUTSIDE);
    }

    @Provide
    Arbitrary<Tuple2<TestPolicy, Flow>> toMetadata() {
        return policyAndFlowIn(TO_METADATA);
    }

    @Property
    void sshOnlyFromTheCompanyNetworks(@ForAll("sshFromOutside") Tuple2<TestPolicy, Flow> sample) {
        assertThat(sample.get1()).drops(sample.get2());
    }

    @Property
    void theMetadataServiceIsNeverReached(@ForAll("toMetadata") Tuple2<TestPolicy, Flow> sample) {
        assertThat(sample.get1()).drops(sample.get2());
    }
}
