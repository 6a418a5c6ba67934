package dev.policyc.backend.iptables.reader;

import dev.policyc.core.verify.ReadFailure;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.backend.iptables.reader.Syntax.Command;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the lines of an iptables-restore file as iptables-restore tells them apart: an empty
 * line is nothing; a line starting with {@code #} is a comment (one starting with blanks is not);
 * {@code *TABLE} opens a table, {@code :CHAIN POLICY [counters]} declares a chain, a line that is
 * exactly {@code COMMIT} commits, and any other line is a command whose arguments are split as
 * {@link Word#split} says. Each line that cannot be read is an error at its place; parsing goes
 * on with the next line so that one run reports them all.
 */
final class RestoreParser {

    /** The built-in chains of table filter. */
    static final ImmutableSet<String> BUILT_IN = ImmutableSet.of("INPUT", "FORWARD", "OUTPUT");

    /** The longest chain name iptables takes. */
    private static final int MAX_CHAIN_NAME = 28;
    private static final ImmutableSet<String> STANDARD_TARGETS = ImmutableSet.of("ACCEPT", "DROP", "QUEUE", "RETURN");
    private static final ImmutableSet<String> OTHER_TABLES = ImmutableSet.of("nat", "mangle", "raw", "security");

    private final String file;
    private final Family family;
    private final Diagnostics diagnostics;
    private final Optional<Map<String, SetFile.DeclaredSet>> sets;

    private RestoreParser(String file, Family family, Optional<Map<String, SetFile.DeclaredSet>> sets, Diagnostics diagnostics) {
        this.file = file;
        this.family = family;
        this.sets = sets;
        this.diagnostics = diagnostics;
    }

    /**
     * The commands of {@code text}, the file {@code file} for {@code family}, in order; rules may
     * match the remote address in {@code sets} ({@code -m set}) when given.
     */
    static ImmutableList<Command> parse(String text, String file, Family family, Optional<Map<String, SetFile.DeclaredSet>> sets,
            Diagnostics diagnostics) {
        return new RestoreParser(file, family, sets, diagnostics).lines(text);
    }

    private ImmutableList<Command> lines(String text) {
        List<Command> commands = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            SourceSpan span = new SourceSpan(file, i + 1, 1, line.length());
            try {
                commands.add(line(line, i + 1, span));
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
            }
        }
        return ImmutableList.copyOf(commands);
    }

    private Command line(String line, int number, SourceSpan span) {
        if (line.equals("COMMIT")) {
            return new Syntax.Commit(span);
        }
        if (line.charAt(0) == '*') {
            return table(line.substring(1), span);
        }
        if (line.charAt(0) == ':') {
            return chain(line, span);
        }
        List<Word> words = Word.split(line, file, number);
        if (words.isEmpty()) {
            throw new ReadFailure(IptReader.SYNTAX, span, "a line of blanks is no command, which iptables-restore refuses",
                    "remove the blanks or the line");
        }
        Word command = words.get(0);
        if (command.is("-A")) {
            if (words.size() < 2) {
                throw new ReadFailure(IptReader.INVALID, command.span(), "-A needs a chain");
            }
            String chain = words.get(1).text();
            return new Syntax.Append(chain, words.get(1).span(),
                    RuleParser.parse(words.subList(2, words.size()), family, chain, sets, span, line));
        }
        if (command.is("-F")) {
            if (words.size() > 2) {
                throw new ReadFailure(IptReader.SYNTAX, words.get(2).span(), "-F takes one chain at most, found " + words.get(2).shown());
            }
            return new Syntax.Flush(words.size() == 2 ? Optional.of(words.get(1).text()) : Optional.empty(), span);
        }
        if (!command.quoted() && command.text().startsWith("-")) {
            throw new ReadFailure(IptReader.UNSUPPORTED, command.span(), "the reader does not take the command " + command.shown(),
                    "the reader takes -A and -F");
        }
        throw new ReadFailure(IptReader.SYNTAX, command.span(), command.shown() + " is not a command", "a command line starts with -A or -F");
    }

    /** {@code *filter}; other tables are not what a policy's file holds. */
    private Command table(String name, SourceSpan span) {
        if (name.equals("filter")) {
            return new Syntax.OpenTable(span);
        }
        if (OTHER_TABLES.contains(name)) {
            throw new ReadFailure(IptReader.UNSUPPORTED, span, "the reader takes table filter only, not " + name);
        }
        throw new ReadFailure(IptReader.SYNTAX, span, "'*" + name + "' does not open a table the reader knows", "write *filter");
    }

    /** {@code :NAME POLICY} or {@code :NAME POLICY [packets:bytes]}, split on blanks as iptables-restore does. */
    private Command chain(String line, SourceSpan span) {
        String[] parts = line.substring(1).trim().split("[ \t]+", -1);
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new ReadFailure(IptReader.SYNTAX, span, "a chain is declared as ':NAME POLICY [packets:bytes]'");
        }
        if (parts.length > 3 || (parts.length == 3 && !IptValues.isCounters(parts[2]))) {
            // iptables-restore ignores what follows the policy unless it is run with --counters.
            throw new ReadFailure(IptReader.UNSUPPORTED, span, "the reader takes nothing after a chain's policy but its counters",
                    "write [0:0], or nothing");
        }
        String name = parts[0];
        String policy = parts[1];
        if (name.length() > MAX_CHAIN_NAME) {
            throw new ReadFailure(IptReader.INVALID, span, "chain name " + name + " is longer than " + MAX_CHAIN_NAME
                    + " characters, which iptables refuses");
        }
        if (STANDARD_TARGETS.contains(name)) {
            throw new ReadFailure(IptReader.INVALID, span, "a chain may not be called " + name + ", the name of a target");
        }
        if (BUILT_IN.contains(name)) {
            Optional<Verdict> verdict = switch (policy) {
                case "ACCEPT" -> Optional.of(Verdict.ALLOW);
                case "DROP" -> Optional.of(Verdict.DENY);
                case "-" -> Optional.empty();
                default -> throw new ReadFailure(IptReader.INVALID, span, "'" + policy + "' is no policy of a built-in chain",
                        "write ACCEPT or DROP");
            };
            return new Syntax.DeclareChain(name, span, verdict, line);
        }
        if (!policy.equals("-")) {
            throw new ReadFailure(IptReader.UNSUPPORTED, span, "user chain " + name + " is declared with policy " + policy
                    + ", which only built-in chains have", "write '-'");
        }
        return new Syntax.DeclareChain(name, span, Optional.empty(), line);
    }
}
