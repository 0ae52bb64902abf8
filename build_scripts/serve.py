"""``make serve``: the pre-build, then MkDocs' live server, with a watcher that re-runs the
pre-build whenever an essay, the registry, or a chart's data, metadata or code changes. MkDocs
sees the regenerated files in content/generated/ and reloads the page."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from .errors import StopBuild
from .prebuild import prebuild
from .project import Project


def run(args, project: Project) -> int:
    """``python -m build_scripts serve``."""
    return serve(project, args.addr)


def serve(project: Project, addr: str) -> int:
    _prebuild_and_report(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr, "--livereload"], cwd=project.root, env=env
    )
    watcher = threading.Thread(target=_watch, args=(project, server), daemon=True)
    watcher.start()
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return 0


def _watch(project: Project, server: subprocess.Popen) -> None:
    from watchfiles import watch

    generated = project.generated.resolve()
    paths = [project.charts, project.sources, project.content]
    for changes in watch(*paths, stop_event=None, raise_interrupt=False):
        if server.poll() is not None:
            return
        relevant = [p for _, p in changes if not p.startswith(str(generated)) and "__pycache__" not in p]
        if relevant:
            _prebuild_and_report(project)


def _prebuild_and_report(project: Project) -> None:
    try:
        report = prebuild(project)
        print(
            f"pre-build: {len(report.charts)} charts, {report.rendered} renders, {report.seconds:.1f} s",
            file=sys.stderr,
        )
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    except StopBuild as error:
        print(f"\n{error}\n", file=sys.stderr)
