package dev.policyc.dsl.format;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the text of an AST that no policy file can hold, so that the formatter refuses it
 * instead of printing a file that reads back differently. The DSL parser never builds such an
 * AST; other front ends (YAML) can: a string with a line break, an empty endpoint list, a name
 * with a space.
 *
 * <p>Only the shape of each token is checked, not its meaning: {@code host 999.1.1.1} is
 * printed as written, for the checker to report. A token is writable when printing it yields
 * the same single token, so no value can end a statement early or start a comment.
 */
final class WritabilityCheck {

    private static final String CODE = PolicyFormatter.UNWRITABLE;

    private static final ImmutableSet<String> KEYWORDS = ImmutableSet.of(
            "policy", "define", "net", "ports", "default", "allow", "deny", "in", "out", "tcp", "udp",
            "icmp", "icmpv6", "to", "from", "host", "cidr", "dns", "resolver", "any", "port", "log",
            "comment", "include");
    /** Wider than the spec's name rules, which the checker enforces with better messages. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** Address and prefix characters, with letters for zone ids and typos the checker reports. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:/%_]+");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private final Diagnostics found = new Diagnostics();

    private WritabilityCheck() {}

    /** Every reason why {@code unit} cannot be printed as a policy file; empty when it can. */
    static ImmutableList<Diagnostic> check(SourceUnit unit) {
        WritabilityCheck check = new WritabilityCheck();
        for (TopLevel item : unit.items()) {
            check.topLevel(item);
        }
        for (String comment : unit.endComments()) {
            check.comment(comment, null);
        }
        return check.found.toList();
    }

    private void topLevel(TopLevel item) {
        trivia(item.trivia(), item.span());
        if (item instanceof Include include) {
            string(include.path(), "include path", include.pathSpan());
        } else if (item instanceof NetDefine define) {
            netDefine(define);
        } else if (item instanceof PortsDefine define) {
            portsDefine(define);
        } else if (item instanceof PolicyDecl policy) {
            name(policy.name(), "policy");
            for (PolicyItem policyItem : policy.items()) {
                policyItem(policyItem);
            }
            for (String comment : policy.closingComments()) {
                comment(comment, policy.span());
            }
        }
    }

    private void policyItem(PolicyItem item) {
        trivia(item.trivia(), item.span());
        if (item instanceof NetDefine define) {
            netDefine(define);
        } else if (item instanceof PortsDefine define) {
            portsDefine(define);
        } else if (item instanceof RuleDecl rule) {
            rule.peer().ifPresent(peer -> {
                if (peer.endpoints().isEmpty()) {
                    found.error(CODE, peer.keyword().span(), "an empty endpoint list cannot be written in a policy file",
                            "name at least one endpoint, or leave out the " + peer.keyword().value().keyword() + " part");
                }
                endpoints(peer.endpoints());
            });
            ports(rule.ports());
            rule.comment().ifPresent(c -> string(c.value(), "rule comment", c.span()));
        } else if (!(item instanceof DefaultDecl)) {
            throw new AssertionError("unknown policy item " + item);
        }
    }

    private void netDefine(NetDefine define) {
        name(define.name(), "define");
        if (define.endpoints().isEmpty()) {
            found.error(CODE, define.span(), "define " + define.name().text() + " has no endpoints, which a policy file cannot say",
                    "give it at least one endpoint, or remove it");
        }
        endpoints(define.endpoints());
    }

    private void portsDefine(PortsDefine define) {
        name(define.name(), "define");
        if (define.ports().isEmpty()) {
            found.error(CODE, define.span(), "define " + define.name().text() + " has no ports, which a policy file cannot say",
                    "give it at least one port, or remove it");
        }
        ports(define.ports());
    }

    private void endpoints(List<EndpointNode> endpoints) {
        for (EndpointNode endpoint : endpoints) {
            if (endpoint instanceof EndpointNode.Host host) {
                token(host.address(), ADDRESS, "an address", host.span());
            } else if (endpoint instanceof EndpointNode.Cidr cidr) {
                token(cidr.prefix(), ADDRESS, "a prefix", cidr.span());
            } else if (endpoint instanceof EndpointNode.Dns dns) {
                string(dns.name(), "dns name", dns.span());
            } else if (endpoint instanceof EndpointNode.Ref ref) {
                referenceName(ref.name(), ref.span());
            }
        }
    }

    private void ports(List<PortItem> ports) {
        for (PortItem port : ports) {
            if (port instanceof PortItem.Single single) {
                token(single.number(), NUMBER, "a port number", single.span());
            } else if (port instanceof PortItem.Range range) {
                token(range.first(), NUMBER, "a port number", range.firstSpan());
                token(range.last(), NUMBER, "a port number", range.lastSpan());
            } else if (port instanceof PortItem.Ref ref) {
                referenceName(ref.name(), ref.span());
            }
        }
    }

    private void name(Name name, String what) {
        if (!isName(name.text())) {
            found.error(CODE, name.span(), "'" + name.text() + "' cannot be written as a " + what + " name in a policy file",
                    "policy names match [a-z][a-z0-9-]{0,23} and define names [a-z][a-z0-9_]{0,31}, keywords excluded");
        }
    }

    private void referenceName(String name, SourceSpan span) {
        if (!isName(name)) {
            found.error(CODE, span, "'$" + name + "' cannot be written as a reference in a policy file",
                    "refer to a define by its name, such as $web");
        }
    }

    private static boolean isName(String text) {
        return NAME.matcher(text).matches() && !KEYWORDS.contains(text);
    }

    private void token(String text, Pattern shape, String what, SourceSpan span) {
        if (!shape.matcher(text).matches() || KEYWORDS.contains(text)) {
            found.error(CODE, span, "'" + text + "' cannot be written as " + what + " in a policy file", null);
        }
    }

    /** A string literal cannot hold a line break or any other control character. */
    private void string(String text, String what, SourceSpan span) {
        text.codePoints().filter(Character::isISOControl).findFirst().ifPresent(c -> found.error(CODE, span,
                "the " + what + " holds the control character U+" + String.format("%04X", c)
                        + ", which a policy file cannot hold in a string",
                "remove the control character"));
    }

    private void trivia(Trivia trivia, SourceSpan statement) {
        trivia.leading().forEach(c -> comment(c, statement));
        trivia.trailing().ifPresent(c -> comment(c, statement));
    }

    /** A {@code #} comment ends at the line break, so it cannot hold one. */
    private void comment(String text, SourceSpan near) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            found.error(CODE, near, "a comment holds a line break, which a '#' comment cannot hold",
                    "split it into one comment per line");
        }
    }
}
