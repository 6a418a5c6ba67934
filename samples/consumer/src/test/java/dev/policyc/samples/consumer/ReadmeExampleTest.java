package dev.policyc.samples.consumer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Java example is {@link Example}, word for word, so it compiles against the API. */
class ReadmeExampleTest {

    @Test
    void theReadmeShowsExampleJavaVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        String example = Files.readString(Path.of("src/main/java/dev/policyc/samples/consumer/Example.java"));
        assertTrue(readme.contains("```java\n" + example + "```\n"),
                "README.md, section 'Using policyc from Java', should show Example.java as it is");
    }
}
