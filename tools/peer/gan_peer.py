#!/usr/bin/python3
"""PyTorch peer of textgan's full GAN step benchmark (org.textgan.experiments.bench.GanStepBenchmark).

Run with Debian's Python, which has torch 1.13:
    /usr/bin/python3 tools/peer/gan_peer.py [--hidden 128 256] [--estimators gumbel st-gumbel reinforce]

One adversarial step = one discriminator step + one generator step, float32, one thread, like the Java trainer
(org.textgan.experiments.train.AdversarialStepper):
  generator      embedding [V,E], one LSTM layer (nn.LSTMCell for the free-running rollout, nn.LSTM sharing its
                 weights for the teacher-forced REINFORCE pass), linear head [H,V]; rollout from BOS with
                 Gumbel-Softmax soft tokens y = softmax((logits+g)/tau) fed back as y @ Emb;
                 st-gumbel: D sees y_hard - y.detach() + y (hard forward, soft gradient), feedback stays soft
  discriminator  the CNN of tools/peer/discriminator_peer.py (embedding 64, widths 2-5, 64 filters each, highway,
                 dropout 0.25); hard sequences are embedded by lookup, soft ones by a matrix product
  loss           RSGAN: D minimises softplus(-(d_real - d_fake)), G minimises softplus(-(d_fake - d_real))
  D step         real batch + a fresh fake batch (no generator graph), forward on the 2B batch, backward,
                 gradient-norm clipping at 5, Adam
  G step         gumbel / st-gumbel: fresh real batch, rollout with graph, D forward, backward through D into the
                 generator, clipping, Adam; reinforce: sample ids (Gumbel-max), D reward sigmoid(d_fake - d_real)
                 per sequence, moving-average baseline, loss -(R - b) * log p(x) summed over tokens / B via the
                 teacher-forced nn.LSTM, backward, clipping, Adam; with --rollouts K (SeqGAN), the reward of every
                 prefix x_0..x_t (t < len - 1, len up to the first EOS) is the mean of -softplus(-(d - d_real)) over
                 K completions, all completions of all prefixes generated in one batched LSTMCell pass and scored
                 by D (evaluation mode) in chunks of --chunk rows, the real logits computed once
Prints one JSON object per (estimator, hidden) with every timed step's wall-clock, thread-CPU, D-section and
G-section milliseconds and their medians, after --warmup untimed steps.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from discriminator_peer import CnnDiscriminator  # noqa: E402
from generator_peer import Gen as PeerGenerator  # noqa: E402

torch.set_num_threads(1)
BOS = 1


class Disc(CnnDiscriminator):
    """The peer CNN discriminator, also accepting id sequences [B, T] (embedding lookup)."""

    def forward(self, x):
        if x.dtype == torch.long:
            e = F.embedding(x, self.embedding.weight.t()).transpose(1, 2)  # [B, E, T]
        else:
            e = self.embedding(x).transpose(1, 2)
        h = torch.cat([F.relu(conv(e)).max(dim=2).values for conv in self.convs], dim=1)
        z = self.highway(h)
        gate = torch.sigmoid(z[:, :self.dim])
        cand = F.relu(z[:, self.dim:])
        o = gate * cand + (1 - gate) * h
        return self.out(self.dropout(o))


class Gen(PeerGenerator):
    """The generator peer of tools/peer/generator_peer.py (its sample_ids samples for REINFORCE), with the
    straight-through rollout."""

    def __init__(self, V, E, H):
        super().__init__(V, E, H)
        self.V = V

    def params(self):
        return [p for n, p in self.named_parameters() if not n.startswith("cell.")]

    def rollout(self, T, B, tau, straight_through):
        """Gumbel-Softmax rollout: returns D's input [B, T, V] (soft, or straight-through one-hots)."""
        h = torch.zeros(B, self.H)
        c = torch.zeros(B, self.H)
        x = self.emb(torch.full((B,), BOS, dtype=torch.long))
        ys = []
        for _ in range(T):
            h, c = self.cell(x, (h, c))
            logits = self.out(h)
            g = -torch.log(-torch.log(torch.rand(B, self.V).clamp_(1e-20, 1 - 1e-7)))
            y = torch.softmax((logits + g) / tau, dim=-1)
            if straight_through:
                hard = F.one_hot(y.argmax(dim=-1), self.V).to(y.dtype)
                ys.append(hard - y.detach() + y)
            else:
                ys.append(y)
            x = y @ self.emb.weight
        return torch.stack(ys, dim=1)

    def log_probs(self, ids):
        """Teacher-forced log p(x_t | x_<t) of ids [B, T]: [B, T]."""
        B = ids.shape[0]
        inp = torch.cat([torch.full((B, 1), BOS, dtype=torch.long), ids[:, :-1]], dim=1).t()  # [T, B]
        h, _ = self.lstm(self.emb(inp))
        lp = torch.log_softmax(self.out(h), dim=-1)  # [T, B, V]
        return lp.gather(2, ids.t().unsqueeze(2)).squeeze(2).t()


EOS = 2


