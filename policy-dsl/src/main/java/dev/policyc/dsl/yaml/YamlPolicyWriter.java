package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes an AST as canonical YAML in the format of {@code docs/yaml.md}, so that
 * {@link YamlPolicyReader#parse} gives back the same AST but for spans and trivia.
 *
 * <p>Canonical means: keys in the order {@code include, nets, ports, policies} (and
 * {@code nets, ports, default, rules} in a policy), a list of one item written as the item,
 * endpoints in their keyword forms ({@code host 1.1.1.1}). YAML groups statements by kind, so
 * a DSL file that interleaves defines and policies comes back grouped, each kind in its order.
 * Comments (trivia) are not written. Built with Jackson's YAML generator, never by hand.
 *
 * <p>Any string is written faithfully, whatever quotes, backslashes, line breaks or control
 * characters it holds; only a lone UTF-16 surrogate, which no text read from a file can hold,
 * is refused with an {@link IllegalArgumentException}.
 */
public final class YamlPolicyWriter {

    /** A port number that every YAML reader reads back as the same decimal text. */
    private static final Pattern PLAIN_PORT = Pattern.compile("0|[1-9][0-9]{0,8}");
    /** A dns name that reads back the same after {@code dns } without quotes. */
    private static final Pattern PLAIN_DNS_NAME = Pattern.compile("[!#-\\[\\]-~]+");

    /** Lists up to this long (items and separators) stay on one line: {@code proto: [tcp, udp]}. */
    private static final int FLOW_LIST_WIDTH = 64;

    private final PolicyYamlFactory.Generator out;

    private YamlPolicyWriter(PolicyYamlFactory.Generator out) {
        this.out = out;
    }

    /**
     * The canonical YAML text of {@code unit}.
     *
     * @throws IllegalArgumentException if a string of the AST holds a lone UTF-16 surrogate
     */
    public static String write(SourceUnit unit) {
        StringWriter text = new StringWriter();
        try (PolicyYamlFactory.Generator generator = new PolicyYamlFactory().open(text)) {
            new YamlPolicyWriter(generator).unit(unit);
        } catch (IOException e) {
            // Only a StringWriter is written to, which cannot fail.
            throw new UncheckedIOException("writing YAML to memory failed", e);
        }
        return text.toString();
    }

    private void unit(SourceUnit unit) throws IOException {
        out.writeStartObject();
        List<String> includes = unit.includes().stream().map(Include::path).toList();
        if (!includes.isEmpty()) {
            out.writeKey("include");
            oneOrList(includes, s -> s);
        }
        defines(unit.defines().stream().filter(NetDefine.class::isInstance).map(NetDefine.class::cast).toList(),
                unit.defines().stream().filter(PortsDefine.class::isInstance).map(PortsDefine.class::cast).toList());
        if (!unit.policies().isEmpty()) {
            out.writeKey("policies");
            out.writeStartObject();
            for (PolicyDecl policy : unit.policies()) {
                out.writeKey(policy.name().text());
                policy(policy.items());
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private void defines(List<NetDefine> nets, List<PortsDefine> ports) throws IOException {
        if (!nets.isEmpty()) {
            out.writeKey("nets");
            out.writeStartObject();
            for (NetDefine net : nets) {
                out.writeKey(net.name().text());
                oneOrList(net.endpoints(), YamlPolicyWriter::endpoint);
            }
            out.writeEndObject();
        }
        if (!ports.isEmpty()) {
            out.writeKey("ports");
            out.writeStartObject();
            for (PortsDefine define : ports) {
                out.writeKey(define.name().text());
                ports(define.ports());
            }
            out.writeEndObject();
        }
    }

    private void policy(ImmutableList<PolicyItem> items) throws IOException {
        out.writeStartObject();
        defines(ofType(items, NetDefine.class), ofType(items, PortsDefine.class));
        List<DefaultDecl> defaults = ofType(items, DefaultDecl.class);
        if (!defaults.isEmpty()) {
            out.writeKey("default");
            oneOrList(defaults, YamlPolicyWriter::defaultText);
        }
        List<RuleDecl> rules = ofType(items, RuleDecl.class);
        if (!rules.isEmpty()) {
            out.writeKey("rules");
            out.writeStartArray();
            for (RuleDecl rule : rules) {
                rule(rule);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    private void rule(RuleDecl rule) throws IOException {
        out.writeStartObject();
        out.writeKey(rule.verdict().value().keyword());
        if (rule.direction().isPresent()) {
            out.writeString(rule.direction().get().value().keyword());
        } else {
            out.writeNothing();
        }
        if (!rule.protocols().isEmpty()) {
            out.writeKey("proto");
            oneOrList(rule.protocols(), p -> p.value().keyword());
        }
        if (rule.peer().isPresent()) {
            out.writeKey(rule.peer().get().keyword().value().keyword());
            oneOrList(rule.peer().get().endpoints(), YamlPolicyWriter::endpoint);
        }
        if (!rule.ports().isEmpty() || rule.portKeyword().isPresent()) {
            out.writeKey("port");
            ports(rule.ports());
        }
        if (rule.log().isPresent()) {
            out.writeKey("log");
            out.writeBoolean(true);
        }
        if (rule.comment().isPresent()) {
            out.writeKey("comment");
            out.writeString(rule.comment().get().value());
        }
        out.writeEndObject();
    }

    private void ports(List<PortItem> ports) throws IOException {
        if (ports.size() != 1) {
            out.writeStartList(fitsOnOneLine(ports.stream().map(YamlPolicyWriter::portText).toList()));
        }
        for (PortItem port : ports) {
            if (port instanceof PortItem.Single single && PLAIN_PORT.matcher(single.number()).matches()) {
                out.writeNumber(single.number());
            } else {
                out.writeString(portText(port));
            }
        }
        if (ports.size() != 1) {
            out.writeEndArray();
        }
    }

    private <T> void oneOrList(List<T> items, Function<T, String> text) throws IOException {
        if (items.size() == 1) {
            out.writeString(text.apply(items.get(0)));
            return;
        }
        List<String> texts = items.stream().map(text).toList();
        out.writeStartList(fitsOnOneLine(texts));
        for (String item : texts) {
            out.writeString(item);
        }
        out.writeEndArray();
    }

    private static boolean fitsOnOneLine(List<String> items) {
        return items.stream().mapToInt(item -> item.length() + 2).sum() <= FLOW_LIST_WIDTH;
    }

    private static String endpoint(EndpointNode endpoint) {
        if (endpoint instanceof EndpointNode.Host host) {
            return "host " + host.address();
        }
        if (endpoint instanceof EndpointNode.Cidr cidr) {
            return "cidr " + cidr.prefix();
        }
        if (endpoint instanceof EndpointNode.Dns dns) {
            return "dns " + dnsName(dns.name());
        }
        if (endpoint instanceof EndpointNode.Ref ref) {
            return "$" + ref.name();
        }
        return endpoint instanceof EndpointNode.Any ? "any" : "resolver";
    }

    /** The name as one word, or as a DSL string when it has blanks, quotes or backslashes. */
    private static String dnsName(String name) {
        if (PLAIN_DNS_NAME.matcher(name).matches()) {
            return name;
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String portText(PortItem port) {
        if (port instanceof PortItem.Range range) {
            return range.first() + "-" + range.last();
        }
        if (port instanceof PortItem.Ref ref) {
            return "$" + ref.name();
        }
        return ((PortItem.Single) port).number();
    }

    private static String defaultText(DefaultDecl decl) {
        return decl.verdict().keyword()
                + decl.direction().map(d -> " " + d.keyword()).orElse("")
                + (decl.log() ? " log" : "");
    }

    private static <T> List<T> ofType(List<PolicyItem> items, Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
