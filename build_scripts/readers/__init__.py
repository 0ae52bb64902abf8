"""Features for readers and educators: citing, the glossary, dates, stable links.

The data side of each feature (load, validate, records, the HTML of a list); the Markdown side
(shortcode handlers, the print page, nested renders) lives in ``build_scripts.markdown``, which
imports this package and is never imported by it. Everything runs in the pre-build or inside
Python-Markdown extensions, never as a MkDocs plugin or hook, so MkDocs and Zensical build the
same site. The parts of ``mkdocs.yml`` these features need come from ``build_scripts.site_config``.

- ``pages``: one record per page (title, description, permanent URL, "last updated" date from
  git, first chart, citations in APA/MLA/Chicago/BibTeX), written by the pre-build to
  ``content/generated/pages.json`` and read by ``build_scripts.markdown.pagefacts``.
- ``glossary``: ``glossary.yml``, validated, and where each term is used.
- ``changes``: ``changes.yml``, the dated log shown on the What's new page.
- ``links``: ``redirects.yml`` (renamed pages and anchors) and the published URLs list.
"""

from __future__ import annotations
