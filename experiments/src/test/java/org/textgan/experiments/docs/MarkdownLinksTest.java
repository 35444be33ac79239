package org.textgan.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link and image of README.md and docs/**.md resolves: the file or directory exists and, for a link
 * into a Markdown file with {@code #anchor}, the anchor is one of its headings (GitHub's slugs). Links in fenced code
 * blocks and code spans are not links; absolute URLs are not checked (no network in tests).
 */
class MarkdownLinksTest {
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        Path root = repositoryRoot();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path f : files) {
            List<Link> ls = links(f);
            links += ls.size();
            for (Link l : ls) {
                String why = check(f, l.target());
                if (why != null) {
                    broken.add(root.relativize(f) + ":" + l.line() + ": " + l.target() + " (" + why + ")");
                }
            }
        }
        assertTrue(links >= 5, "the checker finds the links: " + links);
        assertEquals(List.of(), broken, "broken links");
    }

    /** The checker itself: a missing file, a missing anchor and a link in code are told apart. */
    @Test
    void theCheckerFindsBrokenLinksAndAnchors(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/a.md"), "# Title\n\n## The `oracle` experiment, at scale (V=5000)\n");
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "[ok](docs/a.md) [ok anchor](docs/a.md#the-oracle-experiment-at-scale-v5000) [dir](docs/)",
                "[missing](docs/b.md) [bad anchor](docs/a.md#nope) ![img](docs/missing.png)",
                "[web](https://example.org/x) [self](#local) [gone](#gone) `[code](docs/c.md)`",
                "```", "[fenced](docs/d.md)", "```",
                "[ref]: docs/e.md", "## Local"));
        List<String> bad = new ArrayList<>();
        for (Link l : links(readme)) {
            if (check(readme, l.target()) != null) {
                bad.add(l.target());
            }
        }
        assertEquals(List.of("docs/b.md", "docs/a.md#nope", "docs/missing.png", "#gone", "docs/e.md"), bad);
    }

    record Link(int line, String target) {
    }

    static List<Link> links(Path file) throws IOException {
        List<Link> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("```") || line.trim().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll("");
            Matcher m = INLINE.matcher(text);
            while (m.find()) {
                out.add(new Link(i + 1, m.group(1)));
            }
            Matcher r = REFERENCE.matcher(text);
            if (r.matches()) {
                out.add(new Link(i + 1, r.group(1)));
            }
        }
        return out;
    }

    /** @return null if the link resolves, else the reason */
    static String check(Path from, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: ...
        }
        String path = target;
        String anchor = null;
        int hash = path.indexOf('#');
        if (hash >= 0) {
            anchor = path.substring(hash + 1);
            path = path.substring(0, hash);
        }
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path.replace("%20", " ")).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor)) {
            return "no heading with anchor #" + anchor;
        }
        return null;
    }

    /** GitHub's heading anchors: lower case, punctuation other than - and _ removed, spaces to -, -N for repeats. */
    static Set<String> anchors(Path md) {
        Set<String> out = new HashSet<>();
        try {
            boolean fenced = false;
            for (String line : Files.readAllLines(md)) {
                if (line.trim().startsWith("```")) {
                    fenced = !fenced;
                }
                if (fenced || !line.startsWith("#")) {
                    continue;
                }
                String h = line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
                String slug = h.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String s = slug;
                for (int n = 1; !out.add(s); n++) {
                    s = slug + "-" + n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no README.md and docs/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
