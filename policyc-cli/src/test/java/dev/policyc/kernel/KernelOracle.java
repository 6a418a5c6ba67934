package dev.policyc.kernel;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel as an oracle for what a backend emits: compile a policy with the target, load the
 * result into a fresh {@link ProbeNetwork}, and ask about each flow with {@link FlowProbe}
 * (egress in the namespace under test, ingress from its peer, one after the other so that the
 * egress helper's raw sockets are closed before the ingress probes arrive).
 *
 * <p>One oracle owns a scratch directory and a namespace-name prefix of its own; {@link #close}
 * removes the directory and, as a backstop, any namespace with that prefix that a failed run
 * left behind. A shutdown hook does the same if the JVM ends first: jqwik gives up on a try
 * that outlives its shrinking time bound, and the JVM may then exit while that try is running.
 */
final class KernelOracle implements AutoCloseable {

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final KernelTools tools;
    private final Path scratch;
    private final FlowProbe probe;
    private final String prefix = Namespaces.uniqueName("o");
    private final Thread cleanUpAtExit = new Thread(this::cleanUp, "policyc kernel oracle clean-up");
    private int policies;

    private KernelOracle(KernelTools tools, Path scratch) {
        this.tools = tools;
        this.scratch = scratch;
        this.probe = FlowProbe.install(tools, scratch);
        Runtime.getRuntime().addShutdownHook(cleanUpAtExit);
    }

    /** An oracle with a fresh scratch directory; the kernel tests must be able to run here. */
    static KernelOracle open(KernelTools tools) {
        try {
            return new KernelOracle(tools, Files.createTempDirectory("policyc-kernel-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code policy} with {@code target}, loads it into fresh namespaces and asks the kernel about {@code flows}. */
    Judgement judge(KernelTarget target, PolicyIr policy, List<Flow> flows) {
        ImmutableList<Artifact> artifacts = emit(target, policy);
        Path directory = write(artifacts);
        List<Flow> out = flows.stream().filter(f -> f.direction() == Direction.OUT).toList();
        List<Flow> in = flows.stream().filter(f -> f.direction() == Direction.IN).toList();
        ImmutableList<Verdict> outVerdicts;
        ImmutableList<Verdict> inVerdicts;
        try (ProbeNetwork network = ProbeNetwork.create(tools, prefix + policies)) {
            for (List<String> command : target.loader().commands(directory, policy.name())) {
                load(network, target, command, artifacts);
            }
            outVerdicts = out.isEmpty() ? ImmutableList.of() : probe.egress(network, out);
            inVerdicts = in.isEmpty() ? ImmutableList.of() : probe.ingress(network, in);
        }
        Iterator<Verdict> outs = outVerdicts.iterator();
        Iterator<Verdict> ins = inVerdicts.iterator();
        ImmutableList.Builder<Verdict> inOrder = ImmutableList.builder();
        for (Flow flow : flows) {
            inOrder.add(flow.direction() == Direction.OUT ? outs.next() : ins.next());
        }
        return new Judgement(target.id(), policy, artifacts, ImmutableList.copyOf(flows), inOrder.build());
    }

    /** Deletes the scratch directory and any namespace of this oracle still there. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running, or about to: it cleans up
        }
        cleanUp();
    }

    private void cleanUp() {
        Namespaces.withoutInterrupt(() -> {
            try {
                Namespaces.deleteAll(tools, prefix);
            } finally {
                deleteTree(scratch);
            }
        });
    }

    private static ImmutableList<Artifact> emit(KernelTarget target, PolicyIr policy) {
        EmitResult emitted = Backends.emit(target.backend(), new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        if (emitted.hasErrors()) {
            String why = new DiagnosticPrinter(SourceLines.none()).render(emitted.diagnostics());
            throw new AssertionError("the " + target.id() + " backend refused the policy:\n" + why + PolicyText.of(policy));
        }
        return emitted.artifacts();
    }

    private Path write(ImmutableList<Artifact> artifacts) {
        Path directory = scratch.resolve("policy-" + policies++);
        try {
            for (Artifact artifact : artifacts) {
                Path file = directory.resolve(artifact.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, artifact.content());
                if (artifact.executable()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }

    private static void load(ProbeNetwork network, KernelTarget target, List<String> command, List<Artifact> artifacts) {
        List<String> argv = new ArrayList<>(command);
        argv.set(0, Command.executable(command.get(0))
                .orElseThrow(() -> new AssertionError(command.get(0) + " is not installed"))
                .toString());
        Command loaded = network.inUnderTest(argv, "", LOAD_TIMEOUT);
        if (!loaded.ok()) {
            StringBuilder files = new StringBuilder();
            artifacts.forEach(a -> files.append("--- ").append(a.path()).append(" ---\n").append(a.content()));
            throw new AssertionError("the kernel refused the " + target.id() + " rules: " + loaded.describe() + "\n" + files);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
