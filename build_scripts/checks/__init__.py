"""Checks run before render: each reads the sources (pages, registry, charts) and reports every
problem with its file, line and fix, so a contributor learns what is wrong before the site
generator runs.

- ``validate``: every page's citations, shortcodes, front matter and raw HTML.
- ``essay_links``: links between pages and to anchors, checked on the Markdown source.
- ``drafts``: drafts and ``FILL IN`` placeholders (refused by the publishing build).
- ``external_links``: every URL in the registry fetched (maintainers, online only).
"""
