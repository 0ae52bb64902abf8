"""Building the whole site: pre-build, then the site generator in strict mode, into a fresh folder
that replaces ``site/`` only when everything succeeded (a half-built site is never left behind)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .editions import editions
from .editions.config import write_edition_config
from .editions.stage import stage_pages, staged_docs
from .errors import BuildError, StopBuild
from .postbuild import run_steps
from .prebuild import PrebuildReport, prebuild, print_report
from .project import Project

GENERATORS = {
    # No --quiet: MkDocs counts strict-mode warnings only when they are logged, so --quiet would let
    # every warning through. The output is captured and only warnings and errors are shown.
    "mkdocs": lambda out: [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
    "zensical": lambda out: [str(Path(sys.executable).with_name("zensical")), "build", "--strict"],
}


def build_site(project: Project, *, generator: str = "mkdocs", site_dir: Path | None = None) -> PrebuildReport:
    report = prebuild(project)
    final = (site_dir or project.site).resolve()
    staging = final.with_name(final.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    try:
        if generator == "zensical":
            _run_zensical(project, staging, env)
        else:
            _run(GENERATORS["mkdocs"](staging), project.root, env)
        if not (staging / "index.html").is_file():
            raise BuildError(f"{generator} finished but wrote no index.html", fix="read the generator's output above")
        report.untranslated = _build_editions(project, staging, generator, env)
        run_steps(staging, project)
    except StopBuild:  # a failed build leaves no half-built site
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)
    return report


def _build_editions(project: Project, staging: Path, generator: str, env: dict) -> dict[str, list[str]]:
    """Each language edition into its folder of the staged site (``site/es/``), after the English
    build: a generator wipes its own output folder, and this one is new. Returns, per language,
    the pages shown in English (not yet translated)."""
    untranslated = {}
    for edition in editions(project):
        docs = staged_docs(project, edition)
        out = staging / edition.lang
        untranslated[edition.lang] = stage_pages(project, edition)
        config = write_edition_config(project, edition, docs_dir=docs, site_dir=out)
        try:
            if generator == "zensical":
                _run(GENERATORS["zensical"](out) + ["--config-file", str(config)], project.root, env)
            else:
                _run(GENERATORS["mkdocs"](out) + ["--config-file", str(config)], project.root, env)
        finally:
            config.unlink(missing_ok=True)
        if not (out / "index.html").is_file():
            raise BuildError(
                f"{generator} wrote no index.html for the '{edition.lang}' edition", fix="read the output above"
            )
    return untranslated


def run(args, project: Project) -> int:
    """``python -m build_scripts build``."""
    print_report("build", build_site(project, generator=args.generator, site_dir=args.site_dir))
    return 0


def _run(command: list[str], cwd: Path, env: dict) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        said = [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("INFO")]
        raise BuildError(
            f"{Path(command[0]).name} {' '.join(command[1:3])} failed:\n" + "\n".join(said).strip(),
            fix="fix the problem named above; nothing was published",
        )
    for line in (result.stdout + result.stderr).splitlines():
        if "WARNING" in line or "ERROR" in line:
            print(line, file=sys.stderr)


def _run_zensical(project: Project, out: Path, env: dict) -> None:
    """Zensical reads mkdocs.yml; its output folder is site_dir, so point a copy of the config at ``out``."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    staged = project.root / ".zensical.yml"
    staged.write_text(text + f"\nsite_dir: {out}\n", encoding="utf-8")
    try:
        _run(GENERATORS["zensical"](out) + ["--config-file", str(staged)], project.root, env)
    finally:
        staged.unlink(missing_ok=True)
