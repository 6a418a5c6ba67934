package dev.policyc.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several {@code policyc} command lines in one JVM and discards their output, so that the
 * launcher can record the classes they load in a class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}) and later runs start faster.
 *
 * <p>Arguments are the command lines, separated by a lone {@code ;}. Exit codes are ignored: a
 * failing command still loads the classes that matter. The launcher script owns the list.
 */
public final class CdsTraining {

    static final String SEPARATOR = ";";

    private CdsTraining() {}

    public static void main(String[] args) {
        for (List<String> commandLine : split(args)) {
            PrintWriter sink = new PrintWriter(Writer.nullWriter());
            new Main(sink, sink, InputStream.nullInputStream()).run(commandLine.toArray(String[]::new));
        }
    }

    /** The command lines in {@code args}; empty ones (doubled separators) are dropped. */
    static List<List<String>> split(String... args) {
        List<List<String>> commandLines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(SEPARATOR)) {
                if (!current.isEmpty()) {
                    commandLines.add(List.copyOf(current));
                }
                current = new ArrayList<>();
            } else {
                current.add(arg);
            }
        }
        if (!current.isEmpty()) {
            commandLines.add(List.copyOf(current));
        }
        return commandLines;
    }
}
