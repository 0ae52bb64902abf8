"""Post-build step: minify the site's own stylesheets and scripts (assets/stylesheets/*.css and
assets/javascripts/*.js, not Material's ``*.min.*`` files nor assets/vendor/) with rcssmin and
rjsmin. The sources in content/assets/ keep their comments for maintainers; readers download
about a third less (the first view of a chart page stays within its 100 KiB budget, see
docs/checks.md)."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from ..project import Project

MINIFIERS = {
    "stylesheets/*.css": rcssmin.cssmin,
    "javascripts/*.js": rjsmin.jsmin,
}


def minify_assets(site: Path, project: Project) -> None:
    for pattern, minify in MINIFIERS.items():
        for path in sorted((site / "assets").glob(pattern)):
            if ".min." in path.name:
                continue  # Material's own bundles, minified already
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
