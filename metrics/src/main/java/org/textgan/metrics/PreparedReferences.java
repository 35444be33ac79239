package org.textgan.metrics;

import java.util.ArrayList;
import java.util.List;
import org.textgan.metrics.bleu.ReferenceIndex;

/**
 * A reference set prepared once for repeated evaluations (e.g. every checkpoint of a run against the same
 * test sentences): its BLEU n-gram index and its lines for the character n-gram divergence.
 */
public final class PreparedReferences {
    private final ReferenceIndex index;
    private final List<String> lines;

    PreparedReferences(ReferenceIndex index, List<? extends List<String>> references) {
        this.index = index;
        List<String> joined = new ArrayList<>(references.size());
        for (List<String> r : references) {
            joined.add(String.join(" ", r));
        }
        this.lines = List.copyOf(joined);
    }

    /** @return the BLEU index of the references */
    public ReferenceIndex index() {
        return index;
    }

    /** @return the references as lines, tokens joined by single spaces */
    public List<String> lines() {
        return lines;
    }

    /** @return the number of references */
    public int size() {
        return lines.size();
    }
}
