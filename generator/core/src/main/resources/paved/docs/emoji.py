"""Writes emoji.tsv from the installed pymdown-extensions (Debian: python3-pymdownx): /usr/bin/python3 emoji.py > emoji.tsv"""
from pymdownx import emoji1_db, twemoji_db, __meta__


def characters(db):
    """Each shortcode of an index, aliases included (an alias wins over a name, as pymdownx.emoji looks aliases up
    first), mapped to the code points pymdownx.emoji shows as the emoji's alt text (unicode_alt, else unicode)."""
    out = {}
    for name, emoji in db.emoji.items():
        out[name] = emoji.get("unicode_alt", emoji.get("unicode"))
    for alias, name in db.aliases.items():
        if name in db.emoji:
            out[alias] = out[name]
    return out


emojione = characters(emoji1_db)
twemoji = characters(twemoji_db)
print("# Emoji shortcodes of pymdownx.emoji's emojione and twemoji indexes and the characters they stand for:")
print("# shortcode (without its colons)<TAB>emojione code points<TAB>twemoji code points, hex, '-' between; a column")
print("# is empty when the index lacks the shortcode, '=' when twemoji's are emojione's.")
print("# Generated from pymdown-extensions %s (pymdownx/emoji1_db.py: EmojiOne %s, MIT licence, (c) emojione.com;"
      % (__meta__.__version__, emoji1_db.version))
print("# pymdownx/twemoji_db.py: Twemoji %s names; MIT licence, (c) Isaac Muse) with" % twemoji_db.version)
print("# generator/core/src/main/resources/paved/docs/emoji.py; regenerate rather than edit. Only names and code points")
print("# are taken, no artwork.")
for name in sorted(set(emojione) | set(twemoji)):
    one = emojione.get(name) or ""
    two = twemoji.get(name) or ""
    print("%s\t%s\t%s" % (name[1:-1], one, "=" if one and two == one else two))
