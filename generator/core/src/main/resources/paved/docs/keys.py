"""Writes keys.tsv from the installed pymdown-extensions (Debian: python3-pymdownx): /usr/bin/python3 keys.py > keys.tsv"""
from pymdownx import keymap_db, __meta__

print("# Key names of pymdownx.keys and how they are shown: key<TAB>name<TAB>shown, or alias<TAB>alias<TAB>name.")
print("# Generated from pymdown-extensions %s (pymdownx/keymap_db.py, MIT licence, (c) Isaac Muse) with" % __meta__.__version__)
print("# generator/core/src/main/resources/paved/docs/keys.py; regenerate rather than edit.")
for name, shown in sorted(keymap_db.keymap.items()):
    print("key\t%s\t%s" % (name, shown))
for alias, name in sorted(keymap_db.aliases.items()):
    print("alias\t%s\t%s" % (alias, name))
