#!/usr/bin/python3
"""Rebuilds a textgan generator from an export's NumPy weights (textgan export --format npz|all) and checks it.

Loads EXPORT/generator.npz and EXPORT/generator.json with numpy alone, runs the teacher-forced forward pass over
time-major input ids [T, B] (an .npy file) and compares the logits [T*B, V] with an .npy file of expected logits
(the ones textgan computed). --engine numpy does the LSTM in numpy; --engine torch rebuilds the model as
torch.nn.Embedding + torch.nn.LSTM (num_layers = layers) + torch.nn.Linear, which shows the weights map one to one
onto PyTorch's layout:
    emb [V,E]                 -> Embedding.weight
    l<k>.wx [in,4H] (x . W)   -> LSTM.weight_ih_l<k> = wx.T   (gate order input, forget, cell, output: PyTorch's)
    l<k>.wh [H,4H]            -> LSTM.weight_hh_l<k> = wh.T
    l<k>.b  [1,4H]            -> LSTM.bias_ih_l<k> = b, bias_hh_l<k> = 0
    out.w [H,V], out.b [1,V]  -> Linear.weight = out.w.T, Linear.bias = out.b
Prints one JSON line {"engine", "max_rel_diff", "steps", "batch", "vocab"} and exits 1 if max |diff| / max |expected|
exceeds --tolerance.

    /usr/bin/python3 tools/peer/generator_from_npz.py --export EXPORT --inputs ids.npy --logits logits.npy
"""
import argparse
import json
import os
import sys

import numpy as np


def load(export):
    with open(os.path.join(export, "generator.json")) as f:
        cfg = json.load(f)
    with np.load(os.path.join(export, "generator.npz")) as z:
        w = {k: z[k] for k in z.files}
    return cfg, w


def numpy_logits(cfg, w, ids):
    T, B = ids.shape
    H = cfg["hidden_size"]
    x = w["emb"][ids].astype(np.float64)                      # [T, B, E]
    for k in range(cfg["layers"]):
        wx, wh, b = (w["l%d.%s" % (k, n)].astype(np.float64) for n in ("wx", "wh", "b"))
        h = np.zeros((B, H))
        c = np.zeros((B, H))
        out = []
        for t in range(T):
            a = x[t] @ wx + h @ wh + b
            sig = lambda z: 1.0 / (1.0 + np.exp(-z))          # noqa: E731
            i, f, g, o = sig(a[:, :H]), sig(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sig(a[:, 3 * H:])
            c = f * c + i * g
            h = o * np.tanh(c)
            out.append(h)
        x = np.stack(out)
    return (x @ w["out.w"].astype(np.float64) + w["out.b"].astype(np.float64)).reshape(T * B, -1)


def torch_logits(cfg, w, ids):
    import torch
    torch.set_num_threads(1)
    V, E, H, L = cfg["vocab_size"], cfg["embedding_dim"], cfg["hidden_size"], cfg["layers"]
    emb = torch.nn.Embedding(V, E)
    lstm = torch.nn.LSTM(E, H, num_layers=L)
    head = torch.nn.Linear(H, V)
    with torch.no_grad():
        emb.weight.copy_(torch.from_numpy(w["emb"]))
        for k in range(L):
            getattr(lstm, "weight_ih_l%d" % k).copy_(torch.from_numpy(w["l%d.wx" % k].T.copy()))
            getattr(lstm, "weight_hh_l%d" % k).copy_(torch.from_numpy(w["l%d.wh" % k].T.copy()))
            getattr(lstm, "bias_ih_l%d" % k).copy_(torch.from_numpy(w["l%d.b" % k].reshape(-1)))
            getattr(lstm, "bias_hh_l%d" % k).zero_()
        head.weight.copy_(torch.from_numpy(w["out.w"].T.copy()))
        head.bias.copy_(torch.from_numpy(w["out.b"].reshape(-1)))
        h, _ = lstm(emb(torch.from_numpy(ids.astype(np.int64))))   # [T, B, H]
        return head(h).reshape(ids.shape[0] * ids.shape[1], V).double().numpy()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--export", required=True, help="export directory (generator.npz, generator.json)")
    ap.add_argument("--inputs", required=True, help=".npy of time-major input ids [T, B]")
    ap.add_argument("--logits", required=True, help=".npy of the expected logits [T*B, V]")
    ap.add_argument("--engine", choices=["numpy", "torch"], default="numpy")
    ap.add_argument("--tolerance", type=float, default=1e-5)
    a = ap.parse_args()
    cfg, w = load(a.export)
    ids = np.load(a.inputs).astype(np.int64)
    expected = np.load(a.logits).astype(np.float64)
    got = numpy_logits(cfg, w, ids) if a.engine == "numpy" else torch_logits(cfg, w, ids)
    if got.shape != expected.shape:
        print("shape %s, expected %s" % (got.shape, expected.shape), file=sys.stderr)
        return 1
    rel = float(np.abs(got - expected).max() / np.abs(expected).max())
    print(json.dumps({"engine": a.engine, "max_rel_diff": rel, "steps": int(ids.shape[0]),
                      "batch": int(ids.shape[1]), "vocab": int(expected.shape[1])}))
    return 0 if rel <= a.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
