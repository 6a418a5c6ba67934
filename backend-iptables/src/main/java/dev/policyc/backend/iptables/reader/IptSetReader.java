package dev.policyc.backend.iptables.reader;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.verify.ArtifactReader;
import dev.policyc.core.verify.ReadResult;
import java.util.List;

/**
 * Reads the {@code iptables-ipset} target's files back into the flows they accept: as
 * {@link IptReader} reads {@code NAME.v4.rules} and {@code NAME.v6.rules}, and also
 * {@code NAME.ipset} ({@code ipset restore} format: {@code create} and {@code add} lines of
 * {@code hash:net} sets), whose sets the rules match with {@code -m set --match-set NAME dst}
 * (going out) or {@code src} (coming in). The files are read as {@code NAME.sh} loads them: each
 * set holds exactly the elements the file adds. Like {@link IptReader}, it shares no code with
 * the emitter.
 */
public final class IptSetReader implements ArtifactReader {

    /** The target this reads, spelled here rather than taken from the emitter. */
    public static final String TARGET = "iptables-ipset";

    /** For {@link java.util.ServiceLoader}. */
    public IptSetReader() {}

    @Override
    public String targetId() {
        return TARGET;
    }

    @Override
    public ReadResult read(List<Artifact> artifacts) {
        return PolicyFilesReader.read(artifacts, true);
    }
}
