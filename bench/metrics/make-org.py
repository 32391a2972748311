#!/usr/bin/env python3
"""Generates an organisation with dated Git history for the metrics benchmark.

    make-org.py OUT REPOS [DAYS] [COMMITS]

OUT/svc-NNNN: an application repository (catalog-info.yaml at its root, a Component owned by one of 20 teams)
with COMMITS commits spread over DAYS days. OUT/gitops: one GitOps repository with a Kustomize base and staging and
production overlays per service; every application commit is deployed to staging an hour later and every other one
to production a day later, by a commit setting the overlay's images newTag to the commit's short id; one production
deployment in ten is reverted an hour later. Histories are written with `git fast-import` (fixed names; dates from
DAYS before today's midnight UTC, or from START_EPOCH, so the same arguments and start give the same commit ids),
then checked out. Standard library only.
"""
import os
import random
import subprocess
import sys
import time

DAY = 86400
# The history ends at midnight UTC of the day it is made, so that a build's window (to the end of its day) holds it.
START_ENV = os.environ.get("START_EPOCH")


def fast_import(repo, stream):
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    marks = os.path.join(repo, ".git", "paved-marks")
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet", "--export-marks=" + marks],
                   input=stream, check=True)
    subprocess.run(["git", "-C", repo, "checkout", "-q", "-f", "main"], check=True)
    ids = {}
    with open(marks) as f:
        for line in f:
            mark, sha = line.split()
            ids[int(mark[1:])] = sha
    return ids


def data(text):
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


def commit(mark, when, message, files, parent):
    out = b"commit refs/heads/main\nmark :%d\n" % mark
    out += b"author Bench <bench@example.com> %d +0000\n" % when
    out += b"committer Bench <bench@example.com> %d +0000\n" % when
    out += data(message)
    if parent:
        out += b"from :%d\n" % parent
    for path, text in files.items():
        out += b"M 100644 inline " + path.encode() + b"\n" + data(text)
    return out


def main():
    out, repos = sys.argv[1], int(sys.argv[2])
    days = int(sys.argv[3]) if len(sys.argv) > 3 else 180
    commits = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    global START
    START = int(START_ENV) if START_ENV else (int(time.time()) // DAY - days) * DAY
    os.makedirs(out, exist_ok=True)
    deploys = []  # (time, service, env, short id, revert)
    started = time.time()
    for i in range(repos):
        name = "svc-%04d" % i
        rnd = random.Random(name)
        stream = b""
        times = sorted(START + rnd.randrange(days * DAY) for _ in range(commits))
        for n, when in enumerate(times, 1):
            files = {"src/main.txt": "%s change %d\n" % (name, n)}
            if n == 1:
                files["catalog-info.yaml"] = (
                    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: %s\n"
                    "spec:\n  type: service\n  lifecycle: production\n  owner: group:default/team-%02d\n"
                    % (name, i % 20))
            stream += commit(n, when, "%s: change %d" % (name, n), files, n - 1 if n > 1 else 0)
        ids = fast_import(os.path.join(out, name), stream)
        for n, when in enumerate(times, 1):
            short = ids[n][:7]
            deploys.append((when + 3600, name, "staging", short, False))
            if n % 2 == 0:
                deploys.append((min(when + DAY, START + days * DAY - 60), name, "production", short, False))
                if n % 20 == 0:
                    deploys.append((min(when + DAY + 3600, START + days * DAY - 30), name, "production", ids[n - 2][:7], True))
    # The GitOps repository: bases and overlays, then every deployment in time order.
    teams = "".join("---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-%02d\n"
                    "spec:\n  type: team\n  children: []\n" % t for t in range(20))
    files = {"catalog-info.yaml": teams}
    for i in range(repos):
        name = "svc-%04d" % i
        files["apps/%s/base/kustomization.yaml" % name] = "resources: [deployment.yaml]\n"
        files["apps/%s/base/deployment.yaml" % name] = (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: app\n          image: ghcr.io/bench/%s:latest\n" % (name, name))
    stream = commit(1, START - DAY, "bases", files, 0)
    mark = 1
    for when, name, env, short, revert in sorted(deploys):
        mark += 1
        text = ("resources: [../../base]\nimages:\n  - name: ghcr.io/bench/%s\n    newTag: \"%s\"\n"
                % (name, short))
        message = ('Revert "%s: %s"' % (name, env)) if revert else "%s: %s runs %s" % (name, env, short)
        stream += commit(mark, when, message, {"apps/%s/overlays/%s/kustomization.yaml" % (name, env): text},
                         mark - 1)
    fast_import(os.path.join(out, "gitops"), stream)
    print("make-org.py: %d repositories, %d deployments, %d GitOps commits in %.0f s"
          % (repos, len(deploys), mark, time.time() - started), file=sys.stderr)


if __name__ == "__main__":
    main()
