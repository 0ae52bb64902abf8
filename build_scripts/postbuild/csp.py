"""Post-build step: a Content-Security-Policy ``<meta http-equiv>`` on every page.

Scripts may come only from the site itself (``'self'``) plus the inline scripts Material writes
into each page, allowed one by one by their SHA-256 hash, computed per page (Material's
``__md_scope`` script differs with the page's depth). No ``'unsafe-inline'`` and no
``'unsafe-eval'`` for scripts: the vendored plotly.js basic bundle needs neither
(``tests/test_security.py`` draws every chart under the policy).

Styles keep ``'unsafe-inline'``: Material writes ``style=""`` attributes and plotly.js inserts a
``<style>`` element. Style injection cannot run code; the script policy is the one that matters.

A policy delivered by ``<meta>`` cannot carry ``frame-ancestors``, ``report-uri`` or ``sandbox``
(browsers ignore them and log an error), so they are left out; a host that can send headers
should add ``frame-ancestors 'none'`` there (see docs/maintaining.md).

The step also refuses pages whose HTML would break under the policy: inline event handlers
(``onclick=``) and ``javascript:`` URLs, which no hash can allow.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from ..errors import BuildError, BuildErrors
from ..project import Project

# Directives, in order. ``{scripts}`` is replaced by the page's inline-script hashes.
POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'{scripts}"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("frame-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
SRC_ATTR = re.compile(r"""\ssrc\s*=""", re.I)
TYPE_ATTR = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# MIME types (and "module") that a browser runs as script: everything else is a data block.
JS_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
    "application/x-javascript",
    "text/jscript",
    "text/livescript",
}
# Starts at "<meta", not at whitespace: a leading \s* makes the search retry at every space of the page.
EXISTING_META = re.compile(r"""<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>""", re.I)
CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.I)
HANDLER_ATTR = re.compile(r"""\son[a-z]+\s*=""", re.I)
JS_URL_ATTR = re.compile(r"""\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)
# A start tag carrying either: one scan of the page in the regex engine, not a Python loop per tag.
BLOCKED_TAG = re.compile(
    r"<[a-zA-Z][^>]*?(?:" + HANDLER_ATTR.pattern + "|" + JS_URL_ATTR.pattern + r")[^>]*>",
    re.I,
)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not JSON islands, not src=)."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if SRC_ATTR.search(attrs):
            continue
        kind = TYPE_ATTR.search(attrs)
        mime = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if mime.strip().lower() not in JS_TYPES:
            continue
        found.append(match.group("body"))
    return found


def script_hash(body: str) -> str:
    # The HTML parser turns CR LF and lone CR into LF before the browser hashes the text.
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy_for(html: str) -> str:
    hashes = list(dict.fromkeys(script_hash(body) for body in inline_scripts(html)))
    scripts = "".join(" " + h for h in hashes)
    return "; ".join(f"{name} {value.format(scripts=scripts)}" for name, value in POLICY)


def policy_of(html: str) -> str | None:
    """The policy a built page carries, or None."""
    match = re.search(r"""<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)\"""", html, re.I)
    return match.group(1) if match else None


def add_policy(html: str) -> str:
    """Return the page with its policy as the first element after <meta charset> (before any script)."""
    html = _without_policy(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    anchor = CHARSET_META.search(html) or HEAD_OPEN.search(html)
    if anchor is None:
        return meta + html
    return html[: anchor.end()] + "\n    " + meta + html[anchor.end() :]


def _without_policy(html: str) -> str:
    """The page without a policy an earlier run added (with the whitespace before it)."""
    while match := EXISTING_META.search(html):
        html = html[: match.start()].rstrip() + html[match.end() :]
    return html


def blocked_inline_code(html: str) -> list[tuple[int, str]]:
    """(line, what) for inline handlers and javascript: URLs: code no CSP hash can allow."""
    problems = []
    # Blank out script bodies (JSON islands hold strings like "<extra>"), keeping line numbers.
    html = SCRIPT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), html)
    for tag in BLOCKED_TAG.finditer(html):
        what = "an inline event handler (on…=)" if HANDLER_ATTR.search(tag.group(0)) else "a javascript: URL"
        problems.append((html.count("\n", 0, tag.start()) + 1, what))
    return problems


def add_content_security_policy(site: Path, project: Project) -> None:
    errors = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        problems = blocked_inline_code(html)
        for line, what in problems:
            errors.append(
                BuildError(
                    f"the built page contains {what}, which the Content-Security-Policy blocks",
                    file=f"site/{page.relative_to(site).as_posix()}",
                    line=line,
                    fix="move the behaviour into a script under content/assets/javascripts/ "
                    "(or remove it from the template in overrides/ that writes it)",
                )
            )
        if not problems:
            page.write_text(add_policy(html), encoding="utf-8")
    if errors:
        raise BuildErrors(errors)
