#!/usr/bin/python3
"""Trains keel's reason-theme model on the dev set only, chooses how it joins the rules by
cross-validation on the dev set, and writes src/themes/theme_model.txt.

    /usr/bin/python3 scripts/themes/train.py [--build build/default] [--old-rules-tool PATH] [--write]

Needs Debian's python3-sklearn (offline only: neither the build nor the tests need it) and a
built build/default/libkeel_core.a: the features are printed by scripts/themes/features.cc
compiled against it, so the model sees exactly the stems keel computes at run time.

It reads tests/themes/labelled_reasons.tsv and nothing else: no holdout text is ever read here.

--old-rules-tool: a features tool built from older rules (see docs/themes.md, "The model"),
for the time split: train the model on the dev texts before the second writer's 260, and
measure old rules + model on those 260, which neither had seen. The old tool was built so:
    mkdir -p /tmp/old/gen/keel && cd /tmp/old && git -C REPO archive 3b685aa src/themes src/core | tar x
    cp REPO/src/themes/model.{h,cc} src/themes/ && cp REPO/build/default/generated/keel/theme_model_rows.inc gen/keel/
    cmake -DOUT=gen/keel/theme_rules.inc -DIN=src/themes/themes.rules -P REPO/cmake/embed_text.cmake
    sed 's/ClassifyByRules(line)/Classify(line)/' REPO/scripts/themes/features.cc > tool.cc
    c++ -std=c++20 -O1 -Isrc -Igen tool.cc src/themes/{classifier,rules_parser,stemmer,theme,model}.cc \
        src/core/text.cc -lstemmer -lfmt -o oldtool
(only its first column, the old rules' theme, is used).

The model in src/themes/theme_model.txt was made with
    /usr/bin/python3 scripts/themes/train.py --c 10 --min-df 2 --threshold 0.4 --write
"""
import argparse
import math
import os
import subprocess
import sys

import numpy as np
import scipy.sparse
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLASSES = ["interview-performance", "qualifications-gap", "experience-level", "materials",
           "follow-through", "focus-unclear", "compensation", "filled", "hiring-freeze",
           "no-openings", "busy", "role-changed", "volume", "generic", "none"]
ABOUT = set(CLASSES[:7])
SEED = 0
FOLDS = 10
DEV = "tests/themes/labelled_reasons.tsv"
FIRST_NEW_ROW = 557  # rows 0..556 of the dev set came before the second writer's 260 texts


def wilson(k, n, z=1.96):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return 100 * (c - h), 100 * (c + h)


def fig(k, n):
    lo, hi = wilson(k, n)
    return f"{k}/{n} = {100 * k / n:.1f} % ({lo:.1f}-{hi:.1f})"


def read_dev():
    rows = []
    with open(os.path.join(ROOT, DEV), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header == ["source", "theme", "text"], header
        for line in f:
            source, theme, text = line.rstrip("\n").split("\t", 2)
            assert theme in CLASSES, theme
            rows.append((source, theme, text))
    return rows


def build_tool(build):
    tool = os.path.join(ROOT, build, "theme_features")
    cmd = ["c++", "-std=c++20", "-O2", "-I" + os.path.join(ROOT, "src"),
           os.path.join(ROOT, "scripts/themes/features.cc"),
           os.path.join(ROOT, build, "libkeel_core.a"), "-lstemmer", "-lfmt", "-lsqlite3",
           "-o", tool]
    subprocess.run(cmd, check=True)
    return tool


def run_tool(tool, texts):
    out = subprocess.run([tool], input="\n".join(texts) + "\n", capture_output=True,
                         text=True, check=True).stdout.rstrip("\n").split("\n")
    assert len(out) == len(texts)
    rules, feats = [], []
    for line in out:
        theme, f = line.split("\t")
        rules.append(theme)
        feats.append(f.split(" ") if f else [])
    return rules, feats


def matrix(feats, vocab):
    r, c = [], []
    for i, fs in enumerate(feats):
        for f in fs:
            j = vocab.get(f)
            if j is not None:
                r.append(i)
                c.append(j)
    return scipy.sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(feats), len(vocab)))


def vocabulary(feats, min_df):
    df = {}
    for fs in feats:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_df))}


def train(feats, labels, c, min_df):
    vocab = vocabulary(feats, min_df)
    y = np.array([CLASSES.index(t) for t in labels])
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix(feats, vocab), y)
    return model, vocab


def predict(model, vocab, feats):
    p = model.predict_proba(matrix(feats, vocab))
    best = p.argmax(axis=1)
    return [CLASSES[model.classes_[b]] for b in best], p.max(axis=1)


def combine(rules, guess, prob, threshold, only_about=False):
    """The rules decide; when they cite nothing (generic), a confident model may name a theme
    or a yes (only an about-you theme with only_about), but never turns anything into generic.
    threshold > 1 means rules only."""
    out = []
    for r, g, p in zip(rules, guess, prob):
        ok = g in ABOUT if only_about else g != "generic"
        out.append(g if r == "generic" and ok and p >= threshold else r)
    return out


def model_first(rules, guess, prob, threshold):
    """The model decides when it is confident and names a reason or a yes; otherwise the rules."""
    return [g if g != "generic" and p >= threshold else r for r, g, p in zip(rules, guess, prob)]


