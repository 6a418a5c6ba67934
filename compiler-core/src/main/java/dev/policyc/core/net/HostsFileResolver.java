package dev.policyc.core.net;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.net.LineWords.Word;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Objects;

/**
 * A {@link NameResolver} that answers from the text of a hosts file ({@code --hosts FILE}), so
 * that {@code dns} endpoints bind the same way on every machine.
 *
 * <p>The format is that of {@code /etc/hosts}: {@code ADDRESS NAME [ALIASES...]} separated by
 * spaces or tabs, {@code #} to the end of the line a comment, blank lines ignored. A name listed
 * on several lines has all their addresses, of both families. Addresses follow the policy
 * language's strict syntax ({@link AddressSyntax#host}); a malformed line is reported and
 * skipped, the other lines still count.
 */
public final class HostsFileResolver implements NameResolver {

    /** The code of every diagnostic about a hosts file. */
    public static final String DIAGNOSTIC_CODE = "hosts-file";

    private final String file;
    /** Normalized name to its addresses, in file order. */
    private final ImmutableListMultimap<String, IPAddress> addressesByName;

    private HostsFileResolver(String file, ImmutableListMultimap<String, IPAddress> addressesByName) {
        this.file = file;
        this.addressesByName = addressesByName;
    }

    /**
     * What came of reading a hosts file: a resolver built from its good lines, and a
     * {@code hosts-file} error for each bad one.
     */
    public record Loaded(HostsFileResolver resolver, ImmutableList<Diagnostic> diagnostics) {
        public Loaded {
            Objects.requireNonNull(resolver, "resolver");
            diagnostics = ImmutableList.copyOf(diagnostics);
        }
    }

    /**
     * Reads hosts-file text.
     *
     * @param file the file as the user named it, for the spans of diagnostics
     * @param text its contents
     */
    public static Loaded parse(String file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Diagnostics diagnostics = new Diagnostics();
        ImmutableListMultimap.Builder<String, IPAddress> names = ImmutableListMultimap.builder();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(file, i + 1, lines[i], names, diagnostics);
        }
        return new Loaded(new HostsFileResolver(file, names.build()), diagnostics.toList());
    }

    private static void parseLine(
            String file, int lineNumber, String line, ImmutableListMultimap.Builder<String, IPAddress> names,
            Diagnostics diagnostics) {
        List<Word> words = LineWords.of(line);
        if (words.isEmpty()) {
            return;
        }
        Word first = words.get(0);
        SourceSpan addressSpan = new SourceSpan(file, lineNumber, first.column(), first.text().length());
        AddressSyntax.Parsed parsed = AddressSyntax.host(first.text());
        if (parsed instanceof AddressSyntax.Bad bad) {
            diagnostics.add(Diagnostic.error(DIAGNOSTIC_CODE, addressSpan, bad.message()).withHint(bad.hint()));
            return;
        }
        if (words.size() == 1) {
            diagnostics.error(DIAGNOSTIC_CODE, addressSpan, "no host name after address '" + first.text() + "'",
                    "write the name after the address, as in '" + first.text() + " host.example.com'");
            return;
        }
        IPAddress address = ((AddressSyntax.Ok) parsed).address();
        for (Word name : words.subList(1, words.size())) {
            String normalized = NameResolver.normalize(name.text());
            if (normalized.isEmpty()) {
                diagnostics.error(DIAGNOSTIC_CODE, new SourceSpan(file, lineNumber, name.column(), name.text().length()),
                        "'" + name.text() + "' is not a host name", "remove it or write a name such as 'host.example.com'");
                continue;
            }
            names.put(normalized, address);
        }
    }

    @Override
    public Resolution resolve(String name) {
        ImmutableList<IPAddress> found = addressesByName.get(NameResolver.normalize(name));
        if (found.isEmpty()) {
            return new Resolution.NoAddresses("not listed in hosts file " + file);
        }
        return new Resolution.Addresses(found);
    }

    /** Every name the file lists, normalized (lower case, no trailing dot). */
    public ImmutableSet<String> names() {
        return addressesByName.keySet();
    }
}
