"""The two Python-Markdown extensions on their own (no site generator)."""

import markdown
import pytest

from build_scripts.errors import BuildError


def render(text, project):
    md = markdown.Markdown(
        extensions=[
            "footnotes",
            "attr_list",
            "build_scripts.markdown.citations",
            "build_scripts.markdown.shortcodes",
        ],
        extension_configs={
            "build_scripts.markdown.citations": {"project": str(project)},
            "build_scripts.markdown.shortcodes": {"project": str(project)},
        },
    )
    return md.convert(text)


def test_footnotes_are_written_from_the_registry(mini_project):
    html = render("Claim.[^porter-wapo-2024] Again.[^porter-wapo-2024]", mini_project)
    assert html.count('href="#fn:porter-wapo-2024"') == 2
    assert '<li id="fn:porter-wapo-2024">' in html
    assert "Porter, E. (2024, July 30)" in html and "<i>The Washington Post</i>" in html


def test_pinpoints_get_their_own_note(mini_project):
    html = render("One.[^porter-wapo-2024, subtitle] Two.[^porter-wapo-2024]", mini_project)
    assert 'id="fn:porter-wapo-2024--1"' in html and "In the source: subtitle." in html
    assert 'id="fn:porter-wapo-2024--2"' in html


def test_unknown_source_stops_with_a_suggestion(mini_project):
    with pytest.raises(BuildError) as caught:
        render("Text.\n\nClaim.[^porter-wapo-2042]", mini_project)
    assert "unknown source id 'porter-wapo-2042'" in str(caught.value)
    assert caught.value.line == 3 and "did you mean [^porter-wapo-2024]?" in str(caught.value)


def test_handwritten_definition_is_refused(mini_project):
    with pytest.raises(BuildError) as caught:
        render("Claim.[^x]\n\n[^x]: My own citation.", mini_project)
    assert "written by hand" in str(caught.value)


def test_citations_in_code_are_left_alone(mini_project):
    html = render("```\n[^not-a-source]\n```", mini_project)
    assert "[^not-a-source]" in html


def test_unknown_shortcode_fails_loudly(mini_project):
    with pytest.raises(BuildError) as caught:
        render("<!-- md:graph homicides-mexico -->", mini_project)
    assert "unknown shortcode 'md:graph'" in str(caught.value) and "md:chart" in str(caught.value)


def test_unknown_chart_suggests_the_closest(mini_project):
    with pytest.raises(BuildError) as caught:
        render("<!-- md:chart homicide-mexico -->", mini_project)
    assert "unknown chart id 'homicide-mexico'" in str(caught.value)
    assert "did you mean 'homicides-mexico'?" in str(caught.value)


def test_chart_before_prebuild_says_how_to_generate(mini_project):
    with pytest.raises(BuildError) as caught:
        render("<!-- md:chart homicides-mexico -->", mini_project)
    assert "has not been generated yet" in str(caught.value) and "make build" in str(caught.value)


def test_only_directly_adjacent_note_markers_are_marked(mini_project):
    html = render("Both.[^porter-wapo-2024][^inegi-homicides] Later, apart.[^fettweis-2024]", mini_project)
    assert html.count("fn-adjacent") == 1
    assert '<sup class="fn-adjacent" id="fnref:inegi-homicides">' in html


def test_a_long_running_process_sees_chart_and_registry_edits(mini_project):
    """Charts and their figures are cached across pages; an edit must still show on the next render
    (``mkdocs serve`` keeps one process), even when the generated figure JSON did not change."""
    import os

    from build_scripts.prebuild import prebuild
    from build_scripts.project import Project

    prebuild(Project(mini_project))
    first = render("<!-- md:chart homicides-mexico -->", mini_project)
    assert first == render("<!-- md:chart homicides-mexico -->", mini_project)  # cached, same page
    meta = mini_project / "charts" / "homicides-mexico" / "chart.yml"
    text = meta.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    meta.write_text(text.replace(title, "title: A retitled chart"), encoding="utf-8")
    os.utime(meta, ns=(meta.stat().st_atime_ns, meta.stat().st_mtime_ns + 1_000_000))
    assert "A retitled chart" in render("<!-- md:chart homicides-mexico -->", mini_project)
    registry = mini_project / "sources.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "title: Defunciones por homicidio", "title: Defunciones por homicidio (edited)", 1
        ),
        encoding="utf-8",
    )
    os.utime(registry, ns=(registry.stat().st_atime_ns, registry.stat().st_mtime_ns + 1_000_000))
    assert "Defunciones por homicidio (edited)" in render("<!-- md:chart homicides-mexico -->", mini_project)
