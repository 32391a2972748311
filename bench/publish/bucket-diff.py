#!/usr/bin/env python3
"""What one publish step did to a bucket, seen from the bucket itself (the same for every tool).

    bucket-diff.py BEFORE AFTER PREFIX SITE_MD5 [PREV_SITE_MD5]

BEFORE, AFTER: listings taken just before and just after the step, one object a line,
`Key<TAB>ETag<TAB>Size<TAB>LastModified` (`aws s3api list-objects-v2 --output text --query
'Contents[].[Key,ETag,Size,LastModified]'`; an empty bucket lists as `None` or nothing).
PREFIX: the key prefix the site was published under (without a trailing slash).
SITE_MD5, PREV_SITE_MD5: `md5sum` output for the site that was published and for the one published before it
(paths relative to the site folder, `./` allowed).

An object counts as written when it is new or its ETag or LastModified changed (a rewrite with the same bytes
counts: it was written). Prints one line of tab-separated key=value fields:
  written, written_bytes, deleted, objects (after the step), groups (written objects by top folder),
  search_same (written search files whose bytes equal the previous build's version of the same index file: for
  index format 1, the file at the same path in the previous `search/<hash>/` folder; for format 2, the file with the
  same name once its `.<6 hex>` content hash is taken out — written again although its content did not change),
  needed / needed_search (files of the site, and of them under search/, whose path and bytes are not in the
  previous site: the least a correct publish has to write),
  outside_search (the written keys outside search/, when there are at most 8), check (the bucket against the
  site: ok, or how many objects are missing / have other bytes / are extra).
"""
import collections
import re
import sys


def listing(path, prefix):
    objs = {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) < 4 or parts[0] in ('', 'None'):
                continue
            key, etag, size, modified = parts[:4]
            if key.startswith(prefix + '/'):
                key = key[len(prefix) + 1:]
            objs[key] = (etag.strip('"'), int(size), modified)
    return objs


def manifest(path):
    files = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                continue
            digest, name = line.split(None, 1)
            name = name.lstrip('*')
            if name.startswith('./'):
                name = name[2:]
            files[name] = digest
    return files


def main():
    before = listing(sys.argv[1], sys.argv[3])
    after = listing(sys.argv[2], sys.argv[3])
    site = manifest(sys.argv[4])
    prev = manifest(sys.argv[5]) if len(sys.argv) > 5 else {}

    written = sorted(k for k, v in after.items() if before.get(k) != v)
    deleted = [k for k in before if k not in after]
    groups = collections.Counter(k.split('/', 1)[0] if '/' in k else '(root)' for k in written)

    # The same index file in the previous build: format 1 puts every file in one search/<hash>/ folder (the same
    # <rest> under the previous folder); format 2 names each file by its content (t/12.<6 hex>.bin: the same name
    # without the hash). A written search file with the same bytes as that one was rewritten for nothing.
    folder = re.compile(r'^search/[0-9a-f]{6,}/(.+)$')
    hashed = re.compile(r'\.[0-9a-f]{6}(?=\.[^/]+$)')

    def logical(name):
        m = folder.match(name)
        return 'search/' + m.group(1) if m else hashed.sub('', name)

    prev_by_logical = {logical(n): d for n, d in prev.items() if n.startswith('search/')}
    search_same = search_known = 0
    for k in written:
        if k.startswith('search/') and prev_by_logical and logical(k) in prev_by_logical:
            search_known += 1
            if prev_by_logical[logical(k)] == site.get(k):
                search_same += 1
    needed = [n for n, d in site.items() if prev.get(n) != d] if prev else []

    outside = [k for k in written if not k.startswith('search/')]
    missing = [k for k in site if k not in after]
    differ = [k for k in site if k in after and after[k][0] != site[k]]
    extra = [k for k in after if k not in site]
    check = 'ok' if not (missing or differ or extra) else \
        f'MISMATCH missing={len(missing)} other-bytes={len(differ)} extra={len(extra)}' + \
        (f' (e.g. {(differ or missing or extra)[0]})')

    fields = [
        ('written', len(written)),
        ('written_bytes', sum(after[k][1] for k in written)),
        ('deleted', len(deleted)),
        ('objects', len(after)),
        ('groups', ' '.join(f'{g}={n}' for g, n in sorted(groups.items(), key=lambda x: (-x[1], x[0]))) or '-'),
        ('search_same', f'{search_same}/{search_known}' if prev_by_logical else '-'),
        ('needed', len(needed) if prev else '-'),
        ('needed_search', sum(n.startswith('search/') for n in needed) if prev else '-'),
        ('outside_search', ' '.join(outside) if 0 < len(outside) <= 8 else (f'{len(outside)} keys' if outside else '-')),
        ('check', check),
    ]
    print('\t'.join(f'{k}={v}' for k, v in fields))


if __name__ == '__main__':
    main()
