package dev.policyc.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.SystemResolver;
import dev.policyc.core.verify.ArtifactReaders;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.load.SourceReader;
import inet.ipaddr.IPAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * policyc as a library: the one entry point. Configure it once with {@link #builder()}, then
 * compile policies from files or strings; each {@link Compilation} answers every later question
 * (verdicts of flows, exact meaning, firewall rules for a target, proof of equivalence) with an
 * immutable result that carries its diagnostics.
 *
 * <pre>{@code
 * Policyc policyc = Policyc.builder()
 *         .hostsFile(Path.of("hosts"))      // addresses for dns "..." names
 *         .resolver("10.0.2.3")             // the container's nameserver, for 'resolver'
 *         .build();
 * Compilation compilation = policyc.compileFile(Path.of("webapp.policy"));
 * if (compilation.hasErrors()) {
 *     System.err.print(compilation.render(compilation.diagnostics()));
 * }
 * Verdict verdict = compilation.evaluate("webapp", "out tcp 10.20.1.5 5432").orElseThrow().verdict();
 * Emission rules = compilation.emit("nftables");
 * }</pre>
 *
 * <p>Targets are found with {@link java.util.ServiceLoader}: put the backends you want
 * ({@code dev.policyc:backend-nftables}, {@code backend-iptables}, {@code backend-hookjson}) on
 * the class path as runtime dependencies; {@link #targets()} lists those found.
 *
 * <p>A {@code Policyc} is immutable and may be shared between threads. It never prints, never
 * exits and never throws for bad policies: problems are {@link dev.policyc.core.diag.Diagnostic}s.
 */
public final class Policyc {

    private final Settings settings;

    private Policyc(Settings settings) {
        this.settings = settings;
    }

    /** A builder with the defaults: files read from the file system, no name sources, backends from the class path. */
    public static Builder builder() {
        return new Builder();
    }

    /** Compiles one policy file (DSL, or YAML when it ends in {@code .yaml}/{@code .yml}) and the files it includes. */
    public Compilation compileFile(Path file) {
        return compileFiles(List.of(file));
    }

    /** Compiles several policy files as one compilation: policy names are unique across them. */
    public Compilation compileFiles(List<Path> files) {
        return compile(settings.reader(), ImmutableList.copyOf(files));
    }

    /**
     * Compiles policy text held in memory.
     *
     * @param name the file name it goes by in diagnostics; its extension chooses the syntax
     *             ({@code .yaml}/{@code .yml} for YAML, anything else for the DSL), and its
     *             {@code include}s are read relative to it through the configured source reader
     * @param text the policy text
     */
    public Compilation compileString(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Path path = Path.of(name);
        SourceReader base = settings.reader();
        SourceReader withText = file -> file.equals(path)
                ? new SourceReader.Text(text, "memory:" + name)
                : base.read(file);
        return compile(withText, ImmutableList.of(path));
    }

    private Compilation compile(SourceReader reader, ImmutableList<Path> files) {
        return Compilation.of(settings, Frontend.reading(reader).compileLintingLater(files));
    }

    /** The ids of the targets found ({@code iptables}, {@code nftables}, {@code oci-hook}...), sorted. */
    public ImmutableSortedSet<String> targets() {
        return settings.backends().ids();
    }

    /** The targets whose output can be read back and proved equivalent by {@link Compilation#verify()}, sorted. */
    public ImmutableSortedSet<String> verifiableTargets() {
        return settings.verifiableTargets();
    }

    /**
     * Collects the options of a {@link Policyc}. Name sources matter only to steps that need
     * addresses (evaluation, meaning, emission for static targets, verification); without one,
     * {@code dns} names and {@code resolver} are errors there, except in {@link Compilation#verify()},
     * which then binds them to stand-in addresses.
     */
    public static final class Builder {

        private SourceReader reader = SourceReader.fileSystem();
        private Optional<NameSource> names = Optional.empty();
        private Optional<List<IPAddress>> nameservers = Optional.empty();
        private boolean paranoid;
        private ClassLoader classLoader = Policyc.class.getClassLoader();
        private Optional<Backends> backends = Optional.empty();
        private Optional<ArtifactReaders> readers = Optional.empty();
        private EmitOptions emitOptions = EmitOptions.defaults();

        private Builder() {}

        /**
         * Addresses for {@code dns} names from a file in {@code /etc/hosts} format, read through the
         * source reader when a compilation first needs them. Reproducible; replaces any other name source.
         */
        public Builder hostsFile(Path file) {
            names = Optional.of(new NameSource.HostsFile(Objects.requireNonNull(file, "file")));
            return this;
        }

        /** Addresses for {@code dns} names from hosts-file text; {@code name} labels its diagnostics. */
        public Builder hosts(String name, String text) {
            names = Optional.of(new NameSource.HostsText(name, text));
            return this;
        }

        /** Addresses for {@code dns} names from the system resolver, at compile time; replaces any other name source. */
        public Builder resolveWithSystem() {
            return nameResolver(new SystemResolver());
        }

        /** Addresses for {@code dns} names from {@code resolver}; replaces any other name source. */
        public Builder nameResolver(NameResolver resolver) {
            names = Optional.of(new NameSource.Custom(Objects.requireNonNull(resolver, "resolver")));
            return this;
        }

        /**
         * Adds an address of the container's nameserver, which {@code resolver} in a policy stands for.
         *
         * @throws IllegalArgumentException if {@code address} is not a single IPv4 or IPv6 address in
         *                                  the policy language's syntax; the message says why
         */
        public Builder resolver(String address) {
            AddressSyntax.Parsed parsed = AddressSyntax.host(Objects.requireNonNull(address, "address"));
            if (parsed instanceof AddressSyntax.Bad bad) {
                throw new IllegalArgumentException(bad.message());
            }
            List<IPAddress> all = new ArrayList<>(nameservers.orElse(List.of()));
            all.add(((AddressSyntax.Ok) parsed).address());
            nameservers = Optional.of(all);
            return this;
        }

        /** The addresses of the container's nameservers; an empty collection means it has none. */
        public Builder resolvers(Collection<IPAddress> addresses) {
            nameservers = Optional.of(List.copyOf(addresses));
            return this;
        }

        /** After every optimizer pass, prove the meaning unchanged (slower; an error names a broken pass). */
        public Builder paranoid(boolean on) {
            paranoid = on;
            return this;
        }

        /** Where policy files, their includes and the hosts file come from (default: the file system). */
        public Builder sourceReader(SourceReader sourceReader) {
            reader = Objects.requireNonNull(sourceReader, "sourceReader");
            return this;
        }

        /** The class loader whose backends and artifact readers are found (default: policyc's own). */
        public Builder classLoader(ClassLoader loader) {
            classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** An explicit list of backends instead of those found on the class path. */
        public Builder backends(Backends explicit) {
            backends = Optional.of(explicit);
            return this;
        }

        /** An explicit list of artifact readers (for verification) instead of those found on the class path. */
        public Builder artifactReaders(ArtifactReaders explicit) {
            readers = Optional.of(explicit);
            return this;
        }

        /** What every backend is told besides the program (default: {@link EmitOptions#defaults()}). */
        public Builder emitOptions(EmitOptions options) {
            emitOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The configured {@code Policyc}. Backends and readers are discovered when first needed, once. */
        public Policyc build() {
            // Copies, so that changing this builder later changes no Policyc built from it.
            ClassLoader loader = classLoader;
            Optional<Backends> givenBackends = backends;
            Optional<ArtifactReaders> givenReaders = readers;
            return new Policyc(new Settings(
                    reader,
                    names,
                    nameservers.map(ImmutableList::copyOf),
                    paranoid,
                    () -> givenBackends.orElseGet(() -> Backends.discover(loader)),
                    () -> givenReaders.orElseGet(() -> ArtifactReaders.discover(loader)),
                    emitOptions));
        }
    }
}
