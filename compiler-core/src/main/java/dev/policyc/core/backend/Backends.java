package dev.policyc.core.backend;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The backends known to one run, found with {@link ServiceLoader}, looked up by {@link Backend#id()};
 * and the one way to run a backend: {@link #emit} checks features first.
 */
public final class Backends {

    private final ImmutableMap<String, Backend> byId;

    private Backends(ImmutableMap<String, Backend> byId) {
        this.byId = byId;
    }

    /** The backends registered on the class path ({@code ServiceLoader.load(Backend.class)}). */
    public static Backends discover() {
        return of(ImmutableList.copyOf(ServiceLoader.load(Backend.class)));
    }

    /** The backends registered through {@code loader}. */
    public static Backends discover(ClassLoader loader) {
        return of(ImmutableList.copyOf(ServiceLoader.load(Backend.class, loader)));
    }

    /**
     * An explicit list of backends.
     *
     * @throws IllegalStateException if two share an id: a packaging mistake, not a user's
     */
    public static Backends of(Collection<? extends Backend> backends) {
        Map<String, Backend> byId = new LinkedHashMap<>();
        for (Backend backend : backends) {
            Backend earlier = byId.putIfAbsent(backend.id(), backend);
            if (earlier != null) {
                throw new IllegalStateException("two backends with id '" + backend.id() + "': "
                        + earlier.getClass().getName() + " and " + backend.getClass().getName());
            }
        }
        return new Backends(ImmutableMap.copyOf(byId));
    }

    /** The backend with this id, if one is known. */
    public Optional<Backend> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every known id, sorted, for usage messages. */
    public ImmutableSortedSet<String> ids() {
        return ImmutableSortedSet.copyOf(byId.keySet());
    }

    /** Every known backend, in discovery order. */
    public ImmutableList<Backend> all() {
        return byId.values().asList();
    }

    /**
     * Runs {@link FeatureCheck} and, only when it finds no error, {@code backend}. Unbound
     * endpoints on a backend without {@link Feature#DNS_AT_RUNTIME} are reported by the check, so
     * the backend's contract holds whatever program is passed here. A {@link BundlingBackend} is
     * run with {@link #bundle}, among the backends registered in its own class loader.
     */
    public static EmitResult emit(Backend backend, Program program, EmitOptions options) {
        if (backend instanceof BundlingBackend bundler) {
            return discover(bundler.getClass().getClassLoader()).bundle(bundler, program, options);
        }
        return checkedEmit(backend, program, options, backend.features());
    }

    /**
     * Runs a bundling target: checks its features, emits each of its
     * {@link BundlingBackend#bundledTargets() bundled targets} known here once per policy (each
     * with its own feature check), and hands the results to {@link BundlingBackend#bundle}.
     *
     * <p>When the bundler resolves names at run time ({@link Feature#DNS_AT_RUNTIME}), a bundled
     * target with {@link Feature#RUNTIME_SETS} is given unbound policies: its runtime sets are
     * what the bundle fills when it applies the rules.
     */
    public EmitResult bundle(BundlingBackend bundler, Program program, EmitOptions options) {
        ImmutableList<Diagnostic> unsupported = FeatureCheck.check(program, bundler);
        if (Diagnostics.anyErrors(unsupported)) {
            return EmitResult.failed(unsupported);
        }
        boolean namesAtRuntime = bundler.features().contains(Feature.DNS_AT_RUNTIME);
        ImmutableMap.Builder<String, ImmutableMap<String, EmitResult>> byTarget = ImmutableMap.builder();
        for (String id : ImmutableSet.copyOf(bundler.bundledTargets())) {
            Optional<Backend> found = find(id).filter(target -> !(target instanceof BundlingBackend));
            if (found.isEmpty()) {
                continue;
            }
            Backend target = found.get();
            Set<Feature> features = EnumSet.noneOf(Feature.class);
            features.addAll(target.features());
            if (namesAtRuntime && features.contains(Feature.RUNTIME_SETS)) {
                features.add(Feature.DNS_AT_RUNTIME);
            }
            ImmutableMap.Builder<String, EmitResult> byPolicy = ImmutableMap.builder();
            for (PolicyIr policy : program.policies()) {
                byPolicy.put(policy.name(), checkedEmit(target, new Program(ImmutableList.of(policy)), options, features));
            }
            byTarget.put(id, byPolicy.build());
        }
        EmitResult bundled = bundler.bundle(program, new BundleInputs(byTarget.build()), options);
        return new EmitResult(bundled.artifacts(),
                ImmutableList.<Diagnostic>builder().addAll(unsupported).addAll(bundled.diagnostics()).build());
    }

    private static EmitResult checkedEmit(Backend backend, Program program, EmitOptions options, Set<Feature> features) {
        ImmutableList<Diagnostic> unsupported = FeatureCheck.check(program, backend.id(), features);
        if (Diagnostics.anyErrors(unsupported)) {
            return EmitResult.failed(unsupported);
        }
        EmitResult emitted = backend.emit(program, options);
        return new EmitResult(emitted.artifacts(),
                ImmutableList.<Diagnostic>builder().addAll(unsupported).addAll(emitted.diagnostics()).build());
    }
}
