#!/usr/bin/env python3
"""PyTorch side of the MLE training comparison (run by hand through org.textgan.generator.bench.MleCompare).

Reads the encoded data, the per-step batch indices and the hyper-parameters that the Java side wrote (data.json), and
trains the same model: Embedding [V,E] -> 1-layer LSTM -> Linear [H,V], every weight uniform in [-s, s], biases 0 except
the forget gate's 1, teacher forcing with inputs BOS+sequence and targets sequence+EOS (PAD masked), mean
cross-entropy, Adam, global gradient-norm clipping. Prints one JSON line per validation: step, train_nll, valid_bpc.
float32, one thread.
"""
import argparse
import json
import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
PAD, BOS, EOS = 0, 1, 2


def batch_tensors(seqs, B, T):
    inp = torch.zeros(T, B, dtype=torch.long)
    tgt = torch.zeros(T, B, dtype=torch.long)
    for b, s in enumerate(seqs):
        for t in range(T):
            inp[t, b] = BOS if t == 0 else (s[t - 1] if t - 1 < len(s) else PAD)
            tgt[t, b] = s[t] if t < len(s) else (EOS if t == len(s) else PAD)
    return inp, tgt


class Gen(torch.nn.Module):
    def __init__(self, V, E, H, scale):
        super().__init__()
        self.emb = torch.nn.Embedding(V, E)
        self.lstm = torch.nn.LSTM(E, H)
        self.out = torch.nn.Linear(H, V)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if "bias" in name:
                    p.zero_()
                else:
                    p.uniform_(-scale, scale)
            self.lstm.bias_ih_l0[H:2 * H] = 1.0
        # torch's LSTM has two bias vectors (ih and hh) that Adam would update separately, doubling the effective
        # step on the biases; ours has one, so freeze the hh bias at zero to train the same model
        self.lstm.bias_hh_l0.requires_grad_(False)

    def nll_sum(self, inp, tgt):
        logits = self.out(self.lstm(self.emb(inp))[0])
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1), ignore_index=PAD,
                               reduction="sum")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    with open(a.data) as f:
        d = json.load(f)
    torch.manual_seed(a.seed)
    V, E, H, T, B = d["vocab_size"], d["embedding"], d["hidden"], d["max_len"], d["batch"]
    m = Gen(V, E, H, d["init_scale"])
    params = [p for p in m.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=d["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
    train, valid = d["train"], d["valid"]
    valid_batches = [batch_tensors(valid[i:i + B], B, T) for i in range(0, len(valid), B)]
    loss_sum, loss_n = 0.0, 0
    for step, idx in enumerate(d["batches"], start=1):
        inp, tgt = batch_tensors([train[i] for i in idx], B, T)
        opt.zero_grad()
        loss = m.nll_sum(inp, tgt) / (tgt != PAD).sum()
        loss.backward()
        if d["clip_norm"] > 0:
            torch.nn.utils.clip_grad_norm_(params, d["clip_norm"])
        opt.step()
        loss_sum += loss.item()
        loss_n += 1
        if step % d["eval_every"] == 0 or step == len(d["batches"]):
            with torch.no_grad():
                tot, n = 0.0, 0
                for inp_v, tgt_v in valid_batches:
                    tot += m.nll_sum(inp_v, tgt_v).item()
                    n += int((tgt_v != PAD).sum())
            print(json.dumps({"step": step, "train_nll": loss_sum / loss_n, "valid_bpc": tot / n / math.log(2)}),
                  flush=True)
            loss_sum, loss_n = 0.0, 0


if __name__ == "__main__":
    main()
