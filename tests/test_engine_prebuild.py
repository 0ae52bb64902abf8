"""The pre-build step: validation across files, generated files, cached static renders."""

import pytest

from build_scripts.errors import BuildErrors
from build_scripts.prebuild import prebuild
from build_scripts.project import Project


def test_prebuild_writes_chart_files_then_reuses_the_cache(mini_project):
    project = Project(mini_project)
    prebuild(project)
    folder = project.generated_chart("homicides-mexico")
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [
            "figure.js",
            "homicides-mexico.csv",
            "homicides-mexico.png",
            "homicides-mexico.svg",
            "homicides-mexico-light.svg",
            "homicides-mexico-dark.svg",
            "homicides-mexico-light-narrow.svg",
            "homicides-mexico-dark-narrow.svg",
        ]
    )
    assert (folder / "homicides-mexico-dark.svg").read_text().startswith("<svg")
    assert "8867" in (folder / "homicides-mexico.csv").read_text()
    assert prebuild(project).rendered == 0  # unchanged chart: nothing re-exported


def test_a_data_change_re_renders_only_that_chart(mini_project):
    project = Project(mini_project)
    prebuild(project)
    csv = mini_project / "charts" / "homicides-mexico" / "data.csv"
    csv.write_text(csv.read_text().replace("2024,33550", "2024,33551"))
    assert prebuild(project).rendered == 5  # four SVG variants and the PNG


def test_essay_errors_name_file_and_line_and_all_are_reported(mini_project):
    chapter = mini_project / "content" / "chapter.md"
    text = chapter.read_text().replace("[^inegi-homicides:yearly-counts]", "[^inegi-homicide:yearly-counts]")
    text = text.replace("<!-- md:chart homicides-mexico -->", "<!-- md:chart homicides-mexic -->")
    chapter.write_text(text)
    with pytest.raises(BuildErrors) as caught:
        prebuild(Project(mini_project))
    message = str(caught.value)
    assert "content/chapter.md:10: unknown source id 'inegi-homicide'" in message
    assert "content/chapter.md:29: unknown chart id 'homicides-mexic'" in message


def test_unused_source_is_a_warning_not_an_error(mini_project):
    # A source nobody cites (directly, through a chart, or as another's `via`) is a warning:
    registry = mini_project / "sources.yml"
    registry.write_text(
        registry.read_text()
        + """- id: lonely-2020
  kind: news-report
  tier: report
  title: Unused
  outlet: Nobody
  date: "2020"
  url: https://example.org/
  language: en
  status: VERIFIED
"""
    )
    report = prebuild(Project(mini_project), render_static=False)
    assert [w.message for w in report.warnings if "lonely-2020" in w.message] == [
        "source 'lonely-2020' is not cited anywhere"
    ]


def test_link_only_source_cannot_support_a_claim(mini_project):
    registry = mini_project / "sources.yml"
    registry.write_text(
        registry.read_text().replace("status: VERIFIED\n- id: corbishley", "status: LINK-ONLY\n- id: corbishley")
    )
    with pytest.raises(BuildErrors) as caught:
        prebuild(Project(mini_project), render_static=False)
    assert "source 'porter-wapo-2024' is LINK-ONLY" in str(caught.value)
