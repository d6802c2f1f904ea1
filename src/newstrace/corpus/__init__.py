"""Across the corpus: what connects stored articles (stories; identities, quote clusters and relays to come).

Layer 5, beside the store: these modules read and write the store's corpus tables and run the
shipped models; nothing below imports them.
"""
