package dev.policyc.dsl.yaml;

import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.yaml.YamlNode.Scalar;
import dev.policyc.dsl.yaml.YamlNode.ScalarType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the policy language's words inside YAML scalars: endpoints ({@code host 1.1.1.1}),
 * port items ({@code 8000-8080}), defaults ({@code deny out log}), protocols and names.
 * Literals stay text, exactly as the DSL parser keeps them; only the word structure is read.
 */
final class PolicyWords {

    static final Pattern POLICY_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");
    static final Pattern DEFINE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern RANGE = Pattern.compile("\\s*([0-9]+)\\s*-\\s*([0-9]+)\\s*");
    private static final Pattern REF = Pattern.compile("\\s*\\$(\\S*)\\s*");
    /** A bare address or prefix; the checker says what is wrong with a malformed one. */
    private static final Pattern ADDRESS_LIKE =
            Pattern.compile("[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*(%[^\\s/]*)?(/\\S*)?");
    private static final Pattern DNS_LIKE = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+\\.?");
    private static final List<String> ENDPOINT_KEYWORDS = List.of("host", "cidr", "dns", "resolver", "any");
    private static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp", "icmpv6");
    private static final String ENDPOINT_FORMS =
            "an endpoint is host ADDRESS, cidr PREFIX, dns NAME, resolver, any, $name, or a bare address or prefix";
    private static final String PORT_FORMS = "a port is a number such as 443, a range such as \"8000-8080\", or $name";

    private final SchemaProblems problems;

    PolicyWords(SchemaProblems problems) {
        this.problems = problems;
    }

    Optional<EndpointNode> endpoint(Scalar s) {
        Optional<String> text = text(s, "an endpoint");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String trimmed = text.get().strip();
        if (trimmed.startsWith("$")) {
            return ref(s).map(name -> new EndpointNode.Ref(name, s.span()));
        }
        String[] words = trimmed.split("\\s+", 2);
        String keyword = words[0];
        String rest = words.length > 1 ? words[1] : "";
        switch (keyword) {
            case "host", "cidr" -> {
                if (rest.isEmpty() || rest.contains(" ") || rest.contains("\t")) {
                    problems.error(s.span(), keyword + " takes one " + (keyword.equals("host") ? "address" : "prefix")
                                    + ", found \"" + trimmed + "\"",
                            "write one endpoint per list item, for example [host 1.1.1.1, host 1.0.0.1]");
                    return Optional.empty();
                }
                return Optional.of(keyword.equals("host")
                        ? new EndpointNode.Host(rest, s.span())
                        : new EndpointNode.Cidr(rest, s.span()));
            }
            case "dns" -> {
                return dnsName(s, rest).map(name -> new EndpointNode.Dns(name, s.span()));
            }
            case "resolver", "any" -> {
                if (!rest.isEmpty()) {
                    problems.error(s.span(), keyword + " takes nothing after it, found \"" + trimmed + "\"",
                            "write one endpoint per list item");
                    return Optional.empty();
                }
                return Optional.of(keyword.equals("any") ? new EndpointNode.Any(s.span())
                        : new EndpointNode.Resolver(s.span()));
            }
            default -> {
                if (rest.isEmpty() && ADDRESS_LIKE.matcher(keyword).matches()) {
                    return Optional.of(keyword.contains("/")
                            ? new EndpointNode.Cidr(keyword, s.span())
                            : new EndpointNode.Host(keyword, s.span()));
                }
                problems.error(s.span(), "unknown endpoint \"" + trimmed + "\"", endpointHint(keyword, rest));
                return Optional.empty();
            }
        }
    }

    private static String endpointHint(String keyword, String rest) {
        Optional<String> meant = DidYouMean.closest(keyword, ENDPOINT_KEYWORDS);
        if (meant.isPresent()) {
            return "did you mean \"" + (meant.get() + " " + rest).strip() + "\"?";
        }
        if (rest.isEmpty() && DNS_LIKE.matcher(keyword).matches()) {
            return "write \"dns " + keyword + "\" for a DNS name";
        }
        return ENDPOINT_FORMS;
    }

