"""Writes the MkDocs configuration TechDocs would build a doc set with, for the differential test.

Usage: techdocs_config.py MKDOCS_YML SITE_DIR OUT_YML

Keeps the doc set's own site_name, docs_dir, nav and markdown_extensions (those installed here), adds the
Markdown extensions that mkdocs-techdocs-core enables (its techdocs_core/core.py, 1.5.x: toc with permalinks,
admonition, pymdownx.details, tabbed (alternate style), caret, critic, emoji, inlinehilite, magiclink, mark,
smartsymbols, snippets (its restrict_base_path is newer than Debian's 9.5), highlight, extra, tasklist, tilde, and
plantuml_markdown and markdown_inline_graphviz, which paved_diagrams beside this script stands for), and drops plugins (techdocs-core itself and the
monorepo plugin are not packaged in Debian; the monorepo plugin's merge of included sites is done here instead) and the theme (the test compares the article, not the frame).
Line numbers in code blocks are left off so that code compares as text. pymdownx.emoji gets TechDocs' to_svg
generator and the doc set's own emoji_index and emoji_generator, Material's as paved_material_emoji (beside this
script) provides them. The configuration is written as YAML, with those options as !!python/name: tags.
"""
import glob
import importlib
import os
import re
import shutil
import sys

import yaml


class Loose(yaml.SafeLoader):
    """Reads mkdocs.yml files as found: Python tags (!!python/name:…) and !ENV become plain values."""


class PythonName(str):
    """A !!python/name:module.object value, written back as such."""


PYTHON_NAME = "tag:yaml.org,2002:python/name:"


def _any(loader, suffix, node):
    if suffix.startswith(PYTHON_NAME):
        return PythonName(suffix[len(PYTHON_NAME):])
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


Loose.add_multi_constructor("", _any)


class Writer(yaml.SafeDumper):
    """Writes the configuration for MkDocs, whose loader reads !!python/name: tags."""


Writer.add_representer(PythonName, lambda dumper, name: dumper.represent_scalar(PYTHON_NAME + name, ""))

# Material's emoji index and generator (material.extensions.emoji.*, materialx.emoji.*) as paved_material_emoji
# (beside this script, on the PYTHONPATH the test gives MkDocs) provides them.
MATERIAL_EMOJI = {
    "material.extensions.emoji.twemoji": "paved_material_emoji.twemoji",
    "materialx.emoji.twemoji": "paved_material_emoji.twemoji",
    "material.extensions.emoji.to_svg": "paved_material_emoji.to_svg",
    "materialx.emoji.to_svg": "paved_material_emoji.to_svg",
}


def plain(value):
    """A value with its Python names made empty strings, as the extensions' defaults are used for them."""
    if isinstance(value, PythonName):
        return ""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def emoji_options(options):
    """TechDocs' pymdownx.emoji: its to_svg generator, the doc set's index and generator where they are known."""
    out = {"emoji_generator": PythonName("pymdownx.emoji.to_svg")}
    for key in ("emoji_index", "emoji_generator"):
        value = options.get(key)
        if isinstance(value, PythonName) and value in MATERIAL_EMOJI:
            out[key] = PythonName(MATERIAL_EMOJI[value])
        elif isinstance(value, PythonName) and value.startswith("pymdownx.emoji."):
            out[key] = value
    return out

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
    # plantuml_markdown and markdown_inline_graphviz, which TechDocs adds too, as paved_diagrams stands for them.
    ("paved_diagrams", {}),
]

# Extensions a doc set may list that paved_diagrams stands for (not packaged in Debian).
STAND_INS = {"plantuml_markdown", "markdown_inline_graphviz", "mkdocs_graphviz"}


def installed(name):
    for module in (name, "markdown.extensions." + name):
        try:
            importlib.import_module(module)
            return True
        except Exception:
            pass
    return False


def plain_nav(config):
    """The configuration with Python names left only where they are meant (pymdownx.emoji's options)."""
    if "nav" in config:
        config["nav"] = plain(config["nav"])
    return config


def has_include(nav):
    if isinstance(nav, str):
        return nav.startswith(("!include ", "*include "))
    if isinstance(nav, dict):
        return any(has_include(v) for v in nav.values())
    if isinstance(nav, list):
        return any(has_include(v) for v in nav)
    return False


