"""An edition's settings: ``content-<lang>/edition.yml``.

    lang: es
    site_name: La fuerza contra los cárteles
    site_description: >-
      …
    copyright: …
    about: …                       # the footer's first line (extra.about)
    search_lang: es                # Material's search: stemming and stop words
    toc_permalink_title: Enlace a esta sección
    footnote_backlink_title: Volver a la nota %d en el texto   # the notes' ↩ link (%d: its number)
    palette_toggle: [Cambiar a modo oscuro, Cambiar a modo claro]
    record_through: la primavera de 2026   # how far the record reaches (pagefacts' record_through)
    pending_notice: Esta página aún no está traducida …   # above an English page shown untranslated
    nav:                           # every page of mkdocs.yml's nav, by file: its title here
      index.md: El debate en cinco minutos
      …

Every page of the English navigation must have a title here: a missing one stops the build,
naming the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from ..project import Project
from ..site_config import load_site_config
from ..yamlio import line_of, load_yaml

REQUIRED = ("lang", "site_name", "site_description", "pending_notice", "nav")


@dataclass(frozen=True)
class Edition:
    folder: Path  # content-<lang>/
    lang: str
    site_name: str
    site_description: str
    pending_notice: str
    nav: dict[str, str]  # English nav file -> title in this language
    copyright: str = ""
    about: str = ""
    search_lang: str = ""
    toc_permalink_title: str = ""
    footnote_backlink_title: str = ""
    palette_toggle: tuple[str, ...] = ()
    record_through: str = ""
    line_of_key: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def settings(self) -> Path:
        return self.folder / "edition.yml"

    @property
    def path(self) -> str:
        """The edition's folder below the site's root: ``es/``."""
        return f"{self.lang}/"

    def translation(self, src: str) -> Path:
        """Where the translation of ``content/SRC`` lives (it may not exist yet)."""
        return self.folder / src

    def is_translated(self, src: str) -> bool:
        return self.translation(src).is_file()


def load_edition(folder: Path, project: Project) -> Edition:
    path = folder / "edition.yml"
    data = load_yaml(path, what=f"{folder.name}/edition.yml")
    if not isinstance(data, dict):
        raise BuildError("edition.yml must be a mapping of settings", file=path, fix="see docs/translating.md")
    for key in REQUIRED:
        if not data.get(key):
            raise BuildError(f"edition.yml has no '{key}'", file=path, fix=f"add {key}: (see docs/translating.md)")
    lang = str(data["lang"])
    if folder.name != f"content-{lang}":
        raise BuildError(
            f"edition.yml says lang: {lang}, but its folder is {folder.name}",
            file=path,
            line=line_of(data) or None,
            fix=f"rename the folder content-{lang}/ or correct lang:",
        )
    nav = data["nav"]
    if not isinstance(nav, dict):
        raise BuildError("edition.yml: nav must map each page file to its title", file=path, fix="nav:\n  index.md: …")
    missing = [src for src in load_site_config(project.root).nav_files if src not in nav]
    if missing:
        raise BuildError(
            f"edition.yml: no title for {', '.join(missing)} (in mkdocs.yml's nav)",
            file=path,
            fix=f"add under nav: '{missing[0]}: <title in {lang}>'",
        )
    toggle = data.get("palette_toggle") or ()
    return Edition(
        folder=folder,
        lang=lang,
        site_name=str(data["site_name"]),
        site_description=" ".join(str(data["site_description"]).split()),
        pending_notice=" ".join(str(data["pending_notice"]).split()),
        nav={str(k): str(v) for k, v in nav.items()},
        copyright=str(data.get("copyright") or ""),
        about=" ".join(str(data.get("about") or "").split()),
        search_lang=str(data.get("search_lang") or lang),
        toc_permalink_title=str(data.get("toc_permalink_title") or ""),
        footnote_backlink_title=str(data.get("footnote_backlink_title") or ""),
        palette_toggle=tuple(str(t) for t in toggle),
        record_through=" ".join(str(data.get("record_through") or "").split()),
    )
