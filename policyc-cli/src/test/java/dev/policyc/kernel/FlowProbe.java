package dev.policyc.kernel;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kernel's verdict on flows, asked through {@code kernel/flowprobe.py} (see its header for
 * how): one helper process per namespace and direction, all flows on its stdin, one verdict a
 * line back.
 */
final class FlowProbe {

    private static final String RESOURCE = "/kernel/flowprobe.py";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long the peer waits for an answer after its last probe, and how often it asks. */
    private static final String WAIT_SECONDS = "0.3";
    private static final String TRIES = "2";

    private final KernelTools tools;
    private final Path script;

    private FlowProbe(KernelTools tools, Path script) {
        this.tools = tools;
        this.script = script;
    }

    /** Copies the helper into {@code directory}, from where the namespaces' processes run it. */
    static FlowProbe install(KernelTools tools, Path directory) {
        Path script = directory.resolve("flowprobe.py");
        try (InputStream in = FlowProbe.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AssertionError("test resource " + RESOURCE + " is missing");
            }
            Files.copy(in, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlowProbe(tools, script);
    }

    /** The output hook's verdict on each {@code out} flow: a send that fails with EPERM was dropped. */
    ImmutableList<Verdict> egress(ProbeNetwork network, List<Flow> flows) {
        requireSendable(flows, Direction.OUT);
        return verdicts(flows, network.inUnderTest(List.of(tools.python3().toString(), script.toString(),
                "egress", "--src4", ProbeNetwork.EGRESS_SOURCE_V4, "--src6", ProbeNetwork.EGRESS_SOURCE_V6),
                lines(flows), TIMEOUT));
    }

    /** The input hook's verdict on each {@code in} flow: accepted when the namespace under test answers. */
    ImmutableList<Verdict> ingress(ProbeNetwork network, List<Flow> flows) {
        requireSendable(flows, Direction.IN);
        return verdicts(flows, network.inPeer(List.of(tools.python3().toString(), script.toString(),
                "ingress", "--iface", ProbeNetwork.PEER_LINK, "--mac", ProbeNetwork.MAC,
                "--dst4", ProbeNetwork.INGRESS_TARGET_V4, "--dst6", ProbeNetwork.INGRESS_TARGET_V6,
                "--wait", WAIT_SECONDS, "--tries", TRIES),
                lines(flows), TIMEOUT));
    }

    private static String lines(List<Flow> flows) {
        return flows.stream().map(Flow::toString).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Refuses, before anything is sent, a flow of the other direction or one that could reach beyond the test's own links. */
    private static void requireSendable(List<Flow> flows, Direction direction) {
        for (Flow flow : flows) {
            if (flow.direction() != direction) {
                throw new IllegalArgumentException("not an " + direction.keyword() + " flow: " + flow);
            }
            if (!DocumentationArbitraries.isSafeFlowAddress(flow.address())) {
                throw new IllegalArgumentException("flows are sent for real, so their address must be in the documentation"
                        + " ranges and not the namespace's own: " + flow);
            }
        }
    }

    private static ImmutableList<Verdict> verdicts(List<Flow> flows, Command run) {
        if (!run.ok()) {
            throw new AssertionError("the probe helper failed: " + run.describe());
        }
        List<String> answers = run.stdout().lines().toList();
        if (answers.size() != flows.size()) {
            throw new AssertionError("asked " + flows.size() + " flows, got " + answers.size() + " answers: " + run.describe());
        }
        ImmutableList.Builder<Verdict> verdicts = ImmutableList.builder();
        for (int i = 0; i < flows.size(); i++) {
            Flow flow = flows.get(i);
            verdicts.add(switch (answers.get(i)) {
                case "allow" -> Verdict.ALLOW;
                case "deny" -> Verdict.DENY;
                default -> throw new AssertionError("no verdict for '" + flow + "': " + answers.get(i));
            });
        }
        return verdicts.build();
    }
}
