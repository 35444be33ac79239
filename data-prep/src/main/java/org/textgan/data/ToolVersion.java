package org.textgan.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of textgan, read from a resource that Maven fills in at build time. */
public final class ToolVersion {
    private ToolVersion() {
    }

    /** @return the project version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} if the resource is missing. */
    public static String get() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("textgan-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
