#!/usr/bin/python3
"""Generate the NLTK 3.8 BLEU / Self-BLEU fixtures the Java metric tests compare against.

Run with Debian's Python (the one that has python3-nltk):

    /usr/bin/python3 tools/nltk_bleu_fixtures.py \
        experiments/src/test/resources/metrics/nltk_bleu_fixtures.json

Every BLEU value is produced by NLTK itself (sentence_bleu / corpus_bleu, weights 1/n each,
SmoothingFunction().method1), calling it once per order n as Texygen and TextGAN-PyTorch do.
distinct-n and the character n-gram Jensen-Shannon divergence are computed here with plain Python
(an independent implementation of the definitions, for cross-checking the Java one).
"""
import json
import math
import random
import sys
from collections import Counter

import nltk
from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu, sentence_bleu

SEED = 20261124
MAX_N = 5
SMOOTH = SmoothingFunction().method1


def weights(n):
    return tuple(1.0 / n for _ in range(n))


def sbleu(refs, hyp):
    return [float(sentence_bleu(refs, hyp, weights(n), smoothing_function=SMOOTH)) for n in range(1, MAX_N + 1)]


def cbleu(list_of_refs, hyps):
    return [float(corpus_bleu(list_of_refs, hyps, weights(n), smoothing_function=SMOOTH)) for n in range(1, MAX_N + 1)]


def toks(s):
    return s.split()


EDGE_CASES = [
    ("exact_match", ["the cat sat on the mat today"], "the cat sat on the mat today"),
    ("no_overlap", ["the cat sat on the mat"], "dogs bark loudly at night"),
    ("no_4gram_overlap", ["a b c d e f g h"], "a b c x b c d y"),
    ("no_bigram_overlap", ["a b c d e"], "e d c b a"),
    ("hyp_len_1", ["a b c d e"], "c"),
    ("hyp_len_1_no_match", ["a b c d e"], "z"),
    ("hyp_len_2", ["a b c d e"], "b c"),
    ("hyp_len_3", ["a b c d e"], "b c d"),
    ("hyp_len_4", ["a b c d e", "x y"], "a b c d"),
    ("empty_hypothesis", ["a b c"], ""),
    ("empty_reference_among_others", ["", "a b c d e f"], "a b"),
    ("brevity_penalty", ["one two three four five six seven eight nine ten eleven twelve"], "one two three"),
    ("longer_than_all_refs", ["a b c", "a b"], "a b c a b c a b"),
    ("length_tie_goes_shorter", ["a b c d", "a b c d e f"], "a b c d e"),
    ("length_tie_goes_shorter_2", ["x a b c d e f", "a b c", "q r s t u v w x y"], "a b c d e"),
    ("clipping_repeated_tokens", ["the cat is on the mat", "there is a cat on the mat"], "the the the the the the the"),
    ("clipping_bigrams", ["a a a b", "a a b b b"], "a a a a b b b b"),
    ("equal_length", ["a b c d e f"], "a b c d e g"),
    ("duplicate_references", ["a b c d", "a b c d", "a b x d"], "a b c d a b"),
    ("nltk_doc_1",
     ["It is a guide to action that ensures that the military will forever heed Party commands",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party",
      "It is the practical guide for the army always to heed the directions of the party"],
     "It is a guide to action which ensures that the military always obeys the commands of the party"),
    ("nltk_doc_2",
     ["It is a guide to action that ensures that the military will forever heed Party commands",
      "It is the guiding principle which guarantees the military forces always being under the command of the Party",
      "It is the practical guide for the army always to heed the directions of the party"],
     "It is to insure the troops forever hearing the activity guidebook that party direct"),
]


def zipf_sentence(rng, vocab, cum, min_len, max_len):
    n = rng.randint(min_len, max_len)
    out = []
    for _ in range(n):
        u = rng.random() * cum[-1]
        lo, hi = 0, len(cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < u:
                lo = mid + 1
            else:
                hi = mid
        out.append(vocab[lo])
    return out


def make_vocab(size):
    vocab = ["w%d" % i for i in range(size)]
    cum, acc = [], 0.0
    for i in range(size):
        acc += 1.0 / (i + 1)
        cum.append(acc)
    return vocab, cum


def distinct(samples, n):
    grams = [tuple(s[i:i + n]) for s in samples for i in range(len(s) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0


def char_dist(lines, n):
    c = Counter()
    for line in lines:
        for i in range(len(line) - n + 1):
            c[line[i:i + n]] += 1
    return c


def jsd(p_lines, q_lines, n):
    p, q = char_dist(p_lines, n), char_dist(q_lines, n)
    tp, tq = sum(p.values()), sum(q.values())
    total = 0.0
    for g in set(p) | set(q):
        a = p[g] / tp
        b = q[g] / tq
        m = 0.5 * (a + b)
        if a > 0:
            total += 0.5 * a * math.log2(a / m)
        if b > 0:
            total += 0.5 * b * math.log2(b / m)
    return total


def main(out_path):
    rng = random.Random(SEED)
    fixtures = {"nltk_version": nltk.__version__, "seed": SEED, "max_n": MAX_N}

    fixtures["sentence_cases"] = [
        {"name": name, "references": refs, "hypothesis": hyp, "bleu": sbleu([toks(r) for r in refs], toks(hyp))}
        for name, refs, hyp in EDGE_CASES
    ]

    vocab, cum = make_vocab(40)
    references = [zipf_sentence(rng, vocab, cum, 0 if i == 0 else 2, 18) for i in range(50)]
    hypotheses = [zipf_sentence(rng, vocab, cum, 0, 16) for _ in range(70)]
    hypotheses[3] = list(references[7])  # an exact copy of a reference
    hypotheses[5] = []                   # an empty hypothesis
    per_hyp = [sbleu(references, h) for h in hypotheses]
    fixtures["random_bleu"] = {
        "references": [" ".join(r) for r in references],
        "hypotheses": [" ".join(h) for h in hypotheses],
        "sentence_bleu": per_hyp,
        "mean_sentence_bleu": [sum(v[n] for v in per_hyp) / len(per_hyp) for n in range(MAX_N)],
        "corpus_bleu": cbleu([references] * len(hypotheses), hypotheses),
    }

    samples = [zipf_sentence(rng, vocab, cum, 1, 12) for _ in range(36)]
    samples[10] = list(samples[4])   # duplicates: other copies DO count as references
    samples[20] = list(samples[4])
    samples[30] = ["w0"]
    samples[31] = []
    others = [samples[:i] + samples[i + 1:] for i in range(len(samples))]
    per_sample = [sbleu(others[i], samples[i]) for i in range(len(samples))]
    fixtures["self_bleu"] = {
        "samples": [" ".join(s) for s in samples],
        "sentence_bleu": per_sample,
        "mean_sentence_bleu": [sum(v[n] for v in per_sample) / len(per_sample) for n in range(MAX_N)],
        "corpus_bleu": cbleu(others, samples),
    }

    hyp_lines = [" ".join(h) for h in hypotheses]
    ref_lines = [" ".join(r) for r in references]
    fixtures["diversity"] = {
        "distinct": [distinct(hypotheses, n) for n in range(1, 5)],
        "jsd_char": [jsd(hyp_lines, ref_lines, n) for n in range(1, 5)],
    }

    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    print("wrote", out_path, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "experiments/src/test/resources/metrics/nltk_bleu_fixtures.json")
