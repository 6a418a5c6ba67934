package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.diag.Suggestions;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.dsl.ast.Define;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replaces {@code $name} references by what the defines hold, in the scope where each define
 * was declared. Reports undefined names (with did-you-mean), references of the wrong kind and
 * cycles, and remembers which defines were used.
 */
final class Expander {

    /**
     * The addresses an endpoint list stands for.
     *
     * @param any       true when the list contains {@code any}: every address of both families
     * @param endpoints the other endpoints, in order
     */
    record Net(boolean any, ImmutableList<Endpoint> endpoints) {
        static final Net EMPTY = new Net(false, ImmutableList.of());
    }

    private final Diagnostics diagnostics;
    private final Literals literals;
    private final Map<Define, Scope> declaredIn;
    /** Defines named directly by rules. */
    private final Set<Define> usedByRules = Collections.newSetFromMap(new IdentityHashMap<>());
    /** For each define, the defines its body names. */
    private final Map<Define, Set<Define>> references = new IdentityHashMap<>();
    private final Map<Define, Net> nets = new IdentityHashMap<>();
    private final Map<Define, List<Literals.Ports>> ports = new IdentityHashMap<>();
    private final Deque<Define> expanding = new ArrayDeque<>();
    private final Set<Define> inReportedCycle = Collections.newSetFromMap(new IdentityHashMap<>());

    Expander(Diagnostics diagnostics, Literals literals, Map<Define, Scope> declaredIn) {
        this.diagnostics = diagnostics;
        this.literals = literals;
        // By identity: a define's record hash would walk its whole body, 10,000 addresses and all.
        this.declaredIn = new IdentityHashMap<>(declaredIn);
    }

    /** Checks a define's body, whether or not a rule uses it, so that its errors are reported. */
    void validate(Define define) {
        if (define instanceof NetDefine net) {
            expandNet(net);
        } else {
            expandPorts((PortsDefine) define);
        }
    }

    /** The defines reachable from the rules expanded so far, directly or through other defines. */
    Set<Define> used() {
        Set<Define> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Define> work = new ArrayDeque<>(usedByRules);
        while (!work.isEmpty()) {
            Define d = work.pop();
            if (reached.add(d)) {
                work.addAll(references.getOrDefault(d, Set.of()));
            }
        }
        return reached;
    }

    Net net(List<EndpointNode> nodes, Scope scope) {
        boolean any = false;
        List<Endpoint> endpoints = new ArrayList<>();
        for (EndpointNode node : nodes) {
            Net one = net(node, scope);
            any |= one.any();
            endpoints.addAll(one.endpoints());
        }
        return new Net(any, ImmutableList.copyOf(endpoints));
    }

    Net net(EndpointNode node, Scope scope) {
        if (node instanceof EndpointNode.Any) {
            return new Net(true, ImmutableList.of());
        }
        if (node instanceof EndpointNode.Resolver r) {
            return new Net(false, ImmutableList.of(new Endpoint.Resolver(r.span())));
        }
        if (node instanceof EndpointNode.Ref ref) {
            return reference(ref.name(), ref.span(), "net", scope)
                    .map(define -> expandNet((NetDefine) define))
                    .orElse(Net.EMPTY);
        }
        return literals.endpoint(node)
                .map(e -> new Net(false, ImmutableList.of(e)))
                .orElse(Net.EMPTY);
    }

    List<Literals.Ports> ports(List<PortItem> items, Scope scope) {
        List<Literals.Ports> out = new ArrayList<>();
        for (PortItem item : items) {
            if (item instanceof PortItem.Ref ref) {
                reference(ref.name(), ref.span(), "ports", scope)
                        .ifPresent(define -> out.addAll(expandPorts((PortsDefine) define)));
            } else {
                literals.ports(item).ifPresent(out::add);
            }
        }
        return out;
    }

    private Net expandNet(NetDefine define) {
        Net done = nets.get(define);
        if (done != null) {
            return done;
        }
        if (cycleAt(define)) {
            return Net.EMPTY;
        }
        expanding.push(define);
        Net net = net(define.endpoints(), declaredIn.get(define));
        expanding.pop();
        nets.put(define, net);
        return net;
    }

    private List<Literals.Ports> expandPorts(PortsDefine define) {
        List<Literals.Ports> done = ports.get(define);
        if (done != null) {
            return done;
        }
        if (cycleAt(define)) {
            return List.of();
        }
        expanding.push(define);
        List<Literals.Ports> list = List.copyOf(ports(define.ports(), declaredIn.get(define)));
        expanding.pop();
        ports.put(define, list);
        return list;
    }

    /** True (after reporting the cycle once) when {@code define} is already being expanded. */
    private boolean cycleAt(Define define) {
        if (!expanding.contains(define)) {
            return false;
        }
        List<Define> chain = new ArrayList<>(expanding);
        Collections.reverse(chain);
        chain = chain.subList(chain.indexOf(define), chain.size());
        if (Collections.disjoint(inReportedCycle, chain)) {
            inReportedCycle.addAll(chain);
            String path = chain.stream().map(d -> "$" + d.name().text()).collect(Collectors.joining(" -> "))
                    + " -> $" + define.name().text();
            diagnostics.error("define-cycle", define.name().span(),
                    "define $" + define.name().text() + " refers to itself: " + path,
                    "break the cycle: a define may only use defines that do not use it");
        }
        return true;
    }

    private Optional<Define> reference(String name, SourceSpan span, String kind, Scope scope) {
        Optional<Define> found = scope.lookup(name);
        if (found.isEmpty()) {
            String hint = Suggestions.closest(name, scope.namesOfKind(kind))
                    .map(s -> "did you mean $" + s + "?")
                    .orElse("define it first: define " + kind + " " + name + " = ...");
            diagnostics.error("undefined-name", span, "undefined name $" + name, hint);
            return Optional.empty();
        }
        Define define = found.get();
        if (expanding.isEmpty()) {
            usedByRules.add(define);
        } else {
            references.computeIfAbsent(expanding.peek(), d -> Collections.newSetFromMap(new IdentityHashMap<>()))
                    .add(define);
        }
        if (!define.kind().equals(kind)) {
            String wanted = kind.equals("net") ? "an endpoint" : "a port";
            diagnostics.error("wrong-define-kind", span,
                    "$" + name + " is a '" + define.kind() + "' define (" + define.span().fileAndLine()
                            + "), but " + wanted + " is expected here",
                    "use a 'define " + kind + "' name here");
            return Optional.empty();
        }
        return found;
    }
}
