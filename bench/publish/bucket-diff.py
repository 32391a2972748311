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
  search_same (written search files whose bytes equal the file at the same path in the previous index folder),
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

    # search/<hash>/<rest>: the same <rest> under the previous index folder, byte for byte?
    index = re.compile(r'^search/([0-9a-f]{6,})/(.+)$')
    prev_by_rest = {}
    for name, digest in prev.items():
        m = index.match(name)
        if m:
            prev_by_rest[m.group(2)] = digest
    search_same = search_new_folder = 0
    for k in written:
        m = index.match(k)
        if m and prev_by_rest:
            search_new_folder += 1
            if prev_by_rest.get(m.group(2)) == site.get(k):
                search_same += 1

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
        ('search_same', f'{search_same}/{search_new_folder}' if prev_by_rest else '-'),
        ('outside_search', ' '.join(outside) if 0 < len(outside) <= 8 else (f'{len(outside)} keys' if outside else '-')),
        ('check', check),
    ]
    print('\t'.join(f'{k}={v}' for k, v in fields))


if __name__ == '__main__':
    main()
