package dev.policyc.backend.iptables.reader;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.verify.ArtifactReader;
import dev.policyc.core.verify.ReadResult;
import java.util.List;

/**
 * Reads {@code NAME.v4.rules} and {@code NAME.v6.rules} back into the flows they accept, to verify
 * the {@code iptables} target. It shares no code with the emitter ({@code dev.policyc.backend.iptables}):
 * it has its own tokenizer, parser and simulator for the iptables-restore syntax a policy's files
 * use, so that a mistake in the emitter is not repeated when reading.
 *
 * <p>Read: {@code *filter}, {@code :CHAIN POLICY [packets:bytes]}, {@code -F [CHAIN]},
 * {@code COMMIT}, and {@code -A CHAIN} rules made of {@code -s|-d ADDRESS[/LENGTH]},
 * {@code -p NAME|NUMBER}, {@code -i|-o lo}, {@code -m conntrack --ctstate},
 * {@code -m tcp|udp [--dport N[:M]]}, {@code -m multiport --dports}, {@code -m icmp --icmp-type},
 * {@code -m icmp6 --icmpv6-type}, {@code -m comment --comment}, and
 * {@code -j ACCEPT|DROP|RETURN|LOG [--log-prefix P]|CHAIN}. Anything else is an error at its line.
 *
 * <p>The two files of policy NAME make one meaning: the IPv4 flows from the v4 file (read as
 * iptables-restore reads it), the IPv6 flows from the v6 file (as ip6tables-restore does). Both
 * must be there, or IPv6 (or IPv4) would be left to whatever the system had. The files are read as
 * loaded with {@code --noflush}, as {@code NAME.sh} loads them; the script itself is not read.
 * Rules outside the flow model (loopback, conntrack states without NEW, ICMP types other than
 * echo-request) match no flow of it and so decide nothing.
 */
public final class IptReader implements ArtifactReader {

    /** The target this reads, spelled here rather than taken from the emitter. */
    public static final String TARGET = "iptables";

    /** Text that iptables-restore refuses as syntax: a bad argument, a line outside a table, no COMMIT. */
    public static final String SYNTAX = "ipt-read-syntax";
    /** iptables-restore syntax the reader does not take, or that iptables would bend (octal numbers, masked host bits). */
    public static final String UNSUPPORTED = "ipt-read-unsupported";
    /** Something iptables refuses: a chain that does not exist, a match without its protocol, a port above 65535. */
    public static final String INVALID = "ipt-read-invalid";
    /** A match on something the flow model does not have (the container's own address, source ports, interfaces). */
    public static final String OUTSIDE_MODEL = "ipt-read-outside-model";
    /** Files that do not make one policy's pair, or that leave its chains to what was loaded before. */
    public static final String LAYOUT = "ipt-read-layout";

    /** For {@link java.util.ServiceLoader}. */
    public IptReader() {}

    @Override
    public String targetId() {
        return TARGET;
    }

    @Override
    public ReadResult read(List<Artifact> artifacts) {
        return PolicyFilesReader.read(artifacts, false);
    }
}
