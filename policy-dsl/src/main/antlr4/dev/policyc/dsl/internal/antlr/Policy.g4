/*
 * The policy language, version 1 (see spec/policy-language.md).
 *
 * Lexing is deliberately permissive: address literals, names and numbers are taken in a
 * wide form and kept as text, so that the checker (AddressSyntax) and the name rules can say
 * precisely what is wrong with them instead of a generic "unexpected character". Error
 * recovery and messages live in dev.policyc.dsl.parse (StatementRecovery), not here.
 */
grammar Policy;

// ---------------------------------------------------------------- parser

sourceFile   : topStatement* EOF ;

topStatement : includeStmt | defineStmt | policyStmt ;

includeStmt  : INCLUDE string ;

// LL(1) on purpose: after 'define' the parser expects exactly 'net' or 'ports', which makes
// the message for a wrong word there precise.
defineStmt   : DEFINE ( NET name ASSIGN endpoints | PORTS name ASSIGN ports ) ;

policyStmt   : POLICY name LBRACE policyItem* RBRACE ;

policyItem   : defineStmt | defaultStmt | ruleStmt ;

defaultStmt  : DEFAULT verdict direction? LOG? ;

ruleStmt     : verdict direction? protocols? peer? portSpec? LOG? commentClause? ;

commentClause : COMMENT string ;

verdict      : ALLOW | DENY ;

direction    : IN | OUT ;

protocols    : protocol | LBRACE protocol ( COMMA protocol )* RBRACE ;

protocol     : TCP | UDP | ICMP | ICMPV6 ;

peer         : ( TO | FROM ) endpoints ;

endpoints    : endpoint | LBRACE endpoint ( COMMA endpoint )* RBRACE ;

endpoint
    : HOST ADDRESS          # hostEndpoint
    | CIDR ADDRESS          # cidrEndpoint
    | DNS string            # dnsEndpoint
    | RESOLVER              # resolverEndpoint
    | ANY                   # anyEndpoint
    | REF                   # refEndpoint
    | ADDRESS               # bareEndpoint
    ;

portSpec     : PORT ports ;

ports        : portItem | LBRACE portItem ( COMMA portItem )* RBRACE ;

portItem
    : NUMBER ( DASH NUMBER )?   # numberPort
    | REF                       # refPort
    ;

// A keyword where a name belongs is accepted here so that the AST builder can say that the
// word is reserved, instead of the parser giving up on the whole statement. Not the keywords
// that start statements: after 'define net' with the name forgotten, 'policy' on the next line
// starts the next statement.
name         : IDENT | keyword ;

keyword
    : NET | PORTS | IN | OUT | TCP | UDP | ICMP | ICMPV6 | TO | FROM | HOST | CIDR | DNS | RESOLVER
    | ANY | PORT | LOG | COMMENT
    ;

// Malformed strings are reported by the lexical check; accepting them here keeps the
// statement around them intact, so one bad string gives one error.
string       : STRING | BAD_STRING | UNTERMINATED_STRING ;

// ---------------------------------------------------------------- lexer

// Keywords: lower case and reserved. They come before IDENT so that they win ties.
POLICY   : 'policy' ;
DEFINE   : 'define' ;
NET      : 'net' ;
PORTS    : 'ports' ;
DEFAULT  : 'default' ;
ALLOW    : 'allow' ;
DENY     : 'deny' ;
IN       : 'in' ;
OUT      : 'out' ;
TCP      : 'tcp' ;
UDP      : 'udp' ;
ICMP     : 'icmp' ;
ICMPV6   : 'icmpv6' ;
TO       : 'to' ;
FROM     : 'from' ;
HOST     : 'host' ;
CIDR     : 'cidr' ;
DNS      : 'dns' ;
RESOLVER : 'resolver' ;
ANY      : 'any' ;
PORT     : 'port' ;
LOG      : 'log' ;
COMMENT  : 'comment' ;
INCLUDE  : 'include' ;

LBRACE : '{' ;
RBRACE : '}' ;
COMMA  : ',' ;
ASSIGN : '=' ;
DASH   : '-' ;

// Only \" and \\ are escapes; no newline inside. For a well-formed string STRING and
// BAD_STRING match the same text and STRING wins by coming first.
STRING              : '"' ( '\\' ["\\] | ~["\\\r\n] )* '"' ;
BAD_STRING          : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'? ;

// Anything that looks like an address or a prefix, valid or not: IPv4-like dotted digits,
// anything with a ':' (the language uses ':' nowhere else, so hex words such as 'cafe::1'
// or 'ff02::1' win over IDENT by being longer), optional zone and '/length'.
ADDRESS
    : DIGIT+ ( '.' DIGIT* )+ ZONE? PREFIX_LENGTH?
    | [0-9a-fA-F.]* ':' [0-9a-fA-F:.]* ZONE? PREFIX_LENGTH?
    | DIGIT+ ZONE? PREFIX_LENGTH
    ;

// Kept as text: the checker reports out-of-range values instead of an overflow here.
NUMBER : DIGIT+ ;

REF    : '$' NAME_CHAR+ ;

// Wider than the name rules (upper case, '_', '-', '.', any letter) so that a bad name gets a
// message that says what is wrong with it, and a host name written without 'dns "..."' stays
// one word for the hint.
IDENT  : [\p{L}_] ( NAME_CHAR | '.' )* ;

LINE_COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;

WHITESPACE   : [ \t\r\n\f]+ -> skip ;

// Everything else becomes a token, so that the lexer never fails and the lexical check can
// report it with a position.
UNKNOWN_CHAR : . ;

fragment DIGIT         : [0-9] ;
fragment NAME_CHAR     : [\p{L}\p{N}_\-] ;
fragment ZONE          : '%' [a-zA-Z0-9_.\-]* ;
fragment PREFIX_LENGTH : '/' [0-9.]* ;
