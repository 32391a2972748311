"""Material for MkDocs' emoji index and generator, for the differential test's MkDocs.

Debian's mkdocs-material 8.2.5 ships the icons (/usr/share/mkdocs/themes/material/.icons) but not the module its
mkdocs.yml files name (material.extensions.emoji / materialx.emoji). This one does what that module is documented to
do: the index is pymdownx's Twemoji index plus every icon, named by its path under .icons ('/' as '-', no '.svg':
:material-check:, :octicons-file-code-16:), emoji first; the generator writes an icon as its SVG file inline in a
<span class="twemoji">, and an emoji as pymdownx.emoji.to_svg does. techdocs_config.py names it for a doc set whose
mkdocs.yml chooses Material's index.
"""
import glob
import os
import xml.etree.ElementTree as etree

from pymdownx import emoji, twemoji_db

ICONS = "/usr/share/mkdocs/themes/material/.icons"


def twemoji(options, md):
    """Twemoji's index with Material's icons."""
    index = {"name": "twemoji", "emoji": dict(twemoji_db.emoji), "aliases": dict(twemoji_db.aliases)}
    for path in sorted(glob.glob(os.path.join(ICONS, "**", "*.svg"), recursive=True)):
        name = ":%s:" % os.path.relpath(path, ICONS)[:-4].replace(os.sep, "-")
        if name not in index["emoji"] and name not in index["aliases"]:
            index["emoji"][name] = {"name": name, "path": path}
    return index


def to_svg(index, shortname, alias, uc, alt, title, category, options, md):
    """An icon (no code points) inline; an emoji as pymdownx.emoji.to_svg."""
    if uc is not None:
        return emoji.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    path = md.inlinePatterns["emoji"].emoji_index["emoji"][shortname]["path"]
    span = etree.Element("span", {"class": options.get("classes", index)})
    with open(path, encoding="utf-8") as f:
        span.text = md.htmlStash.store(f.read())
    return span
