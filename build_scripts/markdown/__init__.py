"""Python-Markdown extensions (they run under MkDocs and under Zensical alike).

Configured in mkdocs.yml under ``markdown_extensions`` as ``build_scripts.markdown.citations``
and ``build_scripts.markdown.shortcodes``.
"""
