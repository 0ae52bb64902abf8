"""The post-build steps on their own: the internal link checker and the Content-Security-Policy."""

from __future__ import annotations

import shutil

import pytest

from build_scripts.errors import BuildErrors
from build_scripts.postbuild import STEPS
from build_scripts.postbuild.csp import add_content_security_policy, add_policy, inline_scripts, policy_of, script_hash
from build_scripts.postbuild.links import broken_links, check_internal_links
from build_scripts.project import Project


def test_both_steps_are_registered_links_first():
    assert STEPS.index(check_internal_links) < STEPS.index(add_content_security_policy)


def test_the_built_mini_site_has_no_broken_internal_link(built_mini):
    assert broken_links(built_mini, ("http://127.0.0.1:8000", "/")) == []


@pytest.fixture
def site_copy(built_mini, tmp_path):
    return shutil.copytree(built_mini, tmp_path / "site")


def test_a_link_to_a_missing_page_is_named_with_page_line_and_fix(site_copy):
    page = site_copy / "second" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<p><a href="../nowhere/">x</a></p></article>', 1), encoding="utf-8")
    errors = broken_links(site_copy)
    assert len(errors) == 1
    error = errors[0]
    assert error.file == "site/second/index.html"
    assert error.line == html[: html.index("</article>")].count("\n") + 1
    assert "'../nowhere/'" in error.message and "no file nowhere/index.html" in error.message
    assert "content/second.md" in error.fix


def test_a_link_to_a_missing_anchor_is_found(site_copy):
    page = site_copy / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</article>", '<a href="chapter/#no-such-section">x</a></article>', 1), encoding="utf-8"
    )
    [error] = broken_links(site_copy)
    assert "chapter/index.html has no element with id 'no-such-section'" in error.message


def test_missing_asset_and_root_relative_links(site_copy):
    page = site_copy / "404.html"
    html = page.read_text(encoding="utf-8")
    extra = '<img src="/assets/missing.png" alt=""><a href="/chapter/#section-one">ok</a><a href="https://example.org/">ext</a>'
    page.write_text(html.replace("</body>", extra + "</body>", 1), encoding="utf-8")
    errors = broken_links(site_copy, ("http://127.0.0.1:8000", "/"))
    assert [e.message for e in errors] == [
        "broken internal link '/assets/missing.png': no file assets/missing.png in the built site"
    ]


def test_the_checker_stops_the_build_step(site_copy, tmp_path):
    (site_copy / "index.html").write_text(
        '<html><head></head><body><a href="gone.html">x</a></body></html>', encoding="utf-8"
    )
    with pytest.raises(BuildErrors) as stopped:
        check_internal_links(site_copy, Project(tmp_path))
    assert "site/index.html:1: broken internal link 'gone.html'" in str(stopped.value)


def test_policy_hashes_only_scripts_the_browser_runs():
    html = (
        '<html><head><meta charset="utf-8"><script>var a=1</script>'
        '<script type="application/json">{"x":1}</script><script src="x.js"></script>'
        '<script type="module">import "./m.js"</script></head><body></body></html>'
    )
    assert inline_scripts(html) == ["var a=1", 'import "./m.js"']
    policy = policy_of(add_policy(html))
    assert script_hash("var a=1") in policy and script_hash('{"x":1}') not in policy
    assert "'unsafe-inline'" not in policy.split(";")[1] and "unsafe-eval" not in policy


def test_policy_is_placed_before_scripts_and_replaced_not_repeated():
    html = '<html><head><meta charset="utf-8"><script>var a=1</script></head></html>'
    once = add_policy(html)
    twice = add_policy(once)
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert twice.count("Content-Security-Policy") == 1
    assert twice == once  # whitespace included: a rebuild of an unchanged page is byte-identical


def test_hash_follows_the_html_parser_newline_normalisation():
    assert script_hash("a\r\nb") == script_hash("a\nb")


def test_inline_handlers_in_built_pages_stop_the_build(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><head><meta charset="utf-8"></head>\n<body>\n'
        '<button onclick="go()">Go</button>\n'
        "<p>Text may say onion=3 or href=javascript: outside a tag.</p>\n"
        '<a class="x"\n   href="javascript:void(0)">Void</a>\n'
        '<script type="application/json">{"t":"<b onclick=x>"}</script></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(BuildErrors) as stopped:
        add_content_security_policy(site, Project(tmp_path))
    handler, url = stopped.value.errors
    assert (handler.file, handler.line) == ("site/index.html", 3)
    assert "inline event handler" in handler.message and "content/assets/javascripts/" in handler.fix
    assert (url.line, url.message) == (
        5,
        "the built page contains a javascript: URL, which the Content-Security-Policy blocks",
    )


@pytest.mark.slow
def test_a_broken_link_from_a_template_stops_the_build_and_leaves_no_site(mini_project):
    import subprocess
    import sys

    (mini_project / "overrides").mkdir(exist_ok=True)
    (mini_project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block footer %}{{ super() }}<a href="{{ base_url }}/no-such-page/">x</a>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build"], cwd=mini_project, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "site/chapter/index.html:" in result.stderr and "broken internal link" in result.stderr
    assert "a template writes it" in result.stderr and "overrides/" in result.stderr
    assert not (mini_project / "site").exists()
    assert not (mini_project / "site.building").exists()
