package dev.policyc.backend.iptables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads iptables-restore text the way iptables-restore splits it, as far as injection matters:
 * one command a line; a line starting with {@code #} is a comment; outside quotes, blanks separate
 * arguments; inside double quotes a backslash takes the next character as it is and another
 * {@code "} ends the quotes and the argument.
 */
final class IptText {

    private IptText() {}

    /** The arguments of every {@code -A} line, in order. */
    static List<List<String>> appendCommands(String text) {
        List<List<String>> commands = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            List<String> arguments = arguments(line);
            if (!arguments.isEmpty() && arguments.get(0).equals("-A")) {
                commands.add(arguments);
            }
        }
        return commands;
    }

    /**
     * {@code -A} commands by chain, chains in name order: iptables-save lists the chains in an
     * order of its own, and within a chain the order is the rules'.
     */
    static Map<String, List<List<String>>> byChain(List<List<String>> commands) {
        return commands.stream().collect(Collectors.groupingBy(command -> command.get(1), TreeMap::new, Collectors.toList()));
    }

    /** The arguments of one line. */
    static List<String> arguments(String line) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean escaped = false;
        boolean started = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (escaped) {
                    current.append(c);
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    // As in iptables: the closing quote ends the argument, whatever follows.
                    inQuotes = false;
                    arguments.add(current.toString());
                    current.setLength(0);
                    started = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
                started = true;
            } else if (c == ' ' || c == '\t') {
                if (started) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
        if (inQuotes) {
            throw new AssertionError("quotes left open: " + line);
        }
        if (started) {
            arguments.add(current.toString());
        }
        return arguments;
    }

    /** The value after {@code option} in one command, or null. */
    static String valueOf(List<String> command, String option) {
        int at = command.indexOf(option);
        return at < 0 || at + 1 >= command.size() ? null : command.get(at + 1);
    }
}
