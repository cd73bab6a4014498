"""The public site: what readers see. Pages, feeds, sitemaps, page metadata and
template tags, with no models of its own.

It reads stories through `articles` (their querysets, coverage and page cache) and
people, parties and places through `people`; neither of them imports it.
"""
