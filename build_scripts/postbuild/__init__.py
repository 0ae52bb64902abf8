"""Post-build steps: small pure functions run over the generated site folder, in order, before
it replaces ``site/``. Each takes (site folder, project) and raises BuildError on a problem.
They work the same whether MkDocs or Zensical wrote the HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..project import Project
from .bundle import bundle_assets
from .csp import add_content_security_policy
from .links import check_internal_links
from .minify import minify_assets
from .notes import split_notes
from .redirects import write_redirects

Step = Callable[[Path, Project], None]

# Order matters: links are checked on the generator's HTML, then the policy is added (it hashes
# the final inline scripts, so it must come after any step that changes a page's scripts).
STEPS: list[Step] = [
    write_redirects,  # forwarding pages for renamed addresses (redirects.yml); checked like any page
    split_notes,  # each page's notes on a page of their own, fetched after load (first view)
    check_internal_links,
    minify_assets,  # the site's own CSS and JS, a third lighter
    bundle_assets,  # ... and joined into one stylesheet and one script per page
    add_content_security_policy,
]


def run_steps(site: Path, project: Project) -> None:
    for step in STEPS:
        step(site, project)
