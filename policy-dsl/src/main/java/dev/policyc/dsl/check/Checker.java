package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.StandInNames;
import dev.policyc.core.ir.Program;
import dev.policyc.dsl.ast.Define;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.load.LoadedSources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The semantic checks of the language and the lowering of the AST to the IR, for a whole
 * compilation: scopes and includes, {@code $name} references, literals, rule shapes, and every
 * warning of the spec; the exact ones, computed on flow sets with names bound to stand-ins, are
 * left for the caller to run on {@link CheckResult#toLint()}. Policies in included files are not compiled (an
 * include brings only defines); policy names are unique across the files the user named.
 */
public final class Checker {

    private Checker() {}

    /** Checks everything {@code sources} holds. Syntax errors already in it also withhold the IR. */
    public static CheckResult check(LoadedSources sources) {
        Diagnostics diagnostics = new Diagnostics();
        Scopes scopes = new Scopes(sources, diagnostics);
        sources.units().keySet().forEach(scopes::fileScope);

        record Target(String file, PolicyDecl policy, Scope scope) {}
        List<Target> targets = new ArrayList<>();
        Map<String, PolicyDecl> byName = new HashMap<>();
        for (String file : sources.roots()) {
            for (PolicyDecl policy : sources.units().get(file).policies()) {
                PolicyDecl earlier = byName.putIfAbsent(policy.name().text(), policy);
                if (earlier != null) {
                    diagnostics.error("duplicate-policy", policy.name().span(),
                            "policy " + policy.name().text() + " is already declared at " + earlier.name().span().fileAndLine(),
                            "policy names are unique across a compilation: rename one of them");
                    continue;
                }
                targets.add(new Target(file, policy, scopes.policyScope(file, policy)));
            }
        }

        Literals literals = new Literals(diagnostics);
        Expander expander = new Expander(diagnostics, literals, scopes.declaredIn());
        scopes.declaredIn().keySet().stream()
                .sorted(java.util.Comparator.comparing((Define d) -> d.span().file())
                        .thenComparingInt(d -> d.span().line()).thenComparingInt(d -> d.span().column()))
                .forEach(expander::validate);

        PolicyLowering lowering = new PolicyLowering(diagnostics, expander);
        Lints lints = new Lints(diagnostics);
        List<PolicyIr> policies = new ArrayList<>();
        List<PolicyIr> toLint = new ArrayList<>();
        for (Target target : targets) {
            PolicyIr ir = lowering.lower(target.policy(), target.scope());
            lints.check(ir);
            policies.add(ir);
            if (!diagnostics.hasErrors()) {
                StandInNames.bind(ir).ifPresent(toLint::add);
            }
        }
        unusedDefines(sources, targets.stream().map(Target::policy).toList(), scopes.declaredIn().keySet(),
                expander.used(), diagnostics);

        boolean errors = diagnostics.hasErrors() || sources.diagnostics().stream().anyMatch(d -> d.isError());
        Optional<Program> program = errors ? Optional.empty() : Optional.of(new Program(ImmutableList.copyOf(policies)));
        return new CheckResult(program, diagnostics.toList(), ImmutableList.copyOf(toLint));
    }

    /**
     * Local defines no rule reaches, and file-level defines of the user's files when the file
     * has policies. A file of only defines is a library for others to include: its defines are
     * not expected to be used by itself.
     */
    private static void unusedDefines(
            LoadedSources sources, List<PolicyDecl> policies, Set<Define> declared, Set<Define> used,
            Diagnostics diagnostics) {
        List<Define> candidates = new ArrayList<>();
        for (String file : sources.roots()) {
            SourceUnit unit = sources.units().get(file);
            if (!unit.policies().isEmpty()) {
                candidates.addAll(unit.defines());
            }
        }
        for (PolicyDecl policy : policies) {
            policy.items().stream().filter(Define.class::isInstance).map(Define.class::cast).forEach(candidates::add);
        }
        for (Define define : candidates) {
            // A define rejected as a duplicate is already an error; calling it unused adds only noise.
            if (declared.contains(define) && !used.contains(define)) {
                diagnostics.warning("unused-define", define.name().span(),
                        "define $" + define.name().text() + " is never used", "remove it, or use it in a rule");
            }
        }
    }
}
