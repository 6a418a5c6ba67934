package dev.policyc.dsl.format;

import static dev.policyc.core.ir.Protocol.ICMP;
import static dev.policyc.core.ir.Protocol.ICMPV6;
import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.core.ir.Protocol.UDP;
import static dev.policyc.dsl.testing.Asts.allow;
import static dev.policyc.dsl.testing.Asts.any;
import static dev.policyc.dsl.testing.Asts.blankLine;
import static dev.policyc.dsl.testing.Asts.cidr;
import static dev.policyc.dsl.testing.Asts.defaultDecl;
import static dev.policyc.dsl.testing.Asts.deny;
import static dev.policyc.dsl.testing.Asts.dns;
import static dev.policyc.dsl.testing.Asts.host;
import static dev.policyc.dsl.testing.Asts.include;
import static dev.policyc.dsl.testing.Asts.leading;
import static dev.policyc.dsl.testing.Asts.net;
import static dev.policyc.dsl.testing.Asts.netRef;
import static dev.policyc.dsl.testing.Asts.policy;
import static dev.policyc.dsl.testing.Asts.port;
import static dev.policyc.dsl.testing.Asts.portRef;
import static dev.policyc.dsl.testing.Asts.ports;
import static dev.policyc.dsl.testing.Asts.range;
import static dev.policyc.dsl.testing.Asts.resolver;
import static dev.policyc.dsl.testing.Asts.trailing;
import static dev.policyc.dsl.testing.Asts.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.Trivia;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact output of the formatter for hand-built ASTs (the parser is not used here). */
class PolicyFormatterTest {

    @Test
    void formatsTheSpecExample() {
        SourceUnit unit = unit(
                net(leading(" webapp.policy"), "cloudflare", host("1.1.1.1"), host("1.0.0.1"), host("2606:4700:4700::1111")),
                ports("web", port("80"), port("443")),
                policy(blankLine(), "webapp", List.of(),
                        allow().out().protocols(TCP).to(cidr("10.20.0.0/16")).ports(port("5432")).comment("database").build(),
                        allow().out().protocols(TCP).to(dns("api.github.com")).ports(portRef("web")).build(),
                        allow().out().protocols(TCP, UDP).to(netRef("cloudflare")).ports(port("53")).build(),
                        allow().out().protocols(TCP, UDP).to(resolver()).ports(port("53"))
                                .trivia(trailing(" the container's own nameservers")).build(),
                        allow().in().protocols(TCP).ports(port("8080")).trivia(trailing(" from anywhere")).build(),
                        allow().in().protocols(TCP).from(cidr("192.168.1.0/24")).ports(port("22")).build(),
                        deny().out().to(cidr("10.20.99.0/24")).log().trivia(trailing(" deny wins over allow")).build(),
                        allow().out().protocols(ICMP).to(cidr("192.0.2.0/24")).build()));

        assertEquals("""
                # webapp.policy
                define net cloudflare = { host 1.1.1.1, host 1.0.0.1, host 2606:4700:4700::1111 }
                define ports web = { 80, 443 }

                policy webapp {
                    allow out tcp to cidr 10.20.0.0/16 port 5432 comment "database"
                    allow out tcp to dns "api.github.com" port $web
                    allow out {tcp, udp} to $cloudflare port 53
                    allow out {tcp, udp} to resolver port 53  # the container's own nameservers
                    allow in tcp port 8080  # from anywhere
                    allow in tcp from cidr 192.168.1.0/24 port 22
                    deny out to cidr 10.20.99.0/24 log  # deny wins over allow
                    allow out icmp to cidr 192.0.2.0/24
                }
                """, PolicyFormatter.format(unit));
    }

    @Test
    void keepsAnImpliedDirectionImplied() {
        SourceUnit unit = unit(policy("p",
                allow().protocols(TCP).to(host("192.0.2.1")).build(),
                deny().from(any()).build(),
                allow().out().build()));

        assertEquals("""
                policy p {
                    allow tcp to host 192.0.2.1
                    deny from any
                    allow out
                }
                """, PolicyFormatter.format(unit));
    }

    @Test
    void printsOneItemBareAndSeveralInBraces() {
        SourceUnit unit = unit(
                net("one", cidr("10.0.0.0/8")),
                net("all", host("192.0.2.1"), cidr("2001:db8::/32"), dns("example.org"), resolver(), any(), netRef("one")),
                ports("single", range("8000", "8080")),
                ports("many", port("1"), range("8000", "8080"), portRef("single")),
                policy("p",
                        allow().in().protocols(UDP).from(netRef("one")).ports(port("65535")).build(),
                        allow().out().protocols(ICMP, ICMPV6).to(any()).build(),
                        deny().out().protocols(UDP, TCP).to(netRef("one"), host("::1")).ports(portRef("many"), port("9")).build()));

        assertEquals("""
                define net one = cidr 10.0.0.0/8
                define net all = { host 192.0.2.1, cidr 2001:db8::/32, dns "example.org", resolver, any, $one }
                define ports single = 8000-8080
                define ports many = { 1, 8000-8080, $single }

                policy p {
                    allow in udp from $one port 65535
                    allow out {icmp, icmpv6} to any
                    deny out {udp, tcp} to { $one, host ::1 } port { $many, 9 }
                }
                """, PolicyFormatter.format(unit));
    }

