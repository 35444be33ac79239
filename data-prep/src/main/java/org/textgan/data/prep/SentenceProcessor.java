package org.textgan.data.prep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;

/**
 * Turns one paragraph into sentence records: normalises it ({@link TextNormalizer}), splits it into sentences and
 * PTB tokens with CoreNLP, applies the max-len policy and hashes each sentence to its split bucket.
 *
 * <p>A sentence longer than max-len (in code points) is dropped, or split greedily at word boundaries (the spaces
 * between tokens) into pieces of at most max-len; if a single word is longer than max-len the sentence is dropped
 * as unsplittable. All pieces of a sentence share the sentence's bucket, so they land in the same split.
 *
 * <p>The bucket is the first 8 bytes of SHA-256(seed as 8 little-endian bytes ++ UTF-8 sentence), taken as an
 * unsigned big-endian number modulo {@link SplitRatios#BUCKETS}: stable across JVMs and machines.
 *
 * <p>Serialisable so Spark can ship it; the CoreNLP pipeline is created lazily, once per deserialised instance.
 * Not thread-safe: use one instance per thread or partition.
 */
public final class SentenceProcessor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ProcessorOptions options;
    private transient StanfordCoreNLP pipeline;
    private transient TextNormalizer normalizer;
    private transient MessageDigest sha;
    private transient StringBuilder tokenBuilder;

    /** @param options processing options */
    public SentenceProcessor(ProcessorOptions options) {
        this.options = options;
    }

    private void init() {
        if (pipeline == null) {
            pipeline = CoreNlpFactory.newPipeline();
            normalizer = new TextNormalizer(options.lowercase());
            sha = CorpusReader.sha256();
            tokenBuilder = new StringBuilder(256);
        }
    }

    /** Processes one paragraph of raw (decoded) text. */
    public ParagraphResult process(String paragraph) {
        init();
        String text = normalizer.normalize(paragraph);
        if (text.isEmpty()) {
            return new ParagraphResult(List.of(), SentenceCounts.ZERO);
        }
        Annotation doc = new Annotation(text);
        pipeline.annotate(doc);
        List<SentenceRecord> out = new ArrayList<>();
        SentenceCounts counts = SentenceCounts.ZERO;
        int maxLen = options.maxLen();
        for (CoreMap sentence : doc.get(CoreAnnotations.SentencesAnnotation.class)) {
            List<CoreLabel> tokens = sentence.get(CoreAnnotations.TokensAnnotation.class);
            if (tokens.isEmpty()) {
                continue;
            }
            int begin = tokens.get(0).beginPosition();
            int end = tokens.get(tokens.size() - 1).endPosition();
            int length = text.codePointCount(begin, end);
            String sentenceText = text.substring(begin, end);
            if (length <= maxLen) {
                counts = counts.plus(SentenceCounts.kept(length));
                out.add(new SentenceRecord(bucket(sentenceText), List.of(sentenceText),
                        List.of(joinTokens(text, tokens, 0, tokens.size()))));
                continue;
            }
            if (options.longSentences() == LongSentencePolicy.DROP) {
                counts = counts.plus(SentenceCounts.tooLong(length));
                continue;
            }
            List<String> texts = new ArrayList<>();
            List<String> toks = new ArrayList<>();
            int spaces = splitAtWords(text, tokens, maxLen, texts, toks);
            if (spaces < 0) {
                counts = counts.plus(SentenceCounts.unsplittable(length));
                continue;
            }
            counts = counts.plus(SentenceCounts.split(length, spaces));
            out.add(new SentenceRecord(bucket(sentenceText), List.copyOf(texts), List.copyOf(toks)));
        }
        return new ParagraphResult(out, counts);
    }

    /**
     * Greedy split at the whitespace between tokens.
     *
     * @return the number of characters removed at split points, or -1 if some word is longer than maxLen
     */
    private int splitAtWords(String text, List<CoreLabel> tokens, int maxLen, List<String> texts, List<String> toks) {
        // words: maximal runs of tokens with no whitespace between them, as token index ranges
        List<int[]> words = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= tokens.size(); i++) {
            if (i == tokens.size() || tokens.get(i).beginPosition() > tokens.get(i - 1).endPosition()) {
                int b = tokens.get(first).beginPosition();
                int e = tokens.get(i - 1).endPosition();
                if (text.codePointCount(b, e) > maxLen) {
                    return -1;
                }
                words.add(new int[] {first, i});
                first = i;
            }
        }
        int removed = 0;
        int w = 0;
        while (w < words.size()) {
            int pieceBegin = tokens.get(words.get(w)[0]).beginPosition();
            int last = w;
            while (last + 1 < words.size()
                    && text.codePointCount(pieceBegin, tokens.get(words.get(last + 1)[1] - 1).endPosition()) <= maxLen) {
                last++;
            }
            int pieceEnd = tokens.get(words.get(last)[1] - 1).endPosition();
            texts.add(text.substring(pieceBegin, pieceEnd));
            toks.add(joinTokens(text, tokens, words.get(w)[0], words.get(last)[1]));
            if (last + 1 < words.size()) {
                int nextBegin = tokens.get(words.get(last + 1)[0]).beginPosition();
                removed += text.codePointCount(pieceEnd, nextBegin);
            }
            w = last + 1;
        }
        return removed;
    }

    /** Joins tokens {@code [from, to)} by single spaces (a space inside a token, as in {@code 3 1/2}, also separates). */
    private String joinTokens(String text, List<CoreLabel> tokens, int from, int to) {
        StringBuilder sb = tokenBuilder;
        sb.setLength(0);
        for (int i = from; i < to; i++) {
            CoreLabel t = tokens.get(i);
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(text, t.beginPosition(), t.endPosition());
        }
        return sb.toString();
    }

    private int bucket(String sentence) {
        sha.reset();
        long seed = options.splitSeed();
        for (int i = 0; i < 8; i++) {
            sha.update((byte) (seed >>> (8 * i)));
        }
        byte[] d = sha.digest(sentence.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(v, SplitRatios.BUCKETS);
    }
}
