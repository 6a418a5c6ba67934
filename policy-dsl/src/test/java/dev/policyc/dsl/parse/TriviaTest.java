package dev.policyc.dsl.parse;

import static dev.policyc.dsl.parse.ParseTesting.parseClean;
import static dev.policyc.dsl.parse.ParseTesting.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.Trivia;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every comment ends up attached somewhere, so that {@code fmt} can print it back. */
class TriviaTest {

    @Test
    void wholeLineCommentsLeadTheNextStatement() {
        SourceUnit unit = parseClean("""
                # one
                #two
                #   three\t \s
                include "x"
                """);
        assertEquals(List.of(" one", "two", "   three"), unit.items().get(0).trivia().leading());
    }

    @Test
    void commentAfterAStatementOnItsLineIsTrailing() {
        SourceUnit unit = parseClean("""
                define ports web = 80   # web  \s
                policy p {
                    allow out tcp to any port $web # all web
                } # end of p
                """);
        assertEquals(Optional.of(" web"), unit.items().get(0).trivia().trailing());
        PolicyDecl p = (PolicyDecl) unit.items().get(1);
        assertEquals(Optional.of(" all web"), p.items().get(0).trivia().trailing());
        assertEquals(Optional.of(" end of p"), p.trivia().trailing());
        assertEquals(List.of(), p.trivia().leading());
    }

    @Test
    void commentsBeforeTheClosingBraceAreClosingComments() {
        PolicyDecl p = policy(parseClean("""
                policy p {
                    allow out tcp
                    # todo: more rules
                    # later
                }
                """));
        assertEquals(List.of(" todo: more rules", " later"), p.closingComments());
        assertEquals(Trivia.NONE, p.items().get(0).trivia());
    }

    @Test
    void commentsInAnEmptyPolicyAreClosingComments() {
        PolicyDecl p = policy(parseClean("policy p {\n  # nothing yet\n}\n"));
        assertEquals(List.of(" nothing yet"), p.closingComments());
    }

    @Test
    void commentsAfterTheLastStatementAreEndComments() {
        SourceUnit unit = parseClean("policy p { }\n\n# bye\n#\n");
        assertEquals(List.of(" bye", ""), unit.endComments());
    }

    @Test
    void commentInsideAMultiLineStatementLeadsThatStatement() {
        PolicyDecl p = policy(parseClean("""
                policy p {
                    # before
                    allow out {
                        tcp,   # the web
                        # and dns
                        udp
                    } to any   # anywhere
                }
                """));
        Trivia t = p.items().get(0).trivia();
        assertEquals(List.of(" before", " the web", " and dns"), t.leading());
        assertEquals(Optional.of(" anywhere"), t.trailing());
    }

    @Test
    void commentOnTheLineOfThePolicysBraceLeadsTheFirstItem() {
        PolicyDecl p = policy(parseClean("policy p {   # the policy\n    allow in tcp\n}\n"));
        assertEquals(List.of(" the policy"), p.items().get(0).trivia().leading());
        assertEquals(Trivia.NONE, p.trivia());
    }

    @Test
    void commentBetweenPolicyNameAndBraceLeadsThePolicy() {
        PolicyDecl p = policy(parseClean("# doc\npolicy p\n# odd place\n{ }\n"));
        assertEquals(List.of(" doc", " odd place"), p.trivia().leading());
    }

    @Test
    void blankLinesBeforeStatementsOrTheirComments() {
        SourceUnit unit = parseClean("""
                define ports a = 1
                define ports b = 2

                define ports c = 3

                # about d
                define ports d = 4
                # about e

                define ports e = 5
                """);
        List<Boolean> blank = unit.items().stream().map(i -> i.trivia().blankLineBefore()).toList();
        assertEquals(List.of(false, false, true, true, false), blank);
    }

    @Test
    void blankLineAfterTheOpeningBraceCounts() {
        PolicyDecl p = policy(parseClean("policy p {\n\n    allow in tcp\n    allow out tcp\n}\n"));
        assertTrue(p.items().get(0).trivia().blankLineBefore());
        assertFalse(p.items().get(1).trivia().blankLineBefore());
    }

    @Test
    void firstStatementOfTheFileHasNoBlankLineBefore() {
        assertFalse(parseClean("\n\n\npolicy p { }").items().get(0).trivia().blankLineBefore());
    }

    @Test
    void crlfLineEndsAreNotPartOfComments() {
        SourceUnit unit = parseClean("# a\r\npolicy p { } # b\r\n# c\r\n");
        assertEquals(List.of(" a"), unit.items().get(0).trivia().leading());
        assertEquals(Optional.of(" b"), unit.items().get(0).trivia().trailing());
        assertEquals(List.of(" c"), unit.endComments());
    }

    @Test
    void noCommentOfTheSpecExampleIsLost() {
        SourceUnit unit = parseClean(Samples.FIRST_EXAMPLE);
        assertEquals(4, allComments(unit).size());
        assertEquals(List.of(" file-level defines", " a host", " the end"), allComments(parseClean(Samples.ALL_CONSTRUCTS)));
    }

    private static List<String> allComments(SourceUnit unit) {
        List<String> all = new ArrayList<>();
        unit.items().forEach(i -> {
            all.addAll(i.trivia().leading());
            i.trivia().trailing().ifPresent(all::add);
            if (i instanceof PolicyDecl p) {
                all.addAll(p.closingComments());
                p.items().forEach(item -> {
                    all.addAll(item.trivia().leading());
                    item.trivia().trailing().ifPresent(all::add);
                });
            }
        });
        all.addAll(unit.endComments());
        return all;
    }
}
