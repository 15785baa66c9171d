package org.jembed.core;

/** Where the core reports progress; the Mojos pass Maven's log, tests a list. Lines carry no trailing newline. */
public interface BuildLog {
    /** A milestone or a tool's output. */
    void info(String line);

    /** Something the user should look at; the build goes on. */
    void warn(String line);

    /** Detail for {@code mvn -X}. */
    void debug(String line);
}
