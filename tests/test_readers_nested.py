"""Nested renders (the print page): a chapter's own page render is reused instead of rendering
the chapter a second time, and the page comes out the same either way."""

from __future__ import annotations

import markdown
import pytest

from build_scripts.markdown import nested
from build_scripts.site_config import load_site_config

from .conftest import ROOT


def real_markdown() -> markdown.Markdown:
    site = load_site_config(ROOT)
    names, configs = [], {}
    for entry in site.markdown_extensions:
        name, config = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        names.append(name)
        configs[name] = dict(config or {})
    return markdown.Markdown(extensions=names, extension_configs=configs)


def test_the_snapshot_is_taken_after_the_shared_steps_and_before_the_page_decorations():
    md = real_markdown()
    priorities = {item.name: item.priority for item in md.treeprocessors._priority}
    assert priorities["nested-snapshot"] == nested.SNAPSHOT_PRIORITY
    for shared in ("inline", "footnote", "attr_list", "abbr", "toc"):
        assert priorities[shared] > nested.SNAPSHOT_PRIORITY, shared
    left_out = [
        item for item in md.treeprocessors._priority if type(md.treeprocessors[item.name]).__module__ in nested.LEFT_OUT
    ]
    assert {item.name for item in left_out} == {"glossary", "pagefacts"}
    assert all(item.priority < nested.SNAPSHOT_PRIORITY for item in left_out), left_out


def test_outside_a_site_build_nothing_is_kept():
    """A Markdown render that is not a page of an MkDocs build (a test, Zensical) keeps no copy."""
    before = dict(nested._SNAPSHOTS)
    real_markdown().convert("# A title\n\nText.[^inegi-homicides]\n")
    assert nested._SNAPSHOTS == before


def test_a_nested_render_titles_the_notes_back_links_as_the_outer_page_does():
    """The print page of the Spanish edition renders its chapters nested: their notes' ↩ links
    say what the edition's configuration says ("Volver a la nota 1 en el texto"), not the
    English of mkdocs.yml ("Jump back to footnote 1 in the text")."""
    outer = markdown.Markdown(
        extensions=["footnotes"], extension_configs={"footnotes": {"BACKLINK_TITLE": "Volver a la nota %d en el texto"}}
    )
    tree = nested.NestedRenderer(outer, load_site_config(ROOT)).render("Texto.[^inegi-homicides]\n")
    titles = [a.get("title") for a in tree.iter("a") if a.get("class") == "footnote-backref"]
    assert titles == ["Volver a la nota 1 en el texto"]
    english = nested.NestedRenderer(markdown.Markdown(extensions=["footnotes"]), load_site_config(ROOT))
    tree = english.render("Text.[^inegi-homicides]\n")
    assert [a.get("title") for a in tree.iter("a") if a.get("class") == "footnote-backref"] == [
        "Jump back to footnote 1 in the text"
    ]


@pytest.mark.slow
def test_the_print_page_is_the_same_with_and_without_reuse(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_scripts.prebuild import prebuild
    from build_scripts.project import Project

    monkeypatch.chdir(ROOT)
    prebuild(Project(ROOT))
    reused = []
    adopt = nested.NestedRenderer.adopt_snapshot
    monkeypatch.setattr(
        nested.NestedRenderer, "adopt_snapshot", lambda self, snapshot: reused.append(1) or adopt(self, snapshot)
    )

    def print_page(site_dir):
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir)))
        return (site_dir / "print" / "index.html").read_text(encoding="utf-8")

    with_reuse = print_page(tmp_path / "with")
    assert len(reused) >= 5, "the chapters rendered before the print page should have been reused"
    monkeypatch.setattr(nested._TreeCapture, "run", lambda self, root: None)
    reused.clear()
    without_reuse = print_page(tmp_path / "without")
    assert not reused
    assert with_reuse == without_reuse
