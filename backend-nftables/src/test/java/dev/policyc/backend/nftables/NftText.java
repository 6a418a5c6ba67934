package dev.policyc.backend.nftables;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads nft script text the way nft's scanner splits it, as far as injection matters: a quoted
 * string runs from {@code "} to the next {@code "} (nft has no escapes in strings), and {@code #}
 * outside a string starts a comment that runs to the end of the line. What is left is the code.
 */
final class NftText {

    private NftText() {}

    /** The words of the code outside strings and comments, split at blanks, {@code ;} and braces. */
    static List<String> codeWords(String script) {
        StringBuilder code = new StringBuilder();
        boolean inString = false;
        boolean inComment = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (inComment) {
                inComment = c != '\n';
                if (!inComment) {
                    code.append('\n');
                }
            } else if (inString) {
                inString = c != '"';
            } else if (c == '"') {
                inString = true;
                code.append(" STRING ");
            } else if (c == '#') {
                inComment = true;
            } else {
                code.append(c);
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : code.toString().split("[\\s;{}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** How many times {@code word} occurs in the code. */
    static long count(String script, String word) {
        return codeWords(script).stream().filter(word::equals).count();
    }
}