    /** The name after {@code dns}: one word, or a DSL string with {@code \"} and {@code \\} escapes. */
    private Optional<String> dnsName(Scalar s, String rest) {
        if (rest.isEmpty()) {
            problems.error(s.span(), "dns needs a name", "for example dns api.github.com");
            return Optional.empty();
        }
        if (!rest.startsWith("\"")) {
            if (rest.chars().anyMatch(Character::isWhitespace)) {
                problems.error(s.span(), "dns takes one name, found \"" + rest + "\"",
                        "write one endpoint per list item");
                return Optional.empty();
            }
            return Optional.of(rest);
        }
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                if (i != rest.length() - 1) {
                    problems.error(s.span(), "unexpected text after the quoted dns name",
                            "write one endpoint per list item");
                    return Optional.empty();
                }
                return Optional.of(name.toString());
            }
            if (c == '\\') {
                char escaped = i + 1 < rest.length() ? rest.charAt(i + 1) : ' ';
                if (escaped != '"' && escaped != '\\') {
                    problems.error(s.span(), "unknown escape in the dns name",
                            "inside quotes only \\\" and \\\\ are escapes");
                    return Optional.empty();
                }
                name.append(escaped);
                i++;
            } else {
                name.append(c);
            }
        }
        problems.error(s.span(), "the quoted dns name has no closing quote", "end it with \"");
        return Optional.empty();
    }

    Optional<PortItem> port(Scalar s) {
        if (s.type() == ScalarType.INTEGER) {
            if (DECIMAL.matcher(s.text()).matches()) {
                return Optional.of(new PortItem.Single(s.text(), s.span()));
            }
            problems.error(s.span(), "port " + s.text() + " is not a decimal number", PORT_FORMS);
            return Optional.empty();
        }
        Optional<String> text = text(s, "a port");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        String trimmed = value.strip();
        if (DECIMAL.matcher(trimmed).matches()) {
            return Optional.of(new PortItem.Single(trimmed, s.part(value.indexOf(trimmed), trimmed.length())));
        }
        Matcher range = RANGE.matcher(value);
        if (range.matches()) {
            return Optional.of(new PortItem.Range(
                    range.group(1), s.part(range.start(1), range.group(1).length()),
                    range.group(2), s.part(range.start(2), range.group(2).length()),
                    s.part(range.start(1), range.end(2) - range.start(1))));
        }
        if (trimmed.startsWith("$")) {
            return ref(s).map(name -> new PortItem.Ref(name, s.part(value.indexOf('$'), name.length() + 1)));
        }
        problems.error(s.span(), "not a port: \"" + trimmed + "\"", PORT_FORMS);
        return Optional.empty();
    }

    /** The name of a {@code $name} reference, checked against the define-name rule. */
    private Optional<String> ref(Scalar s) {
        Matcher m = REF.matcher(s.text());
        if (!m.matches() || !DEFINE_NAME.matcher(m.group(1)).matches()) {
            String name = m.matches() ? m.group(1) : s.text().strip().substring(1);
            problems.error(s.span(), "\"$" + name + "\" is not a valid reference",
                    "a reference is $ and a define name: a lower-case letter, then up to 31 lower-case letters,"
                            + " digits or _" + suggestion(name, DEFINE_NAME, '_', 32).map(n -> " ($" + n + ")")
                            .orElse(""));
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    Optional<DefaultDecl> defaultDecl(Scalar s) {
        Optional<String> text = text(s, "a default");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] words = text.get().strip().split("\\s+");
        Verdict verdict = Verdict.ofKeyword(words[0]);
        if (verdict == null) {
            problems.error(s.span(), "a default starts with allow or deny, found \"" + words[0] + "\"",
                    DidYouMean.closest(words[0], List.of("allow", "deny")).map(w -> "did you mean \"" + w + "\"?")
                            .orElse("a default is allow|deny [in|out] [log], for example deny out log"));
            return Optional.empty();
        }
        int next = 1;
        Direction direction = next < words.length ? Direction.ofKeyword(words[next]) : null;
        if (direction != null) {
            next++;
        }
        boolean log = next < words.length && words[next].equals("log");
        if (log) {
            next++;
        }
        if (next < words.length) {
            problems.error(s.span(), "unexpected \"" + words[next] + "\" in default \"" + text.get().strip() + "\"",
                    "a default is allow|deny [in|out] [log], for example deny out log");
            return Optional.empty();
        }
        return Optional.of(new DefaultDecl(verdict, Optional.ofNullable(direction), log, s.span(), Trivia.NONE));
    }

    Optional<Located<Protocol>> protocol(Scalar s) {
        Optional<String> text = text(s, "a protocol");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Protocol protocol = Protocol.ofKeyword(text.get().strip());
        if (protocol == null) {
            problems.error(s.span(), "unknown protocol \"" + text.get() + "\"",
                    DidYouMean.closest(text.get().strip(), PROTOCOLS).map(p -> "did you mean \"" + p + "\"?")
                            .orElse("the protocols are tcp, udp, icmp and icmpv6"));
            return Optional.empty();
        }
        return Optional.of(new Located<>(protocol, s.span()));
    }

    /** Reports a policy name that breaks the language's rule; the AST keeps it either way. */
    void checkPolicyName(Scalar key) {
        checkName(key, POLICY_NAME, "policy name",
                "a lower-case letter, then up to 23 lower-case letters, digits or -", '-', 24);
    }

    /** Reports a define name that breaks the language's rule; the AST keeps it either way. */
    void checkDefineName(Scalar key) {
        checkName(key, DEFINE_NAME, "define name",
                "a lower-case letter, then up to 31 lower-case letters, digits or _", '_', 32);
    }

    private void checkName(Scalar key, Pattern rule, String what, String shape, char joiner, int max) {
        if (!rule.matcher(key.text()).matches()) {
            problems.error(key.span(), "\"" + key.text() + "\" is not a valid " + what,
                    "a " + what + " is " + shape
                            + suggestion(key.text(), rule, joiner, max).map(n -> ", for example \"" + n + "\"")
                            .orElse(""));
        }
    }

    /** A valid name close to {@code name}, if one can be made by lower-casing and replacing. */
    private static Optional<String> suggestion(String name, Pattern rule, char joiner, int max) {
        String lower = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", String.valueOf(joiner));
        String trimmed = lower.replaceAll("^[^a-z]+", "").replaceAll("[-_]+$", "");
        String cut = trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
        return rule.matcher(cut).matches() ? Optional.of(cut) : Optional.empty();
    }

    /**
     * The scalar's text for a place that takes text. Numbers and booleans count as the words
     * they are written as ({@code comment: yes} is the text "yes"); nothing, aliases and tagged
     * values do not.
     */
    Optional<String> text(Scalar s, String what) {
        switch (s.type()) {
            case REJECTED -> {
                return Optional.empty();
            }
            case OTHER -> {
                problems.error(s.span(), "expected " + what + ", found a tagged value", "remove the !tag");
                return Optional.empty();
            }
            default -> {
                if (s.isNothing() || s.text().isBlank()) {
                    problems.error(s.span(), "expected " + what + ", found nothing", null);
                    return Optional.empty();
                }
                return Optional.of(s.text());
            }
        }
    }
}
