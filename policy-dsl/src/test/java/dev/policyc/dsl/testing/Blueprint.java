package dev.policyc.dsl.testing;

import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.Trivia;
import java.util.List;
import java.util.Optional;

/**
 * The free choices behind one generated unit. jqwik generates and shrinks these; {@link UnitBuilder}
 * then turns them into a valid AST, resolving references against the defines written before and
 * dropping the parts that the choices made elsewhere rule out. Keeping the choices free of
 * cross-constraints is what lets jqwik shrink a failing unit without ever producing an invalid one.
 */
final class Blueprint {

    private Blueprint() {}

    /** An endpoint to write; a reference picks among the visible defines by index. */
    sealed interface EndpointChoice {}

    /** {@code host A} or {@code cidr P}, valid text of the given family. */
    record Literal(boolean isPrefix, String text, Family family) implements EndpointChoice {}

    record Dns(String name) implements EndpointChoice {}

    record Resolver() implements EndpointChoice {}

    record Any() implements EndpointChoice {}

    /** {@code $name} of visible net define number {@code pick} (modulo), or the fallback if none is visible. */
    record NetRef(int pick, Literal fallback) implements EndpointChoice {}

    sealed interface PortChoice {}

    record SinglePort(int port) implements PortChoice {}

    /** {@code first-last} with first <= last. */
    record PortRange(int first, int last) implements PortChoice {}

    record PortsRef(int pick, int fallback) implements PortChoice {}

    /** How a rule says its direction. */
    enum DirectionForm { KEYWORD_ONLY, KEYWORD_AND_PEER, PEER_ONLY }

    /** What a policy body holds. */
    sealed interface Item {}

    sealed interface DefineChoice extends Item {}

    record NetDefineChoice(String name, List<EndpointChoice> endpoints, Trivia trivia) implements DefineChoice {}

    record PortsDefineChoice(String name, List<PortChoice> ports, Trivia trivia) implements DefineChoice {}

    record DefaultChoice(Verdict verdict, Optional<Direction> direction, boolean log, Trivia trivia) implements Item {}

    /** The parts of a rule that do not depend on each other. */
    record RuleHead(Verdict verdict, DirectionForm form, Direction direction, List<Protocol> protocols) {}

    record RuleChoice(RuleHead head, List<EndpointChoice> peer, List<PortChoice> ports, boolean log,
            Optional<String> comment, Trivia trivia) implements Item {}

    record PolicyChoice(String name, List<Item> items, List<String> closingComments, Trivia trivia) {}

    /** A policy with the file-level defines written just before it. */
    record Group(List<DefineChoice> definesBefore, PolicyChoice policy) {}

    record Unit(List<Group> groups, List<DefineChoice> trailingDefines, List<String> endComments) {}
}
