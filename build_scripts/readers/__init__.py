"""Features for readers and educators: citing, printing, the glossary, dates, stable links.

Everything here runs in the pre-build or inside Python-Markdown extensions, never as a MkDocs
plugin or hook, so MkDocs and Zensical build the same site:

- ``site``: the parts of ``mkdocs.yml`` these features need (name, URL, nav order).
- ``pages``: one record per page (title, description, permanent URL, "last updated" date from
  git, first chart, citations in APA/MLA/Chicago/BibTeX), written by the pre-build to
  ``content/generated/pages.json`` and read by ``build_scripts.markdown.pagefacts``.
- ``glossary``: ``glossary.yml``, validated, and where each term is used.
- ``changes``: ``changes.yml``, the dated log shown on the What's new page.
- ``links``: ``redirects.yml`` (renamed pages and anchors) and the published URLs list.
- ``printing``: the whole explainer on one page, for printing.
- ``nested``: one page's Markdown rendered inside another (the print page, the questions), reusing
  the page's own render when the build has already made it.
"""

from __future__ import annotations
