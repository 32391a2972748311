"""A stand-in for the diagram extensions TechDocs runs, for the differential test's MkDocs.

mkdocs-techdocs-core adds plantuml_markdown and markdown_inline_graphviz, and a doc set may list mkdocs_graphviz;
none is packaged in Debian. Without them MkDocs misreads such a fence (superfences refuses its attributes and the
closing fence opens a code block that swallows what follows), so the oracle would not be TechDocs there. This
extension does only what those extensions do to the page's structure: it takes out, before superfences reads the
page, a ```plantuml or ```uml fence with its attributes (alt, title, classes, width, height), a ::uml:: …
::end-uml:: block, a ```graphviz <program> <file> fence and a {% dot <file> … %} block, and puts an image in its place with those attributes
(plantuml_markdown's defaults: alt "uml diagram", class "uml"). It draws nothing: the image is an empty SVG data URL.
The drawing itself is checked by Paved's own tests (DiagramsTest). techdocs_config.py always adds it, as TechDocs
always adds plantuml_markdown.
"""
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

FENCE = re.compile(
    r"^(?P<indent>[ ]*)(?P<fence>`{3,}|~{3,})[ ]*(?P<kind>\{?\.?(?:plant)?uml\}?|graphviz)(?P<rest>[^\n]*)\n"
    r"(?P<code>.*?)^(?P=indent)(?P=fence)[ ]*$",
    re.MULTILINE | re.DOTALL)
BLOCK = re.compile(r"^(?P<indent>[ ]*)::uml::(?P<rest>[^\n]*)\n(?P<code>.*?)^[ ]*::end-uml::[ ]*$",
                   re.MULTILINE | re.DOTALL)
GRAPHVIZ_BLOCK = re.compile(r"^(?P<indent>[ ]*)\{%[ ]*(?P<program>dot|neato|fdp|sfdp|twopi|circo)[ ]+(?P<rest>\S+)[ ]*\n"
                            r"(?P<code>.*?)^[ ]*%}[ ]*$", re.MULTILINE | re.DOTALL)
ATTRIBUTE = re.compile(r"""([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
EMPTY_SVG = "data:image/svg+xml;base64,PHN2Zy8+"


def escape(value):
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


class DiagramPreprocessor(Preprocessor):
    def run(self, lines):
        text = "\n".join(lines)
        text = FENCE.sub(self.replace, text)
        text = BLOCK.sub(self.replace, text)
        text = GRAPHVIZ_BLOCK.sub(self.replace, text)
        return text.split("\n")

    def replace(self, match):
        kind = match.groupdict().get("kind") or ("graphviz" if match.groupdict().get("program") else "uml")
        rest = match.group("rest")
        if kind == "graphviz":
            words = rest.split()
            attributes = {"alt": words[-1] if words else "", "classes": "graphviz"}
        else:
            attributes = {}
            for m in ATTRIBUTE.finditer(rest):
                attributes[m.group(1).lower()] = next(v for v in m.groups()[1:] if v is not None)
        html = '<img class="%s" alt="%s"' % (escape(attributes.get("classes", "uml")),
                                            escape(attributes.get("alt", "uml diagram")))
        for key in ("title", "width", "height"):
            if key in attributes:
                html += ' %s="%s"' % (key, escape(attributes[key]))
        html += ' src="%s">' % EMPTY_SVG
        return match.group("indent") + self.md.htmlStash.store(html)


class DiagramExtension(Extension):
    def extendMarkdown(self, md):
        # After snippets (32) and whitespace normalising (30, which drops the placeholders' markers), before
        # superfences' fences (25).
        md.preprocessors.register(DiagramPreprocessor(md), "paved_diagrams", 28)


def makeExtension(**kwargs):
    return DiagramExtension(**kwargs)
