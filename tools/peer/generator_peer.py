#!/usr/bin/env python3
"""PyTorch peer of textgan's char-LSTM generator benchmark (run with /usr/bin/python3, torch 1.13).

Same model as org.textgan.generator.lstm: embedding [V,E], 1-layer LSTM (torch.nn.LSTM for teacher-forced MLE,
torch.nn.LSTMCell for the free-running rollout), linear head [H,V], Gumbel-Softmax soft tokens
softmax((logits+g)/tau) fed back as y @ Emb; exact sampling of B sequences of T symbols (LSTMCell steps, Gumbel-max
over the logits with one uniform per element, as textgan's Sampler) and the teacher-forced NLL of B sequences without
gradients. float32, one thread. Times are medians over --iters steps after
--warmup steps, in milliseconds, wall clock and process CPU time. Prints one JSON object per hidden size.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)


class Gen(torch.nn.Module):
    def __init__(self, V, E, H):
        super().__init__()
        self.emb = torch.nn.Embedding(V, E)
        self.lstm = torch.nn.LSTM(E, H)
        self.cell = torch.nn.LSTMCell(E, H)
        # share weights between the sequence LSTM and the cell, so that both paths are one model
        self.cell.weight_ih = self.lstm.weight_ih_l0
        self.cell.weight_hh = self.lstm.weight_hh_l0
        self.cell.bias_ih = self.lstm.bias_ih_l0
        self.cell.bias_hh = self.lstm.bias_hh_l0
        self.out = torch.nn.Linear(H, V)
        self.H = H

    def mle_loss(self, inputs, targets):
        x = self.emb(inputs)                      # [T, B, E]
        h, _ = self.lstm(x)                       # [T, B, H]
        logits = self.out(h)                      # [T, B, V]
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=0)

    def rollout(self, T, B, tau, bos=1):
        V = self.out.out_features
        h = torch.zeros(B, self.H)
        c = torch.zeros(B, self.H)
        x = self.emb(torch.full((B,), bos, dtype=torch.long))
        ys = []
        for _ in range(T):
            h, c = self.cell(x, (h, c))
            logits = self.out(h)
            g = -torch.log(-torch.log(torch.rand(B, V).clamp_(1e-20, 1 - 1e-7)))
            y = torch.softmax((logits + g) / tau, dim=-1)
            ys.append(y)
            x = y @ self.emb.weight
        return torch.stack(ys)                    # [T, B, V]

    @torch.no_grad()
    def sample_ids(self, T, B, bos=1):
        """Exact samples by Gumbel-max, as textgan's Sampler: [B, T]."""
        V = self.out.out_features
        h = torch.zeros(B, self.H)
        c = torch.zeros(B, self.H)
        ids = torch.full((B,), bos, dtype=torch.long)
        out = []
        for _ in range(T):
            h, c = self.cell(self.emb(ids), (h, c))
            logits = self.out(h)
            g = -torch.log(-torch.log(torch.rand(B, V).clamp_(1e-20, 1 - 1e-7)))
            ids = (logits + g).argmax(dim=-1)
            out.append(ids)
        return torch.stack(out, dim=1)



def median_ms(fn, warmup, iters):
    """Median wall-clock and process-CPU milliseconds of fn."""
    for _ in range(warmup):
        fn()
    ts, cs = [], []
    for _ in range(iters):
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
        cs.append((time.process_time() - c0) * 1e3)
    return statistics.median(ts), statistics.median(cs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=32)
    ap.add_argument("--vocab", type=int, default=64)
    ap.add_argument("--embedding", type=int, default=32)
    ap.add_argument("--hidden", type=int, nargs="+", default=[128, 256])
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--tau", type=float, default=1.0)
    a = ap.parse_args()
    torch.manual_seed(0)
    for H in a.hidden:
        m = Gen(a.vocab, a.embedding, H)
        opt = torch.optim.Adam([p for n, p in m.named_parameters() if not n.startswith("cell.")], lr=1e-3)
        inputs = torch.randint(4, a.vocab, (a.steps, a.batch))
        targets = torch.randint(4, a.vocab, (a.steps, a.batch))
        coef = torch.randn(a.steps, a.batch, a.vocab)

        def mle_step():
            opt.zero_grad(set_to_none=False)
            loss = m.mle_loss(inputs, targets)
            loss.backward()
            opt.step()

        def rollout_step():
            opt.zero_grad(set_to_none=False)
            y = m.rollout(a.steps, a.batch, a.tau)
            (y * coef).sum().backward()
            opt.step()

        def rollout_forward():
            with torch.no_grad():
                m.rollout(a.steps, a.batch, a.tau)

        def sample():
            m.sample_ids(a.steps, a.batch)

        def nll_eval():
            with torch.no_grad():
                m.mle_loss(inputs, targets).item()

        res = {"hidden": H, "threads": torch.get_num_threads(), "torch": torch.__version__}
        for name, fn in (("mle_step", mle_step), ("rollout_step", rollout_step),
                         ("rollout_forward", rollout_forward), ("sample", sample), ("nll_eval", nll_eval)):
            res[name + "_ms"], res[name + "_cpu_ms"] = median_ms(fn, a.warmup, a.iters)
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
