"""Build machinery for the explainer site.

The site is built in two stages, and nothing here needs a MkDocs plugin or hook:

1. ``build_scripts.prebuild`` (run by ``make build`` / ``make serve``) validates the sources
   registry, the charts and the essays, and writes generated files into ``content/generated/``
   (chart data downloads, static SVG renders, figure JSON).
2. MkDocs (or Zensical) renders ``content/`` with two Python-Markdown extensions from
   ``build_scripts.markdown``: ``citations`` (footnotes from the registry) and ``shortcodes``
   (``<!-- md:chart ID -->``, ``<!-- md:sources -->``).
"""
