#!/usr/bin/python3
"""BLEU / Self-BLEU benchmark: textgan's Java metrics against NLTK 3.8, side by side in one run.

    /usr/bin/python3 tools/bench_bleu_nltk.py --cp "$CP" --dir /tmp/bleu-bench

1. Runs org.textgan.metrics.bench.BleuBenchmark (java -cp CP), which writes a deterministic synthetic corpus
   (samples.txt, references.txt: Zipfian words, seed 2026) into --dir, times BLEU-2..5 of all samples
   against all references and Self-BLEU-2..5 of all samples (median of warm repeats, index building
   included), and writes every per-hypothesis value to java_bleu.json.
2. Reads the same files and runs NLTK's sentence_bleu (SmoothingFunction().method1, weights 1/n) on the
   first --nltk-bleu-subset samples against ALL references, and Self-BLEU for the first --nltk-self-subset
   samples against ALL other samples. NLTK is given its fastest form: one sentence_bleu call per hypothesis
   with the four weight tuples (orders 1..5 counted once). Its time is extrapolated linearly to the full
   sample count (each hypothesis costs the same amount of work against the same references), and every
   NLTK value on the subset is compared with Java's.
3. Prints a Markdown table and writes bench_summary.json into --dir.
"""
import argparse
import json
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone

import nltk
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

ORDERS = (2, 3, 4, 5)
WEIGHTS = [tuple(1.0 / n for _ in range(n)) for n in ORDERS]
SMOOTH = SmoothingFunction().method1


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split() for line in f]


def nltk_scores(refs, hyp):
    return [float(v) for v in sentence_bleu(refs, hyp, WEIGHTS, smoothing_function=SMOOTH)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cp", required=True, help="Java classpath holding experiments/target/classes")
    ap.add_argument("--dir", default="/tmp/bleu-bench")
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--references", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--nltk-bleu-subset", type=int, default=40)
    ap.add_argument("--nltk-self-subset", type=int, default=200)
    ap.add_argument("--java", default="java")
    args = ap.parse_args()

    cmd = [args.java, "-cp", args.cp, "org.textgan.metrics.bench.BleuBenchmark", args.dir, str(args.samples),
           str(args.references), str(args.seed), str(args.threads), str(args.repeats)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    java_wall = time.perf_counter() - t0
    with open(f"{args.dir}/java_bleu.json", encoding="utf-8") as f:
        java = json.load(f)
    jres = java["result"]

    samples = read_sentences(f"{args.dir}/samples.txt")
    references = read_sentences(f"{args.dir}/references.txt")
    assert len(samples) == args.samples and len(references) == args.references

    k_bleu = min(args.nltk_bleu_subset, len(samples))
    t0 = time.perf_counter()
    bleu_vals = [nltk_scores(references, samples[i]) for i in range(k_bleu)]
    t_bleu = time.perf_counter() - t0

    k_self = min(args.nltk_self_subset, len(samples))
    t0 = time.perf_counter()
    self_vals = [nltk_scores(samples[:i] + samples[i + 1:], samples[i]) for i in range(k_self)]
    t_self = time.perf_counter() - t0

    diff_bleu = max(abs(a - b) for i in range(k_bleu) for a, b in zip(bleu_vals[i], java["sentence_bleu"][i]))
    diff_self = max(abs(a - b) for i in range(k_self) for a, b in zip(self_vals[i], java["sentence_self_bleu"][i]))
    n = len(samples)
    # means over the subsets (the full means when a subset is the whole sample set)
    mean_diff_bleu = max(abs(sum(v[j] for v in bleu_vals) / k_bleu
                             - sum(java["sentence_bleu"][i][j] for i in range(k_bleu)) / k_bleu) for j in range(4))
    mean_diff_self = max(abs(sum(v[j] for v in self_vals) / k_self
                             - sum(java["sentence_self_bleu"][i][j] for i in range(k_self)) / k_self)
                         for j in range(4))
    if k_bleu == n:
        mean_diff_bleu = max(mean_diff_bleu, max(abs(sum(v[j] for v in bleu_vals) / n - jres["bleu"][j])
                                                 for j in range(4)))
    if k_self == n:
        mean_diff_self = max(mean_diff_self, max(abs(sum(v[j] for v in self_vals) / n - jres["self_bleu"][j])
                                                 for j in range(4)))
    nltk_bleu_ms = t_bleu * 1000.0 * n / k_bleu
    nltk_self_ms = t_self * 1000.0 * n / k_self

    summary = {
        "date_utc": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {platform.platform()}, python {platform.python_version()}",
        "nltk": nltk.__version__,
        "n_samples": n, "n_references": len(references), "threads": jres["threads"],
        "java_bleu_ms_1thread": jres["bleu_ms_1thread"], "java_bleu_ms": jres["bleu_ms"],
        "java_self_bleu_ms_1thread": jres["self_bleu_ms_1thread"], "java_self_bleu_ms": jres["self_bleu_ms"],
        "java_process_wall_s": java_wall,
        "nltk_bleu_subset": k_bleu, "nltk_bleu_subset_s": t_bleu, "nltk_bleu_ms_extrapolated": nltk_bleu_ms,
        "nltk_self_subset": k_self, "nltk_self_subset_s": t_self, "nltk_self_bleu_ms_extrapolated": nltk_self_ms,
        "max_abs_diff_bleu": diff_bleu, "max_abs_diff_self_bleu": diff_self,
        "max_abs_diff_mean_bleu": mean_diff_bleu, "max_abs_diff_mean_self_bleu": mean_diff_self,
        "java_bleu": jres["bleu"], "java_corpus_bleu": jres["corpus_bleu"], "java_self_bleu": jres["self_bleu"],
    }
    with open(f"{args.dir}/bench_summary.json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)

    print(f"| metric | Java, 1 thread | Java, {jres['threads']} threads | NLTK 3.8 (extrapolated) "
          f"| speed-up, 1 thread | speed-up, {jres['threads']} threads | max abs diff |")
    print("|---|---|---|---|---|---|---|")
    print(f"| BLEU-2..5, {n} x {len(references)} | {jres['bleu_ms_1thread']:.1f} ms | {jres['bleu_ms']:.1f} ms "
          f"| {nltk_bleu_ms / 1000:.1f} s ({k_bleu} hyps: {t_bleu:.1f} s) "
          f"| {nltk_bleu_ms / jres['bleu_ms_1thread']:.0f}x | {nltk_bleu_ms / jres['bleu_ms']:.0f}x | {diff_bleu:.1e} |")
    print(f"| Self-BLEU-2..5, {n} | {jres['self_bleu_ms_1thread']:.1f} ms | {jres['self_bleu_ms']:.1f} ms "
          f"| {nltk_self_ms / 1000:.1f} s ({k_self} hyps: {t_self:.1f} s) "
          f"| {nltk_self_ms / jres['self_bleu_ms_1thread']:.0f}x | {nltk_self_ms / jres['self_bleu_ms']:.0f}x "
          f"| {diff_self:.1e} |")
    print(json.dumps(summary, indent=1), file=sys.stderr)
    if max(diff_bleu, diff_self, mean_diff_bleu, mean_diff_self) > 1e-9:
        print("VALUES DIFFER by more than 1e-9", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