    @Test
    void printsDefaultsAndLocalDefines() {
        SourceUnit unit = unit(policy("p",
                defaultDecl(Verdict.ALLOW, null, false),
                defaultDecl(Verdict.DENY, Direction.OUT, true),
                defaultDecl(Verdict.DENY, Direction.IN, false),
                net("local", host("192.0.2.7")),
                ports("admin", port("22")),
                allow().in().protocols(TCP).from(netRef("local")).ports(portRef("admin")).build()));

        assertEquals("""
                policy p {
                    default allow
                    default deny out log
                    default deny in
                    define net local = host 192.0.2.7
                    define ports admin = 22
                    allow in tcp from $local port $admin
                }
                """, PolicyFormatter.format(unit));
    }

    @Test
    void escapesQuotesAndBackslashesInStrings() {
        SourceUnit unit = unit(
                include("dir with \"quote\"\\shared.policy"),
                policy("p",
                        allow().out().to(dns("a\\b.example")).comment("say \"hi\" \\ bye # not a comment").build(),
                        allow().out().to(any()).comment("").build(),
                        allow().out().to(any()).comment("caf\u00e9 \u65e5\u672c \ud83d\ude42").build()));

        assertEquals("""
                include "dir with \\"quote\\"\\\\shared.policy"

                policy p {
                    allow out to dns "a\\\\b.example" comment "say \\"hi\\" \\\\ bye # not a comment"
                    allow out to any comment ""
                    allow out to any comment "caf\u00e9 \u65e5\u672c \ud83d\ude42"
                }
                """, PolicyFormatter.format(unit));
    }

    @Test
    void placesCommentsAtTheirStatementsIndentationAndKeepsTheirText() {
        Trivia both = new Trivia(ImmutableList.of(" first", "second", "", "  indented"), Optional.of("after"), false);
        SourceUnit unit = unit(List.of(" the end", "#double"),
                net(both, "a", any()),
                policy(new Trivia(ImmutableList.of(" about p"), Optional.of(" end of p"), false), "p",
                        List.of(" before the brace", "\tand a tab"),
                        allow().out().to(netRef("a")).trivia(both).build(),
                        deny().out().to(any()).trivia(trailing("trailing blanks   ")).build()));

        assertEquals("""
                # first
                #second
                #
                #  indented
                define net a = any  #after

                # about p
                policy p {
                    # first
                    #second
                    #
                    #  indented
                    allow out to $a  #after
                    deny out to any  #trailing blanks
                    # before the brace
                    #\tand a tab
                }  # end of p

                # the end
                ##double
                """, PolicyFormatter.format(unit));
    }

    @Test
    void keepsOneBlankLineWhereTheSourceHadOneAndAddsOneBetweenKinds() {
        SourceUnit unit = unit(
                include(blankLine(), "base.policy"),
                include("more.policy"),
                net("a", any()),
                net("b", any()),
                net(blankLine(), "c", any()),
                ports(new Trivia(ImmutableList.of(" ports"), Optional.empty(), true), "d", port("1")),
                policy("p",
                        allow().out().trivia(blankLine()).build(),
                        allow().in().build(),
                        allow().in().to(any()).trivia(new Trivia(ImmutableList.of(" spaced"), Optional.empty(), true)).build()),
                policy(blankLine(), "q", List.of()),
                include("late.policy"));

        assertEquals("""
                include "base.policy"
                include "more.policy"

                define net a = any
                define net b = any

                define net c = any

                # ports
                define ports d = 1

                policy p {
                    allow out
                    allow in

                    # spaced
                    allow in to any
                }

                policy q {
                }

                include "late.policy"
                """, PolicyFormatter.format(unit));
    }

    @Test
    void formatsAnEmptyUnitAsEmptyTextAndALoneCommentAsOneLine() {
        assertEquals("", PolicyFormatter.format(unit()));
        assertEquals("# only\n", PolicyFormatter.format(unit(List.of(" only"))));
    }

    @Test
    void neverWrapsLongLines() {
        String longComment = "x".repeat(300);
        SourceUnit unit = unit(policy("p", allow().out().to(any()).comment(longComment).build()));

        assertEquals("policy p {\n    allow out to any comment \"" + longComment + "\"\n}\n", PolicyFormatter.format(unit));
    }

    @Test
    void tryFormatGivesTheTextWhenEverythingIsWritable() {
        SourceUnit unit = unit(net("a", host("192.0.2.1")));

        FormatResult result = PolicyFormatter.tryFormat(unit);

        assertEquals(Optional.of("define net a = host 192.0.2.1\n"), result.text());
        assertEquals(List.of(), result.diagnostics());
    }
}
