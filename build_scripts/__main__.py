"""The project's one command line: ``python -m build_scripts COMMAND [options]``.

Every task a contributor or maintainer runs is a command here, and every ``make`` target calls
one (``tests/test_cli.py`` checks both). ``python -m build_scripts COMMAND --help`` explains one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from .errors import StopBuild
from .project import Project


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: str  # "module:function" inside build_scripts, imported only when the command runs
    arguments: Callable[[argparse.ArgumentParser], None] = lambda parser: None


def _build(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--generator", choices=["mkdocs", "zensical"], default="mkdocs")
    parser.add_argument("--site-dir", type=Path, help="where to write the site (default: site/)")


def _serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to listen on")


def _new_chapter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--slug", required=True, help="the permanent URL, e.g. cartel-finances")
    parser.add_argument("--title", required=True)
    parser.add_argument("--source", help="a registry id to cite in the skeleton (optional)")


def _new_chart(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", required=True, dest="chart_id", help="the chart id, e.g. seizures-border")
    parser.add_argument("--source", help="the registry id of the data's source (required)")


def _chart(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("chart_id", metavar="ID", help="the chart's folder name in charts/")


def _snapshots(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare with the references (default)")
    mode.add_argument("--update", action="store_true", help="rewrite the references from the current charts")


def _check_links(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", help="comma-separated statuses to check, e.g. VERIFIED,VERIFIED-SECONDARY")
    parser.add_argument("--id", action="append", dest="ids", help="check only this source id (repeatable)")
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=8)


def _check_evidence(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", action="append", dest="ids", help="check only this source id (repeatable)")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=6)


def _bench(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and form factor (median)")
    parser.add_argument("--sizes", default="10,100,500", help="synthetic site sizes, in chapters")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--skip-build-times", action="store_true")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building the project")


COMMANDS: list[Command] = [
    # contributors
    Command("build", "pre-build, then a strict site build into site/ (never a half-built site)", "site:run", _build),
    Command("serve", "live preview that rebuilds on every change", "serve:run", _serve),
    Command("prebuild", "validate everything and write content/generated/", "prebuild:run"),
    Command("new-chapter", "scaffold a new chapter in content/ (a draft)", "scaffold:run_chapter", _new_chapter),
    Command("new-chart", "scaffold a new chart folder in charts/", "scaffold:run_chart", _new_chart),
    Command("chart", "build one chart's figure and show the full traceback if it fails", "snapshots:run_chart", _chart),
    Command(
        "snapshots", "compare (or --update) the chart figure snapshots in tests/snapshots/", "snapshots:run", _snapshots
    ),
    Command(
        "boundaries",
        "make a map chart's boundary file from a published GeoJSON (filter, rename, simplify)",
        "charts.boundaries:run",
        lambda parser: import_module(".charts.boundaries", __package__).arguments(parser),
    ),
    Command(
        "translated",
        "record that a translation (content-es/SLUG.md) is in step with its English page's current text",
        "editions.freshness:run",
        lambda parser: parser.add_argument("slugs", nargs="+", metavar="SLUG", help="e.g. kingpin"),
    ),
    Command("urls", "add the site's new pages and anchors to tests/published-urls.txt", "readers.links:run"),
    # maintainers, online only
    Command(
        "check-links",
        "fetch every url and archived_url in sources.yml, report the dead ones",
        "checks.external_links:run",
        _check_links,
    ),
    Command(
        "check-evidence",
        "fetch each cited page and report every excerpt no longer on it (moved, edited, dead)",
        "evidence.online:run",
        _check_evidence,
    ),
    Command("bench", "page weight, Lighthouse and build-time benchmark (prints one JSON line)", "bench:run", _bench),
]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help, description=command.help)
        command.arguments(sub)
        sub.set_defaults(run=command.run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    module, function = args.run.split(":")
    run = getattr(import_module(f".{module}", __package__), function)
    try:
        return run(args, Project.find())
    except StopBuild as error:
        print(f"\n{error}\n", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
