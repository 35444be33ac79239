#!/usr/bin/python3
"""PyTorch peer of textgan's CNN discriminator benchmark (org.textgan.discriminator.bench.DiscriminatorBench).

The same architecture and sizes: embedding as a dense [V, E] matrix applied to soft/one-hot rows, conv1d per filter
width (valid padding, bias, ReLU), max over time, concatenation, highway layer, dropout, linear to one logit.
Timed on one thread, with warm-up, reporting medians of wall-clock and of the thread's CPU time, for:
  d_step  forward+backward of a real (one-hot) and a fake (soft) batch, standard GAN discriminator loss,
          parameter gradients only;
  g_side  forward+backward of a fake batch including the gradient w.r.t. the soft input;
  forward forward of a fake batch (training mode, no grad recorded);
  lstm_d_step  d_step of the per-step LSTM discriminator (embedding E=64, one LSTM layer H=128, a logit per step).

Run with Debian's Python, which has torch:  /usr/bin/python3 tools/peer/discriminator_peer.py [--json]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class CnnDiscriminator(nn.Module):
    def __init__(self, vocab, emb=64, widths=(2, 3, 4, 5), filters=64, dropout=0.25):
        super().__init__()
        self.embedding = nn.Linear(vocab, emb, bias=False)
        self.convs = nn.ModuleList(nn.Conv1d(emb, filters, w) for w in widths)
        self.dim = filters * len(widths)
        self.highway = nn.Linear(self.dim, 2 * self.dim)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(self.dim, 1)

    def forward(self, x):  # x: [B, T, V]
        e = self.embedding(x).transpose(1, 2)  # [B, E, T]
        h = torch.cat([F.relu(conv(e)).max(dim=2).values for conv in self.convs], dim=1)
        z = self.highway(h)
        gate = torch.sigmoid(z[:, :self.dim])
        cand = F.relu(z[:, self.dim:])
        o = gate * cand + (1 - gate) * h
        return self.out(self.dropout(o))  # [B, 1]


class LstmDiscriminator(nn.Module):
    def __init__(self, vocab, emb=64, hidden=128):
        super().__init__()
        self.embedding = nn.Linear(vocab, emb, bias=False)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, x):  # x: [B, T, V] -> [B, T, 1]
        h, _ = self.lstm(self.embedding(x))
        return self.out(h)


def measure(fn, warmup, iters):
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(iters):
        c0 = time.thread_time_ns()
        t0 = time.perf_counter_ns()
        fn()
        wall.append((time.perf_counter_ns() - t0) / 1e6)
        cpu.append((time.thread_time_ns() - c0) / 1e6)
    wall.sort()
    return {"median": statistics.median(wall), "p25": wall[iters // 4], "p75": wall[(3 * iters) // 4],
            "cpu_median": statistics.median(cpu)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=32)
    ap.add_argument("--vocab", type=int, default=64)
    ap.add_argument("--iters", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    B, T, V = args.batch, args.steps, args.vocab
    d = CnnDiscriminator(V)
    d.train()
    real = F.one_hot(torch.randint(V, (B, T)), V).float()
    fake = torch.softmax(3 * torch.randn(B, T, V), dim=-1)
    ones = torch.ones(B, 1)
    zeros = torch.zeros(B, 1)

    def d_step():
        d.zero_grad(set_to_none=False)
        loss = F.binary_cross_entropy_with_logits(d(real), ones) + \
            F.binary_cross_entropy_with_logits(d(fake), zeros)
        loss.backward()

    fake_leaf = fake.clone().requires_grad_(True)

    def g_side():
        d.zero_grad(set_to_none=False)
        fake_leaf.grad = None
        loss = F.binary_cross_entropy_with_logits(d(fake_leaf), ones)
        loss.backward()

    def forward():
        with torch.no_grad():
            d(fake)

    lstm = LstmDiscriminator(V)
    ones_steps = torch.ones(B, T, 1)
    zeros_steps = torch.zeros(B, T, 1)

    def lstm_d_step():
        lstm.zero_grad(set_to_none=False)
        loss = F.binary_cross_entropy_with_logits(lstm(real), ones_steps) + \
            F.binary_cross_entropy_with_logits(lstm(fake), zeros_steps)
        loss.backward()

    results = {name: measure(fn, args.warmup, args.iters)
               for name, fn in (("d_step", d_step), ("g_side", g_side), ("forward", forward),
                                ("lstm_d_step", lstm_d_step))}
    if args.json:
        print(json.dumps({"impl": "pytorch-" + torch.__version__, "threads": args.threads, "B": B, "T": T, "V": V,
                          "results_ms": results}))
    else:
        print(f"PyTorch {torch.__version__} CNN discriminator, B={B} T={T} V={V}, float32, "
              f"{args.threads} thread(s)")
        for name, r in results.items():
            print(f"{name:<11} median {r['median']:8.3f} ms   (p25 {r['p25']:.3f}, p75 {r['p75']:.3f})   "
                  f"thread CPU median {r['cpu_median']:8.3f} ms")


if __name__ == "__main__":
    main()
