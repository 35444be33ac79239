package org.textgan.data.prep;

import java.io.Serializable;

/**
 * Sentence and character counts of processed paragraphs; {@link #plus(SentenceCounts)} adds them up.
 *
 * @param sentencesRead         sentences found by CoreNLP
 * @param sentencesTooLong      dropped as longer than max-len (drop policy)
 * @param sentencesUnsplittable dropped because a word is longer than max-len (split policy)
 * @param sentencesSplit        kept sentences split into several pieces
 * @param charsRead             characters of all sentences read
 * @param charsTooLong          characters of sentences dropped as too long
 * @param charsUnsplittable     characters of sentences dropped as unsplittable
 * @param charsSplitSpaces      spaces removed at split points
 */
public record SentenceCounts(long sentencesRead, long sentencesTooLong, long sentencesUnsplittable, long sentencesSplit,
                             long charsRead, long charsTooLong, long charsUnsplittable, long charsSplitSpaces)
        implements Serializable {
    /** All zero. */
    public static final SentenceCounts ZERO = new SentenceCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * @param chars the sentence's characters
     * @return the counts of one sentence kept whole
     */
    static SentenceCounts kept(long chars) {
        return new SentenceCounts(1, 0, 0, 0, chars, 0, 0, 0);
    }

    /**
     * @param chars the sentence's characters
     * @return the counts of one sentence dropped as longer than max-len
     */
    static SentenceCounts tooLong(long chars) {
        return new SentenceCounts(1, 1, 0, 0, chars, chars, 0, 0);
    }

    /**
     * @param chars the sentence's characters
     * @return the counts of one sentence dropped because a word is longer than max-len
     */
    static SentenceCounts unsplittable(long chars) {
        return new SentenceCounts(1, 0, 1, 0, chars, 0, chars, 0);
    }

    /**
     * @param chars  the sentence's characters
     * @param spaces the spaces removed at its split points
     * @return the counts of one sentence split into pieces
     */
    static SentenceCounts split(long chars, long spaces) {
        return new SentenceCounts(1, 0, 0, 1, chars, 0, 0, spaces);
    }

    /** @return the element-wise sum */
    public SentenceCounts plus(SentenceCounts o) {
        return new SentenceCounts(sentencesRead + o.sentencesRead, sentencesTooLong + o.sentencesTooLong,
                sentencesUnsplittable + o.sentencesUnsplittable, sentencesSplit + o.sentencesSplit, charsRead + o.charsRead,
                charsTooLong + o.charsTooLong, charsUnsplittable + o.charsUnsplittable, charsSplitSpaces + o.charsSplitSpaces);
    }
}
