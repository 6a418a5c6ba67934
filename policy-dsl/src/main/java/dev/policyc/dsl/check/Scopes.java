package dev.policyc.dsl.check;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.dsl.ast.Define;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.load.LoadedSources;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the scopes of a compilation. A file sees its own top-level defines and, transitively,
 * those of the files it includes; all of them share one name space, so the same name defined
 * twice is an error. A policy sees its file's scope plus its own defines, which may shadow
 * file-level ones (with a warning).
 */
final class Scopes {

    private final LoadedSources sources;
    private final Diagnostics diagnostics;
    private final Map<String, Scope> fileScopes = new HashMap<>();
    private final Map<Define, Scope> declaredIn = new IdentityHashMap<>();

    Scopes(LoadedSources sources, Diagnostics diagnostics) {
        this.sources = sources;
        this.diagnostics = diagnostics;
    }

    /** The scope in which each define seen so far was declared (its body is resolved there). */
    Map<Define, Scope> declaredIn() {
        return declaredIn;
    }

    /** The scope of {@code file}'s top level; computed once per file. */
    Scope fileScope(String file) {
        Scope done = fileScopes.get(file);
        if (done != null) {
            return done;
        }
        Map<String, Define> visible = new LinkedHashMap<>();
        for (String included : sources.includes().get(file)) {
            for (Map.Entry<String, Define> e : fileScope(included).defines().entrySet()) {
                Define other = visible.get(e.getKey());
                if (other == null) {
                    visible.put(e.getKey(), e.getValue());
                } else if (other != e.getValue()) {
                    diagnostics.error("duplicate-define", e.getValue().name().span(),
                            "define $" + e.getKey() + " is also defined at " + other.name().span().fileAndLine()
                                    + ", and " + file + " includes both",
                            "rename one of them");
                }
            }
        }
        Map<String, Define> own = new HashMap<>();
        for (Define define : sources.units().get(file).defines()) {
            String name = define.name().text();
            Define earlier = own.get(name);
            if (earlier != null) {
                duplicate(define, earlier);
                continue;
            }
            Define included = visible.get(name);
            if (included != null) {
                diagnostics.error("duplicate-define", define.name().span(),
                        "define $" + name + " is already defined at " + included.name().span().fileAndLine()
                                + ", in an included file",
                        "rename this define, or remove it and use the included one");
                continue;
            }
            own.put(name, define);
            visible.put(name, define);
        }
        Scope scope = new Scope(visible);
        own.values().forEach(d -> declaredIn.put(d, scope));
        fileScopes.put(file, scope);
        return scope;
    }

    /** The scope inside {@code policy} of {@code file}: its local defines over the file's scope. */
    Scope policyScope(String file, PolicyDecl policy) {
        Scope outer = fileScope(file);
        Map<String, Define> visible = new LinkedHashMap<>(outer.defines());
        Map<String, Define> local = new HashMap<>();
        for (var item : policy.items()) {
            if (!(item instanceof Define define)) {
                continue;
            }
            String name = define.name().text();
            Define earlier = local.get(name);
            if (earlier != null) {
                duplicate(define, earlier);
                continue;
            }
            outer.lookup(name).ifPresent(shadowed -> diagnostics.warning("shadowed-define", define.name().span(),
                    "define $" + name + " shadows the file-level define at " + shadowed.name().span().fileAndLine(),
                    "rename it if the policy should see the file-level one"));
            local.put(name, define);
            visible.put(name, define);
        }
        Scope scope = new Scope(visible);
        local.values().forEach(d -> declaredIn.put(d, scope));
        return scope;
    }

    private void duplicate(Define define, Define earlier) {
        diagnostics.error("duplicate-define", define.name().span(),
                "define $" + define.name().text() + " is already defined at " + earlier.name().span().fileAndLine(),
                "rename or remove one of them");
    }
}
