"""The maintainers' external link check, against a server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import http.server
import socketserver
import threading

import pytest

from build_scripts.checks.external_links import check_registry, report
from build_scripts.registry import load_registry


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path.startswith("/ok") else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()


@pytest.fixture
def local_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def entry(source_id: str, **fields) -> str:
    lines = [
        f"- id: {source_id}",
        "  kind: news-report",
        "  tier: report",
        "  title: T",
        "  outlet: O",
        '  date: "2025"',
        "  language: en",
        "  status: VERIFIED",
    ]
    lines += [f"  {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def test_dead_addresses_are_reported_with_their_registry_line(tmp_path, local_server):
    registry_file = tmp_path / "sources.yml"
    registry_file.write_text(
        entry("alive", url=f"{local_server}/ok")
        + entry("refuses-head", url=f"{local_server}/no-head")
        + entry("archived", url=f"{local_server}/gone", archived_url=f"{local_server}/ok")
        + entry("dead", url=f"{local_server}/gone"),
        encoding="utf-8",
    )
    registry = load_registry(registry_file)
    checks = check_registry(registry, timeout=5, workers=2)
    assert {(c.source_id, c.field): c.ok for c in checks} == {
        ("alive", "url"): True,
        ("refuses-head", "url"): True,
        ("archived", "url"): False,
        ("archived", "archived_url"): True,
        ("dead", "url"): False,
    }
    failures, warnings = report(checks, registry_file)
    assert len(failures) == 1 and failures[0].startswith("sources.yml:29: source 'dead': url ")
    assert "HTTP 404" in failures[0] and "archived_url" in failures[0]
    assert len(warnings) == 1 and "source 'archived'" in warnings[0] and "its archived_url answers" in warnings[0]
