package org.textgan.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.textgan.common.Json;
import picocli.CommandLine.Option;

/** The {@code --json} option of the benchmarks that otherwise print a Markdown table; mix in with {@code @Mixin}. */
public final class JsonOutput {
    @Option(names = "--json", description = "Print the results as JSON instead of a Markdown table.")
    boolean json;

    /** @return whether {@code --json} was given */
    public boolean enabled() {
        return json;
    }

    /**
     * Prints a value as indented JSON with the project's conventions ({@link Json#mapper()}).
     *
     * @param out   destination
     * @param value the value
     * @throws IOException on a serialisation failure
     */
    static void print(PrintWriter out, Object value) throws IOException {
        out.println(Json.mapper().writeValueAsString(value));
        out.flush();
    }
}
