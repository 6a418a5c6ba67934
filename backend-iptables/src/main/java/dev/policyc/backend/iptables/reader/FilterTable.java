package dev.policyc.backend.iptables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.backend.iptables.reader.Syntax.Command;
import dev.policyc.backend.iptables.reader.Syntax.DeclareChain;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Table filter as a file leaves it when loaded with {@code iptables-restore --noflush}, the way
 * the policy's script loads it. Loading without {@code --noflush} empties the table first; with it,
 * what was there stays: so a built-in chain's rules are known only from a {@code -F} on, and its
 * policy only once the file sets it. Declaring a user chain creates or empties it.
 *
 * @param chains by name, in order of first mention, the built-in ones first
 */
record FilterTable(ImmutableMap<String, Chain> chains) {

    /**
     * One chain at the end of the file.
     *
     * @param policy      a built-in chain's policy, when the file sets it
     * @param policyLine  the declaration that set it
     * @param rulesKnown  false when rules loaded before the file may still be in it, ahead of these
     */
    record Chain(String name, boolean builtIn, Optional<Verdict> policy, Optional<DeclareChain> policyLine,
            boolean rulesKnown, ImmutableList<Syntax.Rule> rules) {}

    /** A chain while the commands run. */
    private static final class Building {
        final String name;
        final boolean builtIn;
        Optional<Verdict> policy = Optional.empty();
        Optional<DeclareChain> policyLine = Optional.empty();
        boolean rulesKnown;
        final List<Syntax.Rule> rules = new ArrayList<>();

        Building(String name, boolean builtIn) {
            this.name = name;
            this.builtIn = builtIn;
            this.rulesKnown = !builtIn;
        }

        void empty() {
            rules.clear();
            rulesKnown = true;
        }

        Chain done() {
            return new Chain(name, builtIn, policy, policyLine, rulesKnown, ImmutableList.copyOf(rules));
        }
    }

    /**
     * The table that {@code commands} leave, with an error for each command iptables-restore
     * would refuse (a chain that does not exist at that point, a jump to a built-in chain, a table
     * left uncommitted, a loop of jumps).
     *
     * @param end where the file ends, for a missing COMMIT
     */
    static FilterTable run(List<Command> commands, SourceSpan end, Diagnostics diagnostics) {
        Map<String, Building> chains = new LinkedHashMap<>();
        RestoreParser.BUILT_IN.forEach(name -> chains.put(name, new Building(name, true)));
        boolean open = false;
        for (Command command : commands) {
            if (command instanceof Syntax.OpenTable) {
                if (open) {
                    diagnostics.error(IptReader.SYNTAX, command.span(), "the table is opened again before COMMIT", "put COMMIT before it");
                }
                open = true;
                continue;
            }
            if (command instanceof Syntax.Commit) {
                if (!open) {
                    diagnostics.error(IptReader.SYNTAX, command.span(), "this COMMIT is outside a table", "remove it, or put *filter before");
                }
                open = false;
                continue;
            }
            if (!open) {
                diagnostics.error(IptReader.SYNTAX, command.span(), "this line is outside a table", "put *filter before it");
                continue;
            }
            apply(command, chains, diagnostics);
        }
        if (open) {
            diagnostics.error(IptReader.SYNTAX, end, "the table is not committed", "end it with a line COMMIT");
        }
        ImmutableMap.Builder<String, Chain> done = ImmutableMap.builder();
        chains.forEach((name, chain) -> done.put(name, chain.done()));
        FilterTable table = new FilterTable(done.build());
        table.reportLoops(diagnostics);
        return table;
    }

    private static void apply(Command command, Map<String, Building> chains, Diagnostics diagnostics) {
        if (command instanceof DeclareChain declare) {
            Building chain = chains.computeIfAbsent(declare.name(), name -> new Building(name, false));
            if (chain.builtIn) {
                if (declare.policy().isPresent()) {
                    chain.policy = declare.policy();
                    chain.policyLine = Optional.of(declare);
                }
            } else {
                chain.empty();
            }
        } else if (command instanceof Syntax.Flush flush) {
            if (flush.chain().isEmpty()) {
                chains.values().forEach(Building::empty);
            } else {
                existing(flush.chain().get(), flush.span(), chains, diagnostics).ifPresent(Building::empty);
            }
        } else if (command instanceof Syntax.Append append) {
            Optional<Building> chain = existing(append.chain(), append.span(), chains, diagnostics);
            if (append.rule().target() instanceof Syntax.Jump jump) {
                Building into = chains.get(jump.chain());
                if (into == null) {
                    diagnostics.error(IptReader.INVALID, jump.span(), "there is no chain " + jump.chain() + " at this point",
                            "declare it before with :" + jump.chain() + " - [0:0]; the reader takes the targets ACCEPT, DROP, RETURN, LOG and user chains");
                    return;
                }
                if (into.builtIn) {
                    diagnostics.error(IptReader.INVALID, jump.span(), "iptables refuses a jump to built-in chain " + jump.chain());
                    return;
                }
            }
            chain.ifPresent(c -> c.rules.add(append.rule()));
        }
    }

    private static Optional<Building> existing(String name, SourceSpan span, Map<String, Building> chains, Diagnostics diagnostics) {
        Building chain = chains.get(name);
        if (chain == null) {
            diagnostics.error(IptReader.INVALID, span, "there is no chain " + name + " at this point, so iptables-restore fails",
                    "declare it before with :" + name + " - [0:0]");
        }
        return Optional.ofNullable(chain);
    }

    /** iptables refuses jumps that lead back to a chain they come from. */
    private void reportLoops(Diagnostics diagnostics) {
        Set<String> done = new HashSet<>();
        for (String name : chains.keySet()) {
            if (findLoop(name, new ArrayList<>(), done, diagnostics)) {
                return;
            }
        }
    }

    private boolean findLoop(String name, List<String> path, Set<String> done, Diagnostics diagnostics) {
        if (done.contains(name)) {
            return false;
        }
        path.add(name);
        for (Syntax.Rule rule : chains.get(name).rules()) {
            if (rule.target() instanceof Syntax.Jump jump) {
                if (path.contains(jump.chain())) {
                    diagnostics.error(IptReader.INVALID, jump.span(), "jumps loop: " + String.join(" -> ", path) + " -> " + jump.chain()
                            + ", which iptables refuses");
                    return true;
                }
                if (findLoop(jump.chain(), path, done, diagnostics)) {
                    return true;
                }
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return false;
    }
}
