package dev.policyc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where {@code dns} names and {@code resolver} get their addresses at compile time: the options
 * shared by {@code eval}, {@code explain}, {@code diff} and the static targets.
 */
final class NameOptions {

    @Option(names = "--hosts", paramLabel = "FILE",
            description = "Addresses for dns names, in hosts-file format (reproducible).")
    Path hostsFile;

    @Option(names = "--resolve", description = "Ask the system resolver for the addresses of dns names.")
    boolean resolve;

    @Option(names = "--resolver", paramLabel = "ADDR",
            description = "An address of the container's nameserver, for 'resolver' (repeatable).")
    List<String> resolvers = new ArrayList<>();

    /** True when the user said where names get their addresses. */
    boolean given() {
        return hostsFile != null || resolve || !resolvers.isEmpty();
    }
}
