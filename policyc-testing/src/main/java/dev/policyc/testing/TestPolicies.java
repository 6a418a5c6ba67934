package dev.policyc.testing;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.ir.BoundPolicy;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.HostsFileResolver;
import dev.policyc.core.net.NameResolver;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import dev.policyc.dsl.load.SourceReader;
import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads policies for tests, from files or from text, and binds their {@code dns} names and
 * {@code resolver} the way {@code policyc eval --hosts FILE --resolver ADDR} does:
 *
 * <pre>{@code
 * TestPolicies loader = TestPolicies.defaults()
 *         .withHosts(Path.of("policies/hosts"))
 *         .withResolver("10.0.2.3");
 * TestPolicy webapp = loader.load(Path.of("policies/webapp.policy"));
 * TestPolicy inline = TestPolicies.defaults().parse("policy p {\n allow out tcp port 443\n}\n");
 * }</pre>
 *
 * An instance is immutable; the {@code with...} methods return new ones. A policy with errors
 * is a broken test fixture: loading throws an {@link IllegalArgumentException} whose message
 * shows every diagnostic as {@code policyc check} would.
 */
public final class TestPolicies {

    /** The file name that spans of a policy given as text carry. */
    public static final String INLINE_FILE = "inline.policy";

    private final Optional<NameResolver> names;
    private final Optional<ImmutableList<IPAddress>> nameservers;

    private TestPolicies(Optional<NameResolver> names, Optional<ImmutableList<IPAddress>> nameservers) {
        this.names = names;
        this.nameservers = nameservers;
    }

    /** No addresses for {@code dns} names or {@code resolver}: enough for policies that use neither. */
    public static TestPolicies defaults() {
        return new TestPolicies(Optional.empty(), Optional.empty());
    }

    /** Addresses for {@code dns} names from a hosts file, as {@code --hosts FILE}. */
    public TestPolicies withHosts(Path hostsFile) {
        try {
            return withHostsText(hostsFile.toString(), Files.readString(hostsFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hosts file " + hostsFile, e);
        }
    }

    /** Addresses for {@code dns} names from hosts-file text, {@code file} naming it in messages. */
    public TestPolicies withHostsText(String file, String text) {
        HostsFileResolver.Loaded loaded = HostsFileResolver.parse(file, text);
        failOnErrors("hosts file " + file, loaded.diagnostics(), SourceLines.none());
        return new TestPolicies(Optional.of(loaded.resolver()), nameservers);
    }

    /** The addresses {@code resolver} stands for, as {@code --resolver ADDR}. */
    public TestPolicies withResolver(String... addresses) {
        ImmutableList.Builder<IPAddress> parsed = ImmutableList.builder();
        for (String text : addresses) {
            AddressSyntax.Parsed result = AddressSyntax.host(text);
            if (result instanceof AddressSyntax.Bad bad) {
                throw new IllegalArgumentException("resolver address " + text + ": " + bad.message());
            }
            parsed.add(((AddressSyntax.Ok) result).address());
        }
        return new TestPolicies(names, Optional.of(parsed.build()));
    }

    /** The only policy of {@code file}. */
    public TestPolicy load(Path file) {
        return only(loadAll(List.of(file)), file.toString());
    }

    /** The policy called {@code name} in {@code file}. */
    public TestPolicy load(Path file, String name) {
        return named(loadAll(List.of(file)), name, file.toString());
    }

    /** Every policy of every file, in file order. */
    public ImmutableList<TestPolicy> loadAll(Collection<Path> files) {
        List<TestPolicy> all = new ArrayList<>();
        for (Path file : files) {
            FrontendResult result = Frontend.fileSystem().compile(List.of(file));
            all.addAll(bindAll(result, file.toString(), Optional.empty()));
        }
        return ImmutableList.copyOf(all);
    }

    /** The only policy of a policy text (the DSL), as if it were a file named {@link #INLINE_FILE}. */
    public TestPolicy parse(String text) {
        return only(parseAll(text), INLINE_FILE);
    }

    /** Every policy of a policy text. Includes are read relative to the working directory. */
    public ImmutableList<TestPolicy> parseAll(String text) {
        Objects.requireNonNull(text, "text");
        Path inline = Path.of(INLINE_FILE);
        SourceReader files = SourceReader.fileSystem();
        SourceReader reader = path -> path.equals(inline) ? new SourceReader.Text(text, "<inline>") : files.read(path);
        FrontendResult result = Frontend.reading(reader).compile(List.of(inline));
        return bindAll(result, INLINE_FILE, Optional.of(text));
    }

    private ImmutableList<TestPolicy> bindAll(FrontendResult result, String origin, Optional<String> text) {
        failOnErrors(origin, result.diagnostics(), result.sources());
        Program program = result.program().orElseThrow();
        ImmutableList.Builder<TestPolicy> bound = ImmutableList.builder();
        for (PolicyIr policy : program.policies()) {
            BoundPolicy binding = new EndpointBinder(names, nameservers).bind(policy);
            failOnErrors(origin, binding.diagnostics(), result.sources());
            bound.add(new TestPolicy(binding.policy().orElseThrow(), result.sources(), origin,
                    program.policies().size() == 1 ? text : Optional.empty()));
        }
        return bound.build();
    }

    private static TestPolicy only(List<TestPolicy> policies, String origin) {
        if (policies.size() != 1) {
            throw new IllegalArgumentException(origin + " has " + policies.size() + " policies ("
                    + String.join(", ", policies.stream().map(TestPolicy::name).toList()) + "); name the one to load");
        }
        return policies.get(0);
    }

    private static TestPolicy named(List<TestPolicy> policies, String name, String origin) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy '" + name + "' in " + origin + "; it has: "
                        + String.join(", ", policies.stream().map(TestPolicy::name).toList())));
    }

    private static void failOnErrors(String origin, List<Diagnostic> diagnostics, SourceLines sources) {
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException(origin + " is not a valid test fixture:\n"
                    + new DiagnosticPrinter(sources).render(diagnostics));
        }
    }
}