@torch.no_grad()
def rollout_rewards(gen, disc, ids, real_logits, K, chunk):
    """Batched SeqGAN Monte-Carlo rewards: Q [B, T] for t < len - 1 (zeros elsewhere)."""
    B, T = ids.shape
    is_eos = ids == EOS
    first = torch.where(is_eos.any(dim=1), is_eos.float().argmax(dim=1), torch.full((B,), T - 1)) + 1  # len
    t_grid = torch.arange(T).unsqueeze(0).expand(B, T)
    valid = t_grid < (first.unsqueeze(1) - 1)
    b_idx, t_idx = valid.nonzero(as_tuple=True)
    b_idx = b_idx.repeat_interleave(K)
    t_idx = t_idx.repeat_interleave(K)
    Q = torch.zeros(B, T)
    n = b_idx.numel()
    if n == 0:
        return Q
    h = torch.zeros(n, gen.H)
    c = torch.zeros(n, gen.H)
    inp = torch.full((n,), BOS, dtype=torch.long)
    ended = torch.zeros(n, dtype=torch.bool)
    out = []
    for u in range(T):
        h, c = gen.cell(gen.emb(inp), (h, c))
        logits = gen.out(h)
        g = -torch.log(-torch.log(torch.rand(n, gen.V).clamp_(1e-20, 1 - 1e-7)))
        tok = torch.where(u <= t_idx, ids[b_idx, u], (logits + g).argmax(dim=-1))
        tok = torch.where(ended, torch.zeros_like(tok), tok)
        ended = ended | (tok == EOS)
        out.append(tok)
        inp = tok
    seqs = torch.stack(out, dim=1)
    scores = torch.cat([disc(seqs[i:i + chunk]) for i in range(0, n, chunk)]).squeeze(1)
    r = -F.softplus(-(scores - real_logits[b_idx])) / K
    Q.index_put_((b_idx, t_idx), r, accumulate=True)
    return Q


def rsgan(pos, neg):
    return F.softplus(-(pos - neg)).mean()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=32)
    ap.add_argument("--vocab", type=int, default=64)
    ap.add_argument("--embedding", type=int, default=32)
    ap.add_argument("--hidden", type=int, nargs="+", default=[128, 256])
    ap.add_argument("--estimators", nargs="+", default=["gumbel", "st-gumbel", "reinforce"],
                    choices=["gumbel", "st-gumbel", "reinforce"])
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--iters", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tau", type=float, default=1.0)
    ap.add_argument("--rollouts", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=1638)
    ap.add_argument("--threads", type=int, default=1, help="intra-op threads (torch.set_num_threads; default 1)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    B, T, V = a.batch, a.steps, a.vocab
    train = torch.randint(4, V, (1024, T))
    for H in a.hidden:
        for est in a.estimators:
            gen = Gen(V, a.embedding, H)
            disc = Disc(V)
            disc.train()
            g_opt = torch.optim.Adam(gen.params(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)
            d_opt = torch.optim.Adam(disc.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)
            state = {"baseline": None}

            def real_batch():
                return train[torch.randint(0, train.shape[0], (B,))]

            def d_step():
                real = real_batch()
                if est == "reinforce":
                    fake = gen.sample_ids(T, B)
                    x = torch.cat([real, fake], dim=0)
                else:
                    with torch.no_grad():
                        fake = gen.rollout(T, B, a.tau, est == "st-gumbel")
                    x = torch.cat([F.one_hot(real, V).float(), fake], dim=0)
                d_opt.zero_grad(set_to_none=False)
                logits = disc(x)
                loss = rsgan(logits[:B], logits[B:])
                loss.backward()
                torch.nn.utils.clip_grad_norm_(disc.parameters(), 5.0)
                d_opt.step()
                return loss.item()

            def g_step():
                real = real_batch()
                g_opt.zero_grad(set_to_none=False)
                if est == "reinforce":
                    ids = gen.sample_ids(T, B)
                    with torch.no_grad():
                        disc.eval()
                        logits = disc(torch.cat([real, ids], dim=0))
                        reward = -F.softplus(-(logits[B:] - logits[:B])).squeeze(1)  # [B]
                        mean = reward.mean().item()
                        b = 0.0 if state["baseline"] is None else state["baseline"]
                        state["baseline"] = mean if state["baseline"] is None else 0.9 * state["baseline"] + 0.1 * mean
                        ret = reward.unsqueeze(1).expand(B, T).clone()
                        if a.rollouts > 0:
                            q = rollout_rewards(gen, disc, ids, logits[:B].squeeze(1), a.rollouts, a.chunk)
                            ret = torch.where(q != 0, q, ret)
                        disc.train()
                    lp = gen.log_probs(ids)
                    loss = -((ret - b) * lp).sum() / B
                else:
                    disc.zero_grad(set_to_none=False)
                    fake = gen.rollout(T, B, a.tau, est == "st-gumbel")
                    logits = disc(torch.cat([F.one_hot(real, V).float(), fake], dim=0))
                    loss = rsgan(logits[B:], logits[:B])
                loss.backward()
                torch.nn.utils.clip_grad_norm_(gen.params(), 5.0)
                g_opt.step()
                return loss.item()

            def step():
                t0 = time.perf_counter_ns()
                d_step()
                t1 = time.perf_counter_ns()
                g_step()
                t2 = time.perf_counter_ns()
                return (t1 - t0) / 1e6, (t2 - t1) / 1e6

            for _ in range(a.warmup):
                step()
            wall, cpu, dms, gms = [], [], [], []
            for _ in range(a.iters):
                c0 = time.thread_time_ns()
                t0 = time.perf_counter_ns()
                d, g = step()
                wall.append((time.perf_counter_ns() - t0) / 1e6)
                cpu.append((time.thread_time_ns() - c0) / 1e6)
                dms.append(d)
                gms.append(g)
            print(json.dumps({"estimator": est, "hidden": H, "torch": torch.__version__,
                              "threads": torch.get_num_threads(), "wall_ms": wall, "cpu_ms": cpu, "d_ms": dms,
                              "g_ms": gms, "wall_median_ms": statistics.median(wall),
                              "cpu_median_ms": statistics.median(cpu)}), flush=True)


if __name__ == "__main__":
    main()
