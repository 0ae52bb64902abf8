"""Evidence at the claim (docs/evidence.md): a page cites ``[^SOURCE-ID:CLAIM-KEY]``, and
``evidence/SLUG.yml`` gives, per claim, the source's words that carry it.

- :mod:`.model` reads and shape-checks an evidence file (``schemas/evidence.schema.json``);
- :mod:`.render` writes the excerpt under a footnote (``<q class="evidence">``, a text-fragment link);
- :mod:`.checks` ties pages, evidence files and the registry together in the pre-build.
"""
