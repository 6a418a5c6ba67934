package dev.policyc.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.BoundPolicy;
import dev.policyc.core.ir.BoundProgram;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.StandInNames;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds the names of one compilation to addresses. The name source is read once, when first
 * needed, and each name is resolved once, so every step of a compilation (evaluation, emission,
 * verification) sees the same addresses even from a resolver whose answers change.
 */
final class Binding {

    private static final NameSource.Loaded NO_SOURCE =
            new NameSource.Loaded(Optional.empty(), ImmutableList.of(), ImmutableMap.of());

    private final Settings settings;
    private final Map<String, Resolution> answers = new ConcurrentHashMap<>();
    private volatile NameSource.Loaded loaded;

    Binding(Settings settings) {
        this.settings = settings;
    }

    /** {@code policy} with its names bound; the source's findings come first. */
    Outcome<PolicyIr> bind(PolicyIr policy) {
        NameSource.Loaded source = source();
        if (Diagnostics.anyErrors(source.diagnostics())) {
            return Outcome.failed(source.diagnostics());
        }
        BoundPolicy bound = binder(source).bind(policy);
        return new Outcome<>(bound.policy(), concat(source.diagnostics(), bound.diagnostics()));
    }

    /** Every policy of {@code program} with its names bound. */
    Outcome<Program> bind(Program program) {
        NameSource.Loaded source = source();
        if (Diagnostics.anyErrors(source.diagnostics())) {
            return Outcome.failed(source.diagnostics());
        }
        BoundProgram bound = binder(source).bind(program);
        return new Outcome<>(bound.program(), concat(source.diagnostics(), bound.diagnostics()));
    }

    /** As {@link #bind(Program)} when names were given; else every name bound to a stand-in address. */
    Outcome<Program> bindOrStandIns(Program program) {
        if (settings.namesGiven()) {
            return bind(program);
        }
        return StandInNames.bind(program)
                .map(bound -> Outcome.of(bound, ImmutableList.of()))
                .orElseGet(() -> Outcome.failed(ImmutableList.of(Diagnostic.error("stand-in-binding-failed", null,
                        "the policies' names could not be bound to stand-in addresses"))));
    }

    /** The text of the hosts file read so far, by name; empty before it is needed. */
    ImmutableMap<String, String> texts() {
        NameSource.Loaded now = loaded;
        return now == null ? ImmutableMap.of() : now.texts();
    }

    private NameSource.Loaded source() {
        NameSource.Loaded now = loaded;
        if (now == null) {
            synchronized (this) {
                now = loaded;
                if (now == null) {
                    now = settings.names().map(n -> NameSource.load(n, settings.reader())).orElse(NO_SOURCE);
                    loaded = now;
                }
            }
        }
        return now;
    }

    private EndpointBinder binder(NameSource.Loaded source) {
        Optional<NameResolver> names = source.resolver()
                .map(resolver -> name -> answers.computeIfAbsent(NameResolver.normalize(name), resolver::resolve));
        return new EndpointBinder(names, settings.nameservers());
    }

    static ImmutableList<Diagnostic> concat(ImmutableList<Diagnostic> first, ImmutableList<Diagnostic> second) {
        return ImmutableList.<Diagnostic>builder().addAll(first).addAll(second).build();
    }
}
