package org.textgan.data.prep;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.textgan.data.Manifest;
import org.textgan.common.Split;

/** Formats a manifest as the short human-readable summary {@code textgan prepare} prints. */
public final class ManifestSummary {
    private ManifestSummary() {
    }

    /** @return a multi-line summary of the dataset at {@code dir} */
    public static String format(Path dir, Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append("dataset     ").append(dir).append('\n');
        sb.append("files       ").append(tally(m.files())).append('\n');
        sb.append("lines       ").append(tally(m.lines())).append('\n');
        sb.append("sentences   ").append(tally(m.sentences())).append(", ").append(m.sentencesSplit())
                .append(" split into pieces\n");
        sb.append("characters  ").append(tally(m.characters())).append('\n');
        sb.append("sequences  ");
        for (Split s : Split.values()) {
            Manifest.SplitStats st = m.splits().get(s.fileStem());
            sb.append(' ').append(s.fileStem()).append('=').append(st == null ? 0 : st.sequences());
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "vocabulary  %d ids (%d characters + PAD/BOS/EOS/UNK), %d rare characters -> UNK, OOV rate %.5f%n",
                m.vocabulary().size(), m.vocabulary().characters(), m.vocabulary().rareCharacters(), m.oovRate()));
        return sb.toString();
    }

    private static String tally(Manifest.Tally t) {
        StringBuilder sb = new StringBuilder();
        sb.append("read ").append(t.read()).append(", kept ").append(t.kept());
        long dropped = 0;
        for (long v : t.dropped().values()) {
            dropped += v;
        }
        if (dropped > 0) {
            sb.append(", dropped");
            for (Map.Entry<String, Long> e : t.dropped().entrySet()) {
                if (e.getValue() > 0) {
                    sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
                }
            }
        }
        return sb.toString();
    }
}
