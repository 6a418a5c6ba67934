package dev.policyc.api;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.opt.Optimizer;
import dev.policyc.core.opt.PassResult;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import dev.policyc.dsl.FrontendResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One compilation of policy files: what the front end found (the checked program and its
 * diagnostics), and every later step on demand, each returning an immutable result with its own
 * diagnostics.
 *
 * <p>Steps that need addresses bind {@code dns} names and {@code resolver} with the name sources
 * of the {@link Policyc} that made this compilation; the name source is read once and each name
 * resolved once per compilation, and bound and optimized programs are computed once and shared
 * by later calls. When the compilation itself has errors, every step returns them, without a
 * value. Safe to use from several threads.
 */
public final class Compilation {

    /** Code of the error for a policy name the compilation does not have. */
    public static final String UNKNOWN_POLICY = "unknown-policy";
    /** Code of the error for a target no backend (or, to verify, no reader) is known for. */
    public static final String UNKNOWN_TARGET = "unknown-target";

    private final Settings settings;
    private final FrontendResult front;
    /** The front end's findings with the exact lints, which may still be running on another thread. */
    private final Supplier<ImmutableList<Diagnostic>> diagnostics;
    private final Optional<Program> program;
    private final Binding binding;
    private final LineIndex policyLines;
    private volatile LineIndex hostLines;
    private final Map<String, Outcome<PolicyIr>> boundPolicies = new ConcurrentHashMap<>();
    private final Supplier<Outcome<Program>> optimized;
    private final Supplier<Outcome<Program>> optimizedForVerify;
    private final Supplier<Outcome<Program>> boundForVerify;

    private Compilation(Settings settings, FrontendResult front, Supplier<ImmutableList<Diagnostic>> diagnostics,
            Optional<Program> program, Binding binding) {
        this.settings = settings;
        this.front = front;
        this.diagnostics = diagnostics;
        this.program = program;
        this.binding = binding;
        this.policyLines = new LineIndex(front.sources().texts());
        Supplier<Outcome<Program>> bound = Suppliers.memoize(() -> whenCompiled(binding::bind));
        this.optimized = Suppliers.memoize(() -> optimize(bound.get()));
        this.boundForVerify = settings.namesGiven()
                ? bound
                : Suppliers.memoize(() -> whenCompiled(binding::bindOrStandIns));
        this.optimizedForVerify = settings.namesGiven()
                ? optimized
                : Suppliers.memoize(() -> optimize(boundForVerify.get()));
    }

    static Compilation of(Settings settings, FrontendResult front) {
        return new Compilation(settings, front, lintingBeside(front), front.program(), new Binding(settings));
    }

    /**
     * The diagnostics of {@code front} with its exact lints, which start now on another thread:
     * they only ever warn, so nothing but {@link #diagnostics()} waits for them, and a compile
     * binds, optimizes and emits meanwhile (on two cores, the lints of a 100,000-prefix policy
     * take about a tenth off the wall time). They read only immutable IR.
     */
    private static Supplier<ImmutableList<Diagnostic>> lintingBeside(FrontendResult front) {
        if (front.toLint().isEmpty()) {
            return front::diagnostics;
        }
        CompletableFuture<ImmutableList<Diagnostic>> lints = CompletableFuture.supplyAsync(() -> FrontendResult.exactLints(front.toLint()));
        return Suppliers.memoize(() -> FrontendResult.sorted(front.diagnostics(), lints.join()));
    }

    /**
     * Every error and warning of reading, parsing, checking and linting, in source order. The
     * first call may wait for the exact lints to finish.
     */
    public ImmutableList<Diagnostic> diagnostics() {
        return diagnostics.get();
    }

    /** True when the policies have errors: then there is no program, and every later step fails. */
    public boolean hasErrors() {
        return program.isEmpty();
    }

    /** The checked policies in the compiler's IR, names still unbound; empty when there are errors. */
    public Optional<Program> program() {
        return program;
    }

    /** Every policy, in source order; empty when there are errors. */
    public ImmutableList<PolicyIr> policies() {
        return program.map(Program::policies).orElse(ImmutableList.of());
    }

    /** The policy called {@code name}, names still unbound. */
    public Optional<PolicyIr> policy(String name) {
        return program.flatMap(p -> p.policy(name));
    }

