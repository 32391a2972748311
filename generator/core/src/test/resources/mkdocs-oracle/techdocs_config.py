"""Writes the MkDocs configuration TechDocs would build a doc set with, for the differential test.

Usage: techdocs_config.py MKDOCS_YML SITE_DIR OUT_YML

Keeps the doc set's own site_name, docs_dir, nav and markdown_extensions (those installed here), adds the
Markdown extensions that mkdocs-techdocs-core enables (its techdocs_core/core.py, 1.5.x: toc with permalinks,
admonition, pymdownx.details, tabbed (alternate style), caret, critic, emoji, inlinehilite, magiclink, mark,
smartsymbols, snippets (its restrict_base_path is newer than Debian's 9.5), highlight, extra, tasklist, tilde), and drops plugins (techdocs-core itself and the
monorepo plugin are not packaged in Debian) and the theme (the test compares the article, not the frame).
Line numbers in code blocks are left off so that code compares as text.
"""
import importlib
import json
import os
import sys

import yaml


class Loose(yaml.SafeLoader):
    """Reads mkdocs.yml files as found: Python tags (!!python/name:…) and !ENV become plain values."""


def _any(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


Loose.add_multi_constructor("", _any)

TECHDOCS_CORE = [
    ("toc", {"permalink": True}),
    ("admonition", {}),
    ("pymdownx.details", {}),
    ("pymdownx.tabbed", {"alternate_style": True}),
    ("pymdownx.caret", {}),
    ("pymdownx.critic", {}),
    ("pymdownx.emoji", {}),
    ("pymdownx.inlinehilite", {}),
    ("pymdownx.magiclink", {}),
    ("pymdownx.mark", {}),
    ("pymdownx.smartsymbols", {}),
    ("pymdownx.snippets", {}),
    ("pymdownx.highlight", {"linenums": False, "pygments_lang_class": True}),
    ("pymdownx.extra", {}),
    ("pymdownx.tasklist", {"custom_checkbox": True}),
    ("pymdownx.tilde", {}),
]


def installed(name):
    try:
        importlib.import_module(name if "." in name else "markdown.extensions." + name)
        return True
    except Exception:
        return False


def main(source, site_dir, out):
    with open(source, encoding="utf-8") as f:
        original = yaml.load(f, Loader=Loose) or {}
    extensions = {}
    for entry in original.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                extensions[name] = options if isinstance(options, dict) else {}
        elif isinstance(entry, str):
            extensions[entry] = {}
    for name, options in TECHDOCS_CORE:
        merged = dict(options)
        merged.update(extensions.get(name) or {})
        extensions[name] = merged
    extensions["pymdownx.highlight"]["linenums"] = False
    # Options naming Python objects cannot be read back from text: the extension's defaults are used.
    usable = []
    for name, options in extensions.items():
        if not installed(name):
            continue
        clean = {k: v for k, v in options.items() if not (isinstance(v, str) and v.startswith("material."))}
        if name == "pymdownx.emoji":
            clean = {}
        if name == "pymdownx.superfences":
            clean.pop("custom_fences", None)
        usable.append({name: clean})
    config = {
        "site_name": str(original.get("site_name") or "Docs"),
        "docs_dir": os.path.join(os.path.dirname(os.path.abspath(source)), original.get("docs_dir") or "docs"),
        "site_dir": site_dir,
        "use_directory_urls": True,
        "theme": {"name": "mkdocs"},
        "plugins": [],
        "markdown_extensions": usable,
    }
    if original.get("nav"):
        config["nav"] = original["nav"]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
