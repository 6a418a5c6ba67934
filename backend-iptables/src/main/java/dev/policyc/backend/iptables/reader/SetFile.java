package dev.policyc.backend.iptables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Family;
import dev.policyc.core.verify.ReadFailure;
import inet.ipaddr.IPAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code ipset restore} file of {@code hash:net} sets, as the {@code iptables-ipset}
 * target's {@code NAME.sh} loads it: each set the file creates holds exactly the elements the
 * file adds (the script rebuilds a set that exists already). Lines: empty, {@code # comment},
 * {@code create NAME hash:net [family inet|inet6] [hashsize N] [maxelem N]} and
 * {@code add NAME ELEMENT}; anything else (other commands, types, options, element flags such as
 * {@code nomatch}) is an error at its line, as are a set created twice, an element added twice or
 * to a set not yet created, an element of the other family, a prefix with host bits or of length 0
 * (ipset refuses it), and more elements than {@code maxelem}.
 */
final class SetFile {

    /**
     * One set of the file.
     *
     * @param blocks its elements, in file order
     */
    record DeclaredSet(String name, Family family, ImmutableList<IPAddress> blocks, SourceSpan span) {}

    /** Set names as ipset takes them: at most 31 characters, no blanks. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,31}");
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");
    private static final long DEFAULT_MAXELEM = 65536;

    /** A set while the file is read. */
    private static final class Building {
        final Family family;
        final long maxelem;
        final SourceSpan span;
        final Set<IPAddress> blocks = new LinkedHashSet<>();

        Building(Family family, long maxelem, SourceSpan span) {
            this.family = family;
            this.maxelem = maxelem;
            this.span = span;
        }
    }

    private final String file;
    private final Map<String, Building> sets = new LinkedHashMap<>();

    private SetFile(String file) {
        this.file = file;
    }

    /** The sets of {@code text}, the file {@code file}, by name; each line in error is reported and skipped. */
    static ImmutableMap<String, DeclaredSet> parse(String text, String file, Diagnostics diagnostics) {
        SetFile reading = new SetFile(file);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            try {
                reading.line(Word.split(line, file, i + 1), new SourceSpan(file, i + 1, 1, line.length()));
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
            }
        }
        ImmutableMap.Builder<String, DeclaredSet> done = ImmutableMap.builder();
        reading.sets.forEach((name, set) -> done.put(name,
                new DeclaredSet(name, set.family, ImmutableList.copyOf(set.blocks), set.span)));
        return done.buildOrThrow();
    }

    private void line(List<Word> words, SourceSpan span) {
        if (words.isEmpty()) {
            throw new ReadFailure(IptReader.SYNTAX, span, "a line of blanks is no ipset command", "remove the blanks or the line");
        }
        Word command = words.get(0);
        if (words.stream().anyMatch(Word::quoted)) {
            throw new ReadFailure(IptReader.UNSUPPORTED, span, "the reader takes no quotes in a set file");
        }
        switch (command.text()) {
            case "create" -> create(words, span);
            case "add" -> add(words);
            default -> throw new ReadFailure(IptReader.UNSUPPORTED, command.span(), "the reader does not take the ipset command "
                    + command.shown(), "a set file holds create and add lines");
        }
    }

    private void create(List<Word> words, SourceSpan span) {
        if (words.size() < 3) {
            throw new ReadFailure(IptReader.SYNTAX, span, "create needs a set name and a type");
        }
        Word name = words.get(1);
        if (!NAME.matcher(name.text()).matches()) {
            throw new ReadFailure(IptReader.INVALID, name.span(), name.shown() + " is not a set name ipset takes",
                    "use at most 31 letters, digits and - _ . :");
        }
        if (!words.get(2).text().equals("hash:net")) {
            throw new ReadFailure(IptReader.UNSUPPORTED, words.get(2).span(), "the reader takes sets of type hash:net only, not "
                    + words.get(2).shown());
        }
        Family family = Family.IPV4;
        long maxelem = DEFAULT_MAXELEM;
        Set<String> given = new LinkedHashSet<>();
        for (int at = 3; at < words.size(); at += 2) {
            Word option = words.get(at);
            if (!List.of("family", "hashsize", "maxelem").contains(option.text())) {
                throw new ReadFailure(IptReader.UNSUPPORTED, option.span(), "the reader does not take the create option " + option.shown(),
                        "the reader takes family, hashsize and maxelem");
            }
            if (!given.add(option.text())) {
                throw new ReadFailure(IptReader.INVALID, option.span(), "ipset takes " + option.shown() + " once");
            }
            if (at + 1 >= words.size()) {
                throw new ReadFailure(IptReader.INVALID, option.span(), option.shown() + " needs a value");
            }
            Word value = words.get(at + 1);
            switch (option.text()) {
                case "family" -> family = switch (value.text()) {
                    case "inet" -> Family.IPV4;
                    case "inet6" -> Family.IPV6;
                    default -> throw new ReadFailure(IptReader.INVALID, value.span(), value.shown() + " is no family of a hash:net set",
                            "write inet or inet6");
                };
                case "hashsize" -> number(value);
                default -> maxelem = number(value);
            }
        }
        if (sets.containsKey(name.text())) {
            throw new ReadFailure(IptReader.INVALID, name.span(), "set " + name.text() + " is created twice, which ipset refuses");
        }
        sets.put(name.text(), new Building(family, maxelem, span));
    }

    private void add(List<Word> words) {
        Word command = words.get(0);
        if (words.size() < 3) {
            throw new ReadFailure(IptReader.SYNTAX, command.span(), "add needs a set name and an element");
        }
        if (words.size() > 3) {
            throw new ReadFailure(IptReader.UNSUPPORTED, words.get(3).span(), "the reader takes nothing after an element, found "
                    + words.get(3).shown());
        }
        Word name = words.get(1);
        Building set = sets.get(name.text());
        if (set == null) {
            throw new ReadFailure(IptReader.INVALID, name.span(), "there is no set " + name.text() + " at this point",
                    "create it before its elements");
        }
        Word element = words.get(2);
        IPAddress block = IptValues.block(element, set.family);
        if (block.getPrefixLength() != null && block.getPrefixLength() == 0) {
            throw new ReadFailure(IptReader.INVALID, element.span(), "ipset refuses a block of prefix length 0 in a hash:net set");
        }
        if (!set.blocks.add(block)) {
            throw new ReadFailure(IptReader.INVALID, element.span(), element.shown() + " is added to set " + name.text()
                    + " twice, which ipset refuses");
        }
        if (set.blocks.size() > set.maxelem) {
            set.blocks.remove(block);
            throw new ReadFailure(IptReader.INVALID, element.span(), "set " + name.text() + " holds at most " + set.maxelem
                    + " elements (maxelem), and this is one more", "raise maxelem");
        }
    }

    private static long number(Word value) {
        if (!NUMBER.matcher(value.text()).matches() || Long.parseLong(value.text()) > 0xffffffffL) {
            throw new ReadFailure(IptReader.INVALID, value.span(), value.shown() + " is not a number ipset takes here",
                    "write a decimal number from 1");
        }
        return Long.parseLong(value.text());
    }
}
