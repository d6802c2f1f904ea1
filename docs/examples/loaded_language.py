"""Loaded language per outlet: in the outlet's own voice vs in the words it quotes.

.venv/bin/python docs/examples/loaded_language.py demo.db
"""

import sys

from newstrace.store import open_store

with open_store(sys.argv[1] if len(sys.argv) > 1 else "newstrace.db", create=False) as store:
    counts = store.frame("persuasion", by=("outlet", "voice"), technique="Loaded_Language")
table = counts.fillna({"outlet": "(unknown)"}).pivot_table(
    index="outlet", columns="voice", values="spans", aggfunc="sum", fill_value=0
)
print(table.to_string())
