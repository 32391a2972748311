#!/usr/bin/env python3
"""Turns the repo folders of a gen-corpus.py corpus into bare git repositories to serve, with history and bulk.

For each CORPUS/repos/repo-NNNN (sorted, the first --repos of them) it writes SERVED/repo-NNNN.git, a bare
repository on branch `main` made with `git fast-import` (deterministic: fixed dates, fixed names, data from
random.Random seeded by --seed and the repository's name, so the same arguments give the same commit ids):

  commit 1  "Initial import": the corpus files (catalog-info.yaml, mkdocs.yml, docs/*.md), a README.md and
            src/: --src-files files of incompressible bytes, --src-bytes in all, plus a few small source files
  commit 2  adds a CI workflow (.github/workflows/ci.yml), LICENSE and CODEOWNERS, rewrites one src/ file
  commit 3… (--commits in all) each rewrites two src/ files with new bytes (history a full clone would carry)

With --history-days D (the history benchmark, run.sh's HISTORY_DAYS), the dates are recent instead: commits 1 and 2
are D+30 and D+20 days before --end (outside a D-day window), commits 3… are spread evenly over the last D days;
commit 1 also adds GitOps files (deploy/kustomization.yaml, deploy/deployment.yaml); commits 3… each rewrite one
small source file (src/main/python/modK.py) rather than src/ data, every 5th also changes the deployment's
replicas, and every 10th is tagged (annotated, vN.0.0). --end (a Unix time) keeps them deterministic.

Then `git repack -a -d` (one pack, as a served repository has after gc) and the settings a partial-clone-aware
server needs: uploadpack.allowFilter, uploadpack.allowAnySHA1InWant. Python 3 standard library and git only.

Usage: make-repos.py --corpus DIR --out SERVED [--repos N] [--seed 42] [--src-bytes 1000000] [--commits 4]
                     [--history-days D --end UNIX_TIME]
"""
import argparse, multiprocessing, os, random, subprocess, sys

AUTHOR = b"Bench Author <bench@example.invalid>"
T0 = 1_700_000_000  # 2023-11-14, then one day per commit

CI = b"""name: ci
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
"""
LICENSE = b"Copyright (c) 2023 Example Org\n\nPermission is hereby granted, free of charge, to any person obtaining a copy.\n"


def files_of(folder):
    out = {}
    for d, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, folder).replace(os.sep, "/")] = open(p, "rb").read()
    return out


DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  replicas: %d\n"


