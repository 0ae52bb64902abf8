"""Security and privacy of the built site: a Content-Security-Policy on every page that allows
scripts only from the site itself, charts that still draw under it, no request to another host
and no cookies. The browser tests run on the mini fixture and on the real site."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import follow_instant_link, wait_for_notes

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)

# Listens before any page script runs: every violation of the policy is recorded.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample}));
"""


def pages_of(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def page_urls(site: Path, base: str) -> list[str]:
    urls = []
    for page in pages_of(site):
        rel = page.relative_to(site).as_posix()
        urls.append(f"{base}/{rel[: -len('index.html')]}" if rel.endswith("index.html") else f"{base}/{rel}")
    return urls


# --- the policy in the HTML ---------------------------------------------------------------------


def check_policies(site: Path) -> None:
    pages = pages_of(site)
    assert len(pages) >= 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        metas = POLICY_META.findall(html)
        assert len(metas) == 1, f"{page}: expected one CSP meta, found {len(metas)}"
        head = html[: html.index("</head>")]
        first_script = head.find("<script")
        assert 0 < head.index("Content-Security-Policy") < (first_script if first_script >= 0 else len(head)), (
            f"{page}: the policy must come before the first script"
        )
        policy = directives(metas[0].replace("&#39;", "'"))
        scripts = policy["script-src"]
        assert "'self'" in scripts
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, page
        assert not [s for s in scripts if s.startswith(("http", "*", "data:", "blob:"))], scripts
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert "frame-ancestors" not in policy  # ignored (with a console error) when sent by <meta>
        # Every inline script the page runs is allowed by exactly its own hash; JSON islands are not scripts.
        inline = [
            body for attrs, body in SCRIPT.findall(html) if "src=" not in attrs and "application/json" not in attrs
        ]
        if "data-md-component" in html:  # a Material page (not a redirect stub)
            assert inline, f"{page}: expected Material's inline scripts"
        wanted = {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in inline}
        assert wanted == {s for s in scripts if s.startswith("'sha256-")}, page


def test_every_page_of_the_mini_site_has_a_strict_policy(built_mini):
    check_policies(built_mini)


@pytest.mark.slow
def test_every_page_of_the_real_site_has_a_strict_policy(built_site):
    check_policies(built_site)


def test_no_page_loads_anything_from_another_host(built_mini):
    offsite = re.compile(
        r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\s(?:src|href|srcset)=["']?(?:https?:)?//"""
    )
    for page in pages_of(built_mini):
        html = SCRIPT.sub("", page.read_text(encoding="utf-8"))
        canonical = re.sub(r'<link rel="canonical"[^>]*>', "", html)
        assert not offsite.findall(canonical), f"{page}: loads something from another host"


def test_no_analytics_or_tracking_in_the_site(built_mini):
    for file in list(built_mini.rglob("*.html")) + list(built_mini.rglob("*.js")):
        text = file.read_text(encoding="utf-8", errors="replace")
        for marker in ("googletagmanager", "google-analytics.com", "gtag(", "plausible.io", "matomo"):
            assert marker not in text, f"{file}: {marker}"


# --- in the browser -----------------------------------------------------------------------------


def open_recorded(open_page, url, **kwargs):
    page, messages, requests = open_page("about:blank", **kwargs)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    page.wait_for_load_state("load")
    wait_for_notes(page)
    return page, messages, requests


# A page may keep its charts static on purpose (the print page marks them so before any script
# runs); every other chart must turn interactive.
KEEP_STATIC = (
    "() => "
    + "document.querySelectorAll('figure.chart').forEach(f => f.__keepStatic = f.getAttribute('data-rendered') === 'static')"
)
ALL_DRAWN = (
    "() => [...document.querySelectorAll('figure.chart')]"
    ".every(f => f.__keepStatic || f.getAttribute('data-rendered') === 'interactive')"
)


def draw_charts(page) -> int:
    """Scroll every chart into view and wait until each has drawn; returns how many drew."""
    page.evaluate(KEEP_STATIC)
    figures = page.locator("figure.chart")
    for index in range(figures.count()):
        figures.nth(index).scroll_into_view_if_needed()
    if figures.count():
        page.wait_for_function(ALL_DRAWN, timeout=20000)
    return page.locator('figure.chart[data-rendered="interactive"]').count()


def assert_clean(page, messages, requests, base):
    violations = page.evaluate("() => window.__violations")
    assert violations == [], f"{page.url}: CSP violations {violations}"
    errors = [m for m in messages if m[0] in ("error", "pageerror")]
    assert errors == [], f"{page.url}: console errors {errors}"
    host = urlsplit(base).netloc
    away = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != host]
    assert away == [], f"{page.url}: requests left {host}: {away}"
    assert page.context.cookies() == [], "the site must set no cookies"
    assert page.evaluate("() => document.cookie") == ""


def check_site_in_browser(site: Path, base: str, open_page) -> int:
    drawn = 0
    for url in page_urls(site, base):
        page, messages, requests = open_recorded(open_page, url)
        assert page.evaluate("() => !!document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')")
        drawn += draw_charts(page)
        page.wait_for_timeout(200)
        assert_clean(page, messages, requests, base)
        page.context.close()
    return drawn


@pytest.mark.browser
def test_mini_site_under_its_policy_draws_charts_and_stays_home(open_page, built_mini, mini_url):
    drawn = check_site_in_browser(built_mini, mini_url, open_page)
    assert drawn >= 2, "the mini site has two chart pages: both charts must draw under the policy"


@pytest.mark.browser
@pytest.mark.slow
def test_real_site_under_its_policy_draws_charts_and_stays_home(open_page, built_site, site_url):
    drawn = check_site_in_browser(built_site, site_url, open_page)
    assert drawn >= 1


@pytest.mark.browser
def test_the_policy_is_enforced(open_page, mini_url):
    """Negative control: an inline script the build did not hash is blocked, and reported."""
    page, _, _ = open_recorded(open_page, f"{mini_url}/chapter/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = true'; document.body.appendChild(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__injected === true") is False
    assert [v["directive"] for v in page.evaluate("() => window.__violations")] == ["script-src-elem"]
    # String code run later by the page itself (not by the test's privileged evaluate) is eval.
    page.evaluate("() => setTimeout('window.__evaluated = true', 0)")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__evaluated === true") is False
    assert "script-src" in [v["directive"] for v in page.evaluate("() => window.__violations")][1:]


@pytest.mark.browser
def test_instant_navigation_and_palette_toggle_under_the_policy(open_page, mini_url):
    page, messages, requests = open_recorded(open_page, f"{mini_url}/chapter/")
    draw_charts(page)
    page.locator("label[for='__palette_1']").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.evaluate("() => window.__marker = 'same document'")
    follow_instant_link(page, mini_url, "second", "Second chapter")
    assert page.evaluate("() => window.__marker") == "same document"
    assert draw_charts(page) == 1
    page.wait_for_timeout(200)
    assert_clean(page, messages, requests, mini_url)
