package dev.policyc.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Output and error buffers for a {@link Main} that is run more than once. */
final class StringWriterPair {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    Main main(List<SubcommandFactory> subcommands) {
        return new Main(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                CliEnvironment.of(Map.of(), false), subcommands);
    }

    String err() {
        return err.toString();
    }

    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
