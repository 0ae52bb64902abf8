"""Where things are. Every path the build uses is derived from the project root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest folder at or above ``start`` (default: the working folder) with a mkdocs.yml."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file():
                return cls(folder)
        return cls(here)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def charts(self) -> Path:
        return self.root / "charts"

    @property
    def sources(self) -> Path:
        return self.root / "sources.yml"

    @property
    def glossary(self) -> Path:
        return self.root / "glossary.yml"

    @property
    def changes(self) -> Path:
        return self.root / "changes.yml"

    @property
    def redirects(self) -> Path:
        return self.root / "redirects.yml"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def published_urls(self) -> Path:
        """Every URL and anchor ever published (``python -m build_scripts urls`` adds new ones)."""
        return self.root / "tests" / "published-urls.txt"

    @property
    def generated_charts(self) -> Path:
        return self.generated / "charts"

    @property
    def evidence(self) -> Path:
        """The evidence files, one per page: ``evidence/SLUG.yml`` for ``content/SLUG.md``."""
        return self.root / "evidence"

    @property
    def generated(self) -> Path:
        """Files the pre-build writes for the site generator to copy (never edited by hand)."""
        return self.content / "generated"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def generated_chart(self, chart_id: str) -> Path:
        return self.generated_charts / chart_id
