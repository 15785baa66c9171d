package org.jembed.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jembed.core.model.SourcePos;

/** Where a text is in the project's pom, so that a message about a pom element is positioned like a compiler's. */
public final class PomText {
    private PomText() {
    }

    /**
     * The line and column (both 1-based) of the first occurrence of {@code text} in {@code pom}, or empty when the
     * file cannot be read or holds no such text.
     */
    public static Optional<SourcePos> find(Path pom, String text) {
        try {
            String content = Files.readString(pom, StandardCharsets.UTF_8);
            int at = content.indexOf(text);
            if (at < 0) {
                return Optional.empty();
            }
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (content.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return Optional.of(new SourcePos(pom.getFileName().toString(), line, at - lineStart + 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@link #find}, or the pom's first line when the text is not there. */
    public static SourcePos position(Path pom, String text) {
        return find(pom, text).orElse(new SourcePos(pom.getFileName().toString(), 1, 0));
    }
}