def prefixed(nav, prefix, folder, merged):
    """A nav of an included site with its pages under prefix/ and its own includes merged too."""
    if isinstance(nav, list):
        return [prefixed(item, prefix, folder, merged) for item in nav]
    if isinstance(nav, dict):
        out = {}
        for title, value in nav.items():
            if isinstance(value, str) and value.startswith("!include "):
                sub = include(os.path.join(folder, value[len("!include "):].strip()), merged)
                if sub is not None:
                    out[title] = sub[1]
            elif isinstance(value, str) and value.startswith("*include "):
                sites = [include(path, merged) for path in sorted(glob.glob(
                    os.path.join(folder, value[len("*include "):].strip())))]
                out[title] = [{name: sub_nav} for name, sub_nav in (s for s in sites if s is not None)]
            else:
                out[title] = prefixed(value, prefix, folder, merged)
        return out
    if isinstance(nav, str) and "://" not in nav:
        return prefix + nav if prefix else nav
    return nav


def include(config_path, merged):
    """The monorepo plugin's merge of one included mkdocs.yml: its docs under merged/<site_name>/; its nav."""
    if not os.path.isfile(config_path):
        return None
    with open(config_path, encoding="utf-8") as f:
        sub = yaml.load(f, Loader=Loose) or {}
    name = str(sub.get("site_name") or "")
    folder = os.path.dirname(os.path.abspath(config_path))
    docs = os.path.join(folder, sub.get("docs_dir") or "docs")
    if not name or not os.path.isdir(docs):
        return None
    # The plugin refuses a site_name other than ^[a-zA-Z0-9_\-/]+$ and fails the build; Paved puts such a site
    # under a folder made of its allowed characters (with a warning), and so does this stand-in.
    folder_name = "/".join(p for p in (re.sub("[^A-Za-z0-9_-]+", "-", part).strip("-")
                                       for part in name.split("/")) if p) or "docs"
    shutil.copytree(docs, os.path.join(merged, folder_name), dirs_exist_ok=True)
    nav = sub.get("nav") or sorted(os.path.relpath(p, docs) for p in glob.glob(os.path.join(docs, "**", "*.md"),
                                                                                 recursive=True))
    return name, prefixed(nav, folder_name + "/", folder, merged)


def monorepo(source, original, docs_dir, out):
    """The docs folder and nav as mkdocs-monorepo-plugin (which TechDocs runs; not packaged in Debian) merges them:
    each site a nav entry includes ('!include path/mkdocs.yml', '*include glob') has its docs folder copied under its
    site_name into a merged docs folder beside the written configuration, and its nav put in the entry's place with
    its pages under that folder. Without includes, the doc set's own folder and nav."""
    nav = original.get("nav")
    if not has_include(nav):
        return docs_dir, nav
    merged = os.path.join(os.path.dirname(os.path.abspath(out)), "monorepo-docs")
    shutil.rmtree(merged, ignore_errors=True)
    shutil.copytree(docs_dir, merged)
    return merged, prefixed(nav, "", os.path.dirname(os.path.abspath(source)), merged)


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
    if "codehilite" in extensions:
        extensions["codehilite"]["linenums"] = False
    # Options naming Python objects cannot be read back from text: the extension's defaults are used.
    usable = []
    for name, options in extensions.items():
        if name in STAND_INS or not installed(name):
            continue
        clean = plain({k: v for k, v in options.items() if not (isinstance(v, str) and v.startswith("material."))})
        if name == "pymdownx.emoji":
            clean = emoji_options(options)
        if name == "pymdownx.superfences":
            clean.pop("custom_fences", None)
        usable.append({name: clean})
    docs_dir, nav = monorepo(source, original, os.path.join(os.path.dirname(os.path.abspath(source)),
                                                            original.get("docs_dir") or "docs"), out)
    config = {
        "site_name": str(original.get("site_name") or "Docs"),
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "use_directory_urls": True,
        "theme": {"name": "mkdocs"},
        "plugins": [],
        "markdown_extensions": usable,
    }
    if nav:
        config["nav"] = nav
    with open(out, "w", encoding="utf-8") as f:
        yaml.dump(plain_nav(config), f, Dumper=Writer, allow_unicode=True, sort_keys=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
