package org.textgan.data.prep;

import org.textgan.common.TokenIds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.textgan.data.Dataset;
import org.textgan.common.Json;
import org.textgan.data.Manifest;
import org.textgan.data.SequenceFile;
import org.textgan.common.Split;
import org.textgan.data.ToolVersion;
import org.textgan.data.Vocabulary;

/**
 * Builds the dataset from processed paragraphs: assigns every sentence to its split by bucket, builds the
 * vocabulary from the training split (characters seen at least {@code min-char-count} times, in code point order),
 * encodes the splits and writes manifest, vocabulary and split files into a directory. Deterministic: the same
 * paragraphs and options give byte-identical files.
 */
public final class DatasetAssembler {
    private static final int BMP = 0x10000;

    /**
     * Writes the dataset into {@code dir} (normally a temporary directory).
     *
     * @return the manifest written
     * @throws PrepareException if nothing usable remains (no sentences, or no training sentences)
     */
    public Manifest write(Path dir, PrepareOptions options, ReadCorpus read, List<ParagraphResult> results) throws IOException {
        Map<Split, List<String>> texts = new EnumMap<>(Split.class);
        Map<Split, List<String>> tokens = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            texts.put(s, new ArrayList<>());
            tokens.put(s, new ArrayList<>());
        }
        SentenceCounts counts = SentenceCounts.ZERO;
        long sentencesKept = 0;
        for (ParagraphResult r : results) {
            counts = counts.plus(r.counts());
            for (SentenceRecord rec : r.sentences()) {
                Split s = options.split().splitOf(rec.bucket());
                sentencesKept++;
                texts.get(s).addAll(rec.texts());
                tokens.get(s).addAll(rec.tokens());
            }
        }
        if (sentencesKept == 0) {
            throw new PrepareException("no sentences kept from " + read.files().read() + " input file(s) (" + read.lines().read()
                    + " lines read, " + counts.sentencesRead() + " sentences found); check --input and --max-len");
        }
        if (texts.get(Split.TRAIN).isEmpty()) {
            throw new PrepareException("no sentence fell into the training split (" + sentencesKept
                    + " sentences kept); give more text or change --split");
        }

        long[] bmpCounts = new long[BMP];
        Map<Integer, Long> supCounts = new HashMap<>();
        for (String t : texts.get(Split.TRAIN)) {
            for (int i = 0; i < t.length(); ) {
                int cp = t.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < BMP) {
                    bmpCounts[cp]++;
                } else {
                    supCounts.merge(cp, 1L, Long::sum);
                }
            }
        }
        TreeMap<Integer, Long> seen = new TreeMap<>(supCounts);
        for (int cp = 0; cp < BMP; cp++) {
            if (bmpCounts[cp] > 0) {
                seen.put(cp, bmpCounts[cp]);
            }
        }
        List<Integer> kept = new ArrayList<>();
        int rare = 0;
        for (Map.Entry<Integer, Long> e : seen.entrySet()) {
            if (e.getValue() >= options.minCharCount()) {
                kept.add(e.getKey());
            } else {
                rare++;
            }
        }
        int[] cps = new int[kept.size()];
        long[] cnt = new long[kept.size()];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = kept.get(i);
            cnt[i] = seen.get(cps[i]);
        }
        Vocabulary vocab = new Vocabulary(cps, cnt);

        Map<String, Manifest.SplitStats> splitStats = new LinkedHashMap<>();
        java.util.Set<Integer> unseen = new java.util.HashSet<>();
        long charsKept = 0;
        long unkAll = 0;
        for (Split s : Split.values()) {
            List<int[]> encoded = new ArrayList<>(texts.get(s).size());
            long chars = 0;
            long unk = 0;
            for (String t : texts.get(s)) {
                int[] ids = vocab.encode(t);
                encoded.add(ids);
                chars += ids.length;
                for (int k = 0, i = 0; k < ids.length; k++) {
                    int cp = t.codePointAt(i);
                    i += Character.charCount(cp);
                    if (ids[k] == TokenIds.UNK) {
                        unk++;
                        if (s != Split.TRAIN && !seen.containsKey(cp)) {
                            unseen.add(cp);
                        }
                    }
                }
            }
            charsKept += chars;
            unkAll += unk;
            splitStats.put(s.fileStem(), new Manifest.SplitStats(encoded.size(), chars, unk, rate(unk, chars)));
            SequenceFile.write(dir.resolve(s.fileStem() + Dataset.IDS_SUFFIX), encoded, vocab.size());
            writeLines(dir.resolve(s.fileStem() + Dataset.TEXT_SUFFIX), texts.get(s));
            writeLines(dir.resolve(s.fileStem() + Dataset.TOKENS_SUFFIX), tokens.get(s));
        }
        vocab.write(dir.resolve(Dataset.VOCAB));

        Map<String, Long> sentenceDrops = new LinkedHashMap<>();
        sentenceDrops.put("too_long", counts.sentencesTooLong());
        sentenceDrops.put("unsplittable", counts.sentencesUnsplittable());
        Map<String, Long> charDrops = new LinkedHashMap<>();
        charDrops.put("split_spaces", counts.charsSplitSpaces());
        charDrops.put("too_long", counts.charsTooLong());
        charDrops.put("unsplittable", counts.charsUnsplittable());
        Manifest.Tally sentences = new Manifest.Tally(counts.sentencesRead(), sentencesKept, sentenceDrops);
        Manifest.Tally characters = new Manifest.Tally(counts.charsRead(), charsKept, charDrops);
        if (!sentences.reconciles() || !characters.reconciles()) {
            throw new IllegalStateException("internal error: counts do not reconcile: " + sentences + " " + characters);
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, ToolVersion.get(),
                options.manifestOptions(), read.inputs(), read.files(), read.lines(), sentences, characters,
                counts.sentencesSplit(), splitStats,
                new Manifest.VocabularyStats(vocab.size(), cps.length, rare, unseen.size()), rate(unkAll, charsKept));
        Files.write(dir.resolve(Dataset.MANIFEST), Json.mapper().writeValueAsBytes(manifest));
        return manifest;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
    }
}