    /**
     * This compilation narrowed to the policy called {@code name}, sharing its name bindings: for
     * emitting or verifying one policy of a file that has several. Empty when there is no such
     * policy (or when the compilation has errors).
     */
    public Optional<Compilation> only(String name) {
        return policy(name).map(p -> new Compilation(settings, front, diagnostics, Optional.of(new Program(ImmutableList.of(p))), binding));
    }

    /** The policy called {@code name} with its {@code dns} names and {@code resolver} bound to addresses. */
    public Outcome<PolicyIr> bind(String policy) {
        return boundPolicies.computeIfAbsent(policy, name -> named(name).map(binding::bind).orElseGet(() -> unknown(name)));
    }

    /** Every policy with its names bound to addresses. */
    public Outcome<Program> bind() {
        return whenCompiled(binding::bind);
    }

    /**
     * The verdict of the policy called {@code policy} on {@code flow}, with the rules or the
     * default that decide it.
     */
    public Outcome<Decision> evaluate(String policy, Flow flow) {
        Outcome<PolicyIr> bound = bind(policy);
        return bound.map(p -> ReferenceEvaluator.evaluate(p, flow));
    }

    /**
     * As {@link #evaluate(String, Flow)}, for a flow written as {@code policyc eval} reads it:
     * {@code DIRECTION PROTOCOL ADDRESS [PORT]}, such as {@code out tcp 1.1.1.1 53}. A malformed
     * flow is a {@value FlowSyntax#DIAGNOSTIC_CODE} error in a file named {@code flow}.
     */
    public Outcome<Decision> evaluate(String policy, String flow) {
        FlowSyntax.Result parsed = FlowSyntax.parse(flow);
        if (parsed instanceof FlowSyntax.Malformed bad) {
            return Outcome.failed(ImmutableList.of(bad.toDiagnostic("flow", 1)));
        }
        return evaluate(policy, ((FlowSyntax.Parsed) parsed).flow());
    }

    /** The exact set of flows the policy called {@code policy} accepts. */
    public Outcome<FlowSet> meaning(String policy) {
        return bind(policy).map(PolicyMeaning::accepted);
    }

    /**
     * Every policy bound and optimized: what the static targets are given. With
     * {@link Policyc.Builder#paranoid paranoid}, each optimizer pass is proved to keep the meaning.
     */
    public Outcome<Program> optimized() {
        return optimized.get();
    }

    /**
     * The firewall rules of {@code target} for every policy: names bound and the policies
     * optimized (unless the target resolves names itself at run time and no name source was
     * given, in which case it gets the policies as written), then emitted after a check that the target supports every feature
     * the policies use. The same pipeline as {@code policyc compile}.
     */
    public Emission emit(String target) {
        if (hasErrors()) {
            return new Emission(target, ImmutableList.of(), frontErrors());
        }
        Optional<Backend> backend = settings.backends().find(target);
        if (backend.isEmpty()) {
            return new Emission(target, ImmutableList.of(), ImmutableList.of(Diagnostic.error(UNKNOWN_TARGET, null,
                    "unknown target '" + target + "'; the targets are: " + String.join(", ", settings.backends().ids()))
                    .withHint("a target is found when its backend (dev.policyc:backend-...) is on the class path")));
        }
        // A target that resolves names when its rules are applied gets the policies as written,
        // unless the caller gave name sources: then names are resolved now, as for the others.
        Outcome<Program> input = backend.get().features().contains(Feature.DNS_AT_RUNTIME) && !settings.namesGiven()
                ? Outcome.of(program.get(), ImmutableList.of())
                : optimized();
        if (input.hasErrors()) {
            return new Emission(target, ImmutableList.of(), input.diagnostics());
        }
        EmitResult emitted = Backends.emit(backend.get(), input.orElseThrow(), settings.emitOptions());
        return new Emission(target, emitted.hasErrors() ? ImmutableList.of() : emitted.artifacts(),
                Binding.concat(input.diagnostics(), emitted.diagnostics()));
    }

    /** {@link #verify(Collection)} of every {@link Policyc#verifiableTargets() verifiable target}. */
    public Verification verify() {
        return verify(settings.verifiableTargets());
    }

    /** {@link #verify(Collection)} of one target. */
    public Verification verify(String target) {
        return verify(List.of(target));
    }

