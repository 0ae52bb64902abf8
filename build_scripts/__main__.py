"""Command line: ``python -m build_scripts COMMAND``. ``make`` targets call these."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BuildError, BuildErrors
from .project import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("prebuild", help="validate everything and write content/generated/")
    build = commands.add_parser("build", help="pre-build, then a strict site build into site/")
    build.add_argument("--generator", choices=["mkdocs", "zensical"], default="mkdocs")
    build.add_argument("--site-dir", type=Path)
    serve = commands.add_parser("serve", help="live preview that rebuilds on every change")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    project = Project.find()
    try:
        if args.command == "prebuild":
            from .prebuild import prebuild

            report = prebuild(project)
        elif args.command == "build":
            from .site import build_site

            report = build_site(project, generator=args.generator, site_dir=args.site_dir)
        else:
            from .serve import serve

            return serve(project, args.addr)
    except (BuildError, BuildErrors) as error:
        print(f"\n{error}\n", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if getattr(report, "evidence", None):
        print("Notes (one per claim) per source tier:")
        for line in report.evidence:
            print(f"  {line}")
    print(
        f"{args.command}: {len(report.charts)} charts ({report.rendered} static renders made), "
        f"{report.seconds:.1f} s for the pre-build"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