def show_combinations(rules, guess, prob, gold, what):
    for th in THRESHOLDS[:-1]:
        show(f"model p>={th:g}, else {what}", model_first(rules, guess, prob, th), gold)
    for th in THRESHOLDS:
        show(f"{what}, then model p>={th:g}" if th <= 1 else f"{what} only",
             combine(rules, guess, prob, th), gold)
    for th in THRESHOLDS[:-1]:
        show(f"{what}, then about-you p>={th:g}", combine(rules, guess, prob, th, True), gold)


def score(pred, gold):
    n = len(gold)
    theme = sum(p == g for p, g in zip(pred, gold))
    about = sum((p in ABOUT) == (g in ABOUT) for p, g in zip(pred, gold))
    # the dangerous direction: about you, read as not about you; and the reverse
    missed = sum(g in ABOUT and p not in ABOUT for p, g in zip(pred, gold))
    false = sum(g not in ABOUT and p in ABOUT for p, g in zip(pred, gold))
    return theme, about, missed, false, n


def show(name, pred, gold):
    t, a, m, f, n = score(pred, gold)
    print(f"  {name:32s} theme {fig(t, n):34s} about-you {fig(a, n):34s}"
          f" about-you missed {m}, false {f}")


def cross_validate(rules, feats, labels, c, min_df):
    """Out-of-fold model guesses for every dev text (10 folds, stratified, seed 0)."""
    guess = [None] * len(labels)
    prob = np.zeros(len(labels))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for tr, te in folds.split(np.zeros(len(labels)), labels):
        model, vocab = train([feats[i] for i in tr], [labels[i] for i in tr], c, min_df)
        g, p = predict(model, vocab, [feats[i] for i in te])
        for k, i in enumerate(te):
            guess[i], prob[i] = g[k], p[k]
    return guess, prob


THRESHOLDS = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 2.0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build/default")
    ap.add_argument("--old-rules-tool")
    ap.add_argument("--c", type=float, default=None)
    ap.add_argument("--min-df", type=int, default=None)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()

    rows = read_dev()
    labels = [t for _, t, _ in rows]
    texts = [x for _, _, x in rows]
    rules, feats = run_tool(build_tool(args.build), texts)
    print(f"dev: {len(rows)} texts; sklearn {sklearn.__version__}")
    show("rules alone (fitted to dev)", rules, labels)

    print(f"\n{FOLDS}-fold cross-validation on dev (the rules are fixed; the model is refitted):")
    best = None
    for c in ([args.c] if args.c else [1.0, 3.0, 10.0, 30.0]):
        for min_df in ([args.min_df] if args.min_df else [1, 2]):
            guess, prob = cross_validate(rules, feats, labels, c, min_df)
            t, a, *_ = score(guess, labels)
            show(f"model alone C={c:g} min_df={min_df}", guess, labels)
            if best is None or (t, a) > best[0]:
                best = ((t, a), c, min_df, guess, prob)
    _, c, min_df, guess, prob = best
    print(f"chosen: C={c:g}, min_df={min_df}")
    show_combinations(rules, guess, prob, labels, "rules")

    if args.old_rules_tool:
        print(f"\ntime split: model trained on dev rows 1-{FIRST_NEW_ROW}, measured on the "
              f"{len(rows) - FIRST_NEW_ROW} texts of the second writer, with the rules as they were "
              "before those texts were read:")
        old_rules, _ = run_tool(args.old_rules_tool, texts)
        new = range(FIRST_NEW_ROW, len(rows))
        model, vocab = train(feats[:FIRST_NEW_ROW], labels[:FIRST_NEW_ROW], c, min_df)
        g, p = predict(model, vocab, feats[FIRST_NEW_ROW:])
        gold = labels[FIRST_NEW_ROW:]
        orules = [old_rules[i] for i in new]
        show("model alone", g, gold)
        show_combinations(orules, g, p, gold, "old rules")

    if args.write:
        threshold = args.threshold
        model, vocab = train(feats, labels, c, min_df)
        order = [list(model.classes_).index(CLASSES.index(k)) for k in CLASSES]
        coef = model.coef_[order]
        bias = model.intercept_[order]
        names = sorted(vocab, key=vocab.get)
        path = os.path.join(ROOT, "src/themes/theme_model.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("# keel's reason-theme model: multinomial logistic regression over stems and\n"
                    "# adjacent stem pairs (themes/model.cc). Made by scripts/themes/train.py --write\n"
                    f"# with scikit-learn {sklearn.__version__} (Debian python3-sklearn), trained on\n"
                    f"# {DEV} only ({len(rows)} texts), C={c:g}, features seen in at least\n"
                    f"# {min_df} text(s), lbfgs (deterministic; CV folds seed {SEED}).\n"
                    f"# Joined to the rules with confidence {threshold:g} (kModelConfidence).\n"
                    "# Lines: classes, bias, then '<feature> <one weight per class>'.\n")
            f.write("classes " + " ".join(CLASSES) + "\n")
            f.write("bias " + " ".join(f"{b:.4g}" for b in bias) + "\n")
            for j, name in enumerate(names):
                f.write(name + " " + " ".join(f"{w:.3g}" for w in coef[:, j]) + "\n")
        print(f"\nwrote {path}: {len(names)} features, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    sys.exit(main())
