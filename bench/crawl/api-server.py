#!/usr/bin/env python3
"""Answers as GitHub's REST API lists an organisation's repositories, for the bare repositories of a folder.

  GET /orgs/ORG/repos?per_page=100&type=all&page=N

lists SERVED/*.git sorted by name, PER_PAGE at most per page (GitHub's cap is 100), each as GitHub writes a
repository: full_name ORG/NAME, clone_url GIT_URL/NAME.git, default_branch main, pushed_at, with a Link header
(rel="next", rel="last") while there are more pages. pushed_at is the committer time of the repository's
refs/heads/main, read with git once and again only when the repository's refs change on disk (their files' times
and sizes), so that a push (a new commit on main) moves it and nothing else does. The generated history has fixed
dates in 2023: the marker is always older than a crawl by far.

Binds 127.0.0.1 on a free port and writes it to PORT_FILE once it listens. Python 3 standard library and git only.

Usage: api-server.py --served DIR --git-url http://127.0.0.1:PORT/git --port-file FILE [--org bench]
"""
import argparse, json, os, subprocess, sys, threading
from datetime import datetime, timezone
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlsplit, parse_qs

LOCK = threading.Lock()
STAMPS = {}  # name -> (refs signature, pushed_at)


def refs_signature(bare):
    sig = []
    for p in (os.path.join(bare, "refs", "heads", "main"), os.path.join(bare, "packed-refs")):
        try:
            st = os.stat(p)
            sig.append((st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            sig.append(None)
    return tuple(sig)


def pushed_at(served, name):
    bare = os.path.join(served, name + ".git")
    sig = refs_signature(bare)
    with LOCK:
        cached = STAMPS.get(name)
    if cached and cached[0] == sig:
        return cached[1]
    out = subprocess.run(["git", "--git-dir", bare, "log", "-1", "--format=%ct", "refs/heads/main"],
                         check=True, capture_output=True, text=True).stdout.strip()
    stamp = datetime.fromtimestamp(int(out), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with LOCK:
        STAMPS[name] = (sig, stamp)
    return stamp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--served", required=True)
    ap.add_argument("--git-url", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--org", default="bench")
    ap.add_argument("--per-page-max", type=int, default=100)
    a = ap.parse_args()
    names = sorted(n[:-4] for n in os.listdir(a.served) if n.endswith(".git"))
    for n in names:  # read every marker once before answering
        pushed_at(a.served, n)
    path = "/orgs/%s/repos" % a.org

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path != path:
                return self.answer(404, {"message": "Not Found"}, {})
            q = parse_qs(url.query)
            per_page = max(1, min(a.per_page_max, int(q.get("per_page", ["30"])[0])))
            page = max(1, int(q.get("page", ["1"])[0]))
            last = max(1, -(-len(names) // per_page))
            repos = []
            for i, n in enumerate(names[(page - 1) * per_page: page * per_page]):
                full = "%s/%s" % (a.org, n)
                repos.append({
                    "id": 100000 + (page - 1) * per_page + i, "name": n, "full_name": full, "private": True,
                    "owner": {"login": a.org, "type": "Organization"},
                    "html_url": "https://github.example.com/" + full, "fork": False,
                    "created_at": "2023-11-14T22:13:20Z", "updated_at": "2023-11-14T22:13:20Z",
                    "pushed_at": pushed_at(a.served, n), "clone_url": "%s/%s.git" % (a.git_url, n),
                    "default_branch": "main", "archived": False, "disabled": False, "topics": [],
                    "visibility": "private"})
            headers = {}
            if page < last:
                base = "http://%s:%d%s?per_page=%d&type=all&page=" % (self.server.server_address[0],
                                                                   self.server.server_address[1], path, per_page)
                headers["Link"] = '<%s%d>; rel="next", <%s%d>; rel="last"' % (base, page + 1, base, last)
            self.answer(200, repos, headers)

        def answer(self, status, body, headers):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(a.port_file + ".tmp", a.port_file)
    print("api-server.py: %d repositories of %s on 127.0.0.1:%d" % (len(names), a.org, server.server_address[1]),
          file=sys.stderr)
    server.serve_forever()


if __name__ == "__main__":
    main()
