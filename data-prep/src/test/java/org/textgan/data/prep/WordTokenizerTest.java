package org.textgan.data.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.common.Split;
import org.textgan.data.SplitData;

class WordTokenizerTest {
    @Test
    void splitsPunctuationAndKeepsOriginalText() {
        WordTokenizer t = new WordTokenizer(false);
        assertEquals(List.of("\"", "Do", "n't", "go", "(", "yet", ")", "!", "\""), t.tokens("\"Don't  go (yet)!\""));
        assertEquals("it 's fine .", new WordTokenizer(true).joined("It's   fine."));
    }

    @Test
    void agreesWithTheTokenFilesOfAPreparedDataset(@TempDir Path tmp) throws Exception {
        String text = CorpusFixtures.prose(0, 30) + "\n\"Well,\" said Mrs. Jarley (smiling), \"it's 3 o'clock -- isn't it?\"\n";
        Path in = CorpusFixtures.write(tmp.resolve("c.txt"), text);
        Preparer.local().prepare(CorpusFixtures.options(List.of(in), tmp.resolve("d")));
        Dataset d = Dataset.open(tmp.resolve("d"));
        WordTokenizer t = new WordTokenizer(false);
        int checked = 0;
        for (Split s : Split.values()) {
            SplitData sd = d.split(s);
            for (int i = 0; i < sd.size(); i++) {
                assertEquals(sd.tokens().get(i), t.joined(sd.texts().get(i)), sd.texts().get(i));
                checked++;
            }
        }
        assertTrue(checked > 150);
    }
}
