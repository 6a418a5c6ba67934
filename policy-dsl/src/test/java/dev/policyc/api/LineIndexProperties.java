package dev.policyc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import dev.policyc.dsl.load.LoadedSources;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;

/** The indexed line lookup quotes exactly the lines the loader's own lookup does. */
class LineIndexProperties {

    @Property(tries = 300)
    void quotesTheSameLinesAsTheLoadedSources(
            @ForAll @Chars({'a', ' ', '\n', '\r', '#'}) String text, @ForAll @IntRange(min = -1, max = 40) int line) {
        LoadedSources sources = new LoadedSources(ImmutableList.of(), ImmutableMap.of(), ImmutableMap.of("f", text),
                ImmutableListMultimap.of(), ImmutableList.of());
        LineIndex index = new LineIndex(ImmutableMap.of("f", text));
        assertEquals(sources.line("f", line), index.line("f", line));
        assertEquals(sources.line("g", line), index.line("g", line));
    }
}