def stream(name, corpus_files, seed, src_bytes, n_src, commits, history_days=0, end=0):
    rng = random.Random(f"{seed}:{name}")
    size = src_bytes // n_src
    out = []
    mark = [0]

    def blob(data):
        mark[0] += 1
        out.append(b"blob\nmark :%d\ndata %d\n" % (mark[0], len(data)) + data + b"\n")
        return mark[0]

    def when(i):
        if not history_days:
            return T0 + 86400 * i
        if i <= 2:
            return end - 86400 * (history_days + 40 - 10 * i)
        return end - (86400 * history_days * (commits - i)) // max(1, commits - 2) - 3600

    def commit(i, msg, changes, first):
        ts = b"%d +0000" % when(i)
        out.append(b"commit refs/heads/main\n")
        out.append(b"mark :%d\n" % (1_000_000 + i))
        out.append(b"author " + AUTHOR + b" " + ts + b"\ncommitter " + AUTHOR + b" " + ts + b"\n")
        out.append(b"data %d\n%s\n" % (len(msg), msg))
        for path, m in changes:
            out.append(b"M 100644 :%d %s\n" % (m, path.encode()))
        out.append(b"\n")

    src = lambda k: f"src/main/data/blob-{k:02d}.bin"
    changes = [(p, blob(d)) for p, d in sorted(corpus_files.items())]
    changes.append(("README.md", blob(f"# {name}\n\nSee docs/ for the documentation.\n".encode())))
    for k in range(n_src):
        changes.append((src(k), blob(rng.randbytes(size))))
    for k in range(3):
        code = "".join(f"def f{k}_{j}(x):\n    return x * {rng.randrange(1000)}\n\n" for j in range(40))
        changes.append((f"src/main/python/mod{k}.py", blob(code.encode())))
    if history_days:
        changes.append(("deploy/kustomization.yaml", blob(b"resources:\n  - deployment.yaml\n")))
        changes.append(("deploy/deployment.yaml", blob((DEPLOYMENT % (name, 1)).encode())))
    commit(1, b"Initial import", changes, True)
    if commits >= 2:
        commit(2, b"Add CI, licence and owners", [
            (".github/workflows/ci.yml", blob(CI)), ("LICENSE", blob(LICENSE)),
            ("CODEOWNERS", blob(b"* @example/team\n")), (src(0), blob(rng.randbytes(size)))], False)
    for i in range(3, commits + 1):
        if not history_days:
            ks = rng.sample(range(n_src), 2)
            commit(i, b"Update data %d" % i, [(src(k), blob(rng.randbytes(size))) for k in sorted(ks)], False)
            continue
        k = rng.randrange(3)
        code = "".join(f"def f{k}_{j}(x):\n    return x * {rng.randrange(1000)}\n\n" for j in range(40))
        edits = [(f"src/main/python/mod{k}.py", blob(code.encode()))]
        if i % 5 == 0:
            edits.append(("deploy/deployment.yaml", blob((DEPLOYMENT % (name, i)).encode())))
        commit(i, b"Change %d" % i, edits, False)
        if i % 10 == 0:
            msg = b"Release %d" % (i // 10)
            out.append(b"tag v%d.0.0\nfrom :%d\ntagger " % (i // 10, 1_000_000 + i) + AUTHOR
                       + b" %d +0000\ndata %d\n%s\n" % (when(i), len(msg), msg))
    out.append(b"done\n")
    return b"".join(out)


def git(*args, **kw):
    return subprocess.run(["git", *args], check=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, help="gen-corpus.py output folder (with repos/)")
    ap.add_argument("--out", required=True, help="folder for the bare repositories")
    ap.add_argument("--repos", type=int, default=0, help="how many (default: all repo-* folders)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--src-bytes", type=int, default=1_000_000)
    ap.add_argument("--src-files", type=int, default=8)
    ap.add_argument("--commits", type=int, default=4)
    ap.add_argument("--history-days", type=int, default=0, help="date the commits over the last D days before --end")
    ap.add_argument("--end", type=int, default=0, help="with --history-days: the newest commit's time (Unix time)")
    a = ap.parse_args()
    if a.history_days and not a.end:
        sys.exit("make-repos.py: --history-days needs --end (a Unix time)")
    base = os.path.join(a.corpus, "repos")
    names = sorted(n for n in os.listdir(base) if n.startswith("repo-"))
    if a.repos:
        if a.repos > len(names):
            sys.exit(f"make-repos.py: only {len(names)} repositories in {base}")
        names = names[:a.repos]
    os.makedirs(a.out, exist_ok=True)
    jobs = [(name, base, a) for name in names]
    with multiprocessing.Pool(os.cpu_count() or 1) as pool:
        for n, _ in enumerate(pool.imap(make_one, jobs)):
            if (n + 1) % 100 == 0:
                print(f"make-repos.py: {n + 1} of {len(names)}", file=sys.stderr)
    print(f"make-repos.py: {len(names)} repositories in {a.out}", file=sys.stderr)


def make_one(job):
    name, base, a = job
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    bare = os.path.join(a.out, name + ".git")
    git("init", "--quiet", "--bare", "--initial-branch=main", bare, env=env)
    data = stream(name, files_of(os.path.join(base, name)), a.seed, a.src_bytes, a.src_files, a.commits,
                  a.history_days, a.end)
    git("--git-dir", bare, "fast-import", "--quiet", input=data, env=env)
    git("--git-dir", bare, "repack", "-a", "-d", "-q", env=env)  # -d also prunes the loose objects
    with open(os.path.join(bare, "config"), "a") as f:
        f.write("[uploadpack]\n\tallowFilter = true\n\tallowAnySHA1InWant = true\n")


if __name__ == "__main__":
    main()
