"""Python-Markdown extensions (they run under MkDocs and under Zensical alike): the render stage.

Configured in mkdocs.yml under ``markdown_extensions`` (``citations``, ``shortcodes``,
``pagefacts``, ``glossary``). Beside them:

- ``handlers``: the readers' shortcodes (glossary, questions, chapter links, changes, ...),
  registered in the one dispatch table of ``shortcodes``.
- ``printing``: the whole explainer on one page, for printing.
- ``nested``: one page's Markdown rendered inside another (the print page, the questions), reusing
  the page's own render when the build has already made it.

This package imports ``build_scripts.readers`` (the data of each feature); nothing there imports
it back (``tests/test_layout.py``).
"""
