"""The package layout shows the build's stages, and dependencies between packages point one way.

Every import in ``build_scripts`` (at the top of a module or inside a function) is read with
``ast``; each module belongs to its package (``build_scripts/markdown/shortcodes.py`` to
``markdown``) or, at the top level, stands alone. The test fails when a package imports a unit
that imports it back, directly or through others: e.g. ``markdown`` (the render stage) may
import ``readers`` (the data of the readers' features), never the reverse.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts"


def unit_of(module: str) -> str:
    """``build_scripts.markdown.shortcodes`` -> ``markdown``; ``build_scripts.essays`` -> ``essays``."""
    parts = module.split(".")[1:]
    return parts[0] if parts else "build_scripts"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Modules of ``build_scripts`` that ``path`` imports (relative or absolute, anywhere in the file)."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("build_scripts"):
                found.add(target)
                # `from . import nested` imports a module, not a name
                found.update(f"{target}.{alias.name}" for alias in node.names if _is_module(f"{target}.{alias.name}"))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("build_scripts"))
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def unit_graph() -> dict[tuple[str, str], str]:
    """(importing unit, imported unit) -> one import that makes the edge, for the message."""
    edges: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = unit_of(module_name(path))
        for target in sorted(imports_of(path)):
            if unit_of(target) not in (source, "build_scripts"):
                edges.setdefault((source, unit_of(target)), f"{path.relative_to(PACKAGE.parent)} imports {target}")
    return edges


def test_no_unit_imports_a_unit_that_imports_it_back():
    edges = unit_graph()
    sorter = TopologicalSorter()
    for source, target in edges:
        sorter.add(source, target)
    try:
        sorter.prepare()
    except CycleError as error:
        cycle = error.args[1]
        how = "\n".join(edges[a, b] for a, b in zip(cycle, cycle[1:]))
        raise AssertionError(f"import cycle {' -> '.join(cycle)}:\n{how}") from None


def test_the_graph_sees_known_edges():
    """The reader of imports is not blind: the render stage's known dependencies are found."""
    edges = unit_graph()
    assert ("markdown", "readers") in edges  # handlers use the glossary, changes, page records
    assert ("markdown", "charts") in edges
    assert ("checks", "essays") in edges
    assert ("readers", "markdown") not in edges
    # A chart is drawn without the readers' stage: its cite box record (pages.json) is handed to
    # charts.html by the chart shortcode, never read by charts/ itself.
    assert ("charts", "readers") not in edges and ("charts", "markdown") not in edges


def test_one_reader_of_mkdocs_yml():
    """Only site_config.py reads mkdocs.yml's !ENV tags; the post-build link check uses it too."""
    readers = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if '"!ENV"' in path.read_text(encoding="utf-8")
    )
    assert readers == ["build_scripts/site_config.py"]


def test_env_is_read_as_mkdocs_reads_it(tmp_path, monkeypatch):
    """MkDocs takes a variable that is set, even to "": so do the page records and the link check."""
    from build_scripts.postbuild.links import site_path
    from build_scripts.project import Project
    from build_scripts.site_config import load_site_config

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: !ENV [SITE_URL_TEST, 'https://example.org/repo/']\n", encoding="utf-8"
    )
    monkeypatch.delenv("SITE_URL_TEST", raising=False)
    assert load_site_config(tmp_path).url == "https://example.org/repo/"
    assert site_path(Project(tmp_path)) == ("https://example.org/repo", "/repo/")
    monkeypatch.setenv("SITE_URL_TEST", "")
    assert load_site_config(tmp_path).url == "/"
    assert site_path(Project(tmp_path)) == ("", "/")


def test_paths_are_joined_in_project_py_only():
    """Contributor-written files are found through Project, not by joining their names by hand."""
    names = ('"glossary.yml"', '"changes.yml"', '"redirects.yml"', '"published-urls.txt"', '"sources.yml"')
    joined = {
        str(path.relative_to(PACKAGE.parent)): [n for n in names if f"/ {n}" in text]
        for path in PACKAGE.rglob("*.py")
        if path.name != "project.py" and (text := path.read_text(encoding="utf-8"))
    }
    assert not {k: v for k, v in joined.items() if v}