    /**
     * Proves, for each target, that its output accepts exactly the flows each policy accepts:
     * compiles as {@link #emit} does, reads the output back with a reader that shares no code with
     * the emitter, and compares exact flow sets. Without name sources, {@code dns} names and
     * {@code resolver} are bound to stand-in addresses (the emitters treat every address alike).
     * The same pipeline as {@code policyc verify}.
     */
    public Verification verify(Collection<String> targets) {
        if (hasErrors()) {
            return new Verification(ImmutableList.of(), frontErrors());
        }
        List<String> unknown = targets.stream().filter(t -> !settings.verifiableTargets().contains(t)).toList();
        if (!unknown.isEmpty()) {
            return new Verification(ImmutableList.of(), unknown.stream()
                    .map(t -> Diagnostic.error(UNKNOWN_TARGET, null, "cannot verify target '" + t + "'; verifiable: "
                            + String.join(", ", settings.verifiableTargets())))
                    .collect(ImmutableList.toImmutableList()));
        }
        Outcome<Program> bound = boundForVerify.get();
        Outcome<Program> ready = optimizedForVerify.get();
        Diagnostics found = new Diagnostics().addAll(ready.diagnostics());
        if (ready.hasErrors()) {
            return new Verification(ImmutableList.of(), found.toList());
        }
        ImmutableList.Builder<VerificationResult> results = ImmutableList.builder();
        for (String id : targets) {
            Backend backend = settings.backends().find(id).orElseThrow();
            EmitResult emitted = Backends.emit(backend, ready.orElseThrow(), settings.emitOptions());
            VerificationResult result = emitted.hasErrors()
                    ? new VerificationResult(id, ImmutableList.of(), emitted.diagnostics())
                    : Verifier.of(backend, settings.readers().find(id).orElseThrow())
                            .verifyArtifacts(bound.orElseThrow(), emitted.artifacts());
            found.addAll(result.diagnostics());
            results.add(result);
        }
        return new Verification(results.build(), found.toList());
    }

    /**
     * The text of the lines diagnostics point into: the policy files read and the hosts file, for
     * a {@link DiagnosticPrinter} of one's own.
     */
    public SourceLines sourceLines() {
        return (file, line) -> policyLines.line(file, line).or(() -> hostLines().line(file, line));
    }

    /**
     * The index of the hosts file's lines, built again only when binding has read it since the
     * last call (the file is read lazily), not once per line looked up.
     */
    private LineIndex hostLines() {
        ImmutableMap<String, String> texts = binding.texts();
        LineIndex cached = hostLines;
        if (cached == null || !cached.indexes(texts)) {
            cached = new LineIndex(texts);
            hostLines = cached;
        }
        return cached;
    }

    /**
     * {@code diagnostics} as policyc prints them, each ending with a newline:
     * {@code FILE:LINE:COL: error|warning: message}, the source line, a caret under the place,
     * and {@code hint: ...}. Nothing is printed; the caller decides where the text goes.
     */
    public String render(Collection<Diagnostic> diagnostics) {
        return new DiagnosticPrinter(sourceLines()).render(diagnostics);
    }

    private Outcome<Program> optimize(Outcome<Program> bound) {
        if (bound.hasErrors()) {
            return bound;
        }
        Optimizer optimizer = Optimizer.standard(settings.paranoid());
        ImmutableList.Builder<PolicyIr> policies = ImmutableList.builder();
        Diagnostics found = new Diagnostics().addAll(bound.diagnostics());
        for (PolicyIr policy : bound.orElseThrow().policies()) {
            PassResult result = optimizer.optimize(policy);
            policies.add(result.policy());
            found.addAll(result.diagnostics());
        }
        return found.hasErrors()
                ? Outcome.failed(found.toList())
                : Outcome.of(new Program(policies.build()), found.toList());
    }

    private <T> Outcome<T> whenCompiled(Function<Program, Outcome<T>> step) {
        return program.map(step).orElseGet(() -> Outcome.failed(frontErrors()));
    }

    private Optional<PolicyIr> named(String name) {
        return program.flatMap(p -> p.policy(name));
    }

    private <T> Outcome<T> unknown(String name) {
        if (hasErrors()) {
            return Outcome.failed(frontErrors());
        }
        return Outcome.failed(ImmutableList.of(Diagnostic.error(UNKNOWN_POLICY, null,
                "no policy '" + name + "'; the compilation has: "
                        + String.join(", ", policies().stream().map(PolicyIr::name).toList()))));
    }

    private ImmutableList<Diagnostic> frontErrors() {
        return front.diagnostics().stream().filter(Diagnostic::isError).collect(ImmutableList.toImmutableList());
    }
}
