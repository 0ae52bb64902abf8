"""What these features read from ``mkdocs.yml``: the site's name, URL and copyright, and the
pages in navigation order. ``!ENV`` values resolve as MkDocs resolves them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import BuildError
from .filecache import loaded_once
from .textfile import read_text


class _ConfigLoader(yaml.SafeLoader):
    pass


def _env(loader: _ConfigLoader, node: yaml.Node):
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node, deep=True)
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        if name in os.environ:
            return os.environ[name]
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)  # other tags: not needed here


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    name: str
    url: str  # always ends with "/"
    description: str = ""
    copyright: str = ""
    docs_dir: str = "content"
    directory_urls: bool = True
    nav: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (nav title, file) in order
    markdown_extensions: tuple = ()
    extra_css: tuple[str, ...] = ()  # the site's own stylesheets and scripts, in order
    extra_javascript: tuple[str, ...] = ()

    def page_url(self, src: str) -> str:
        """The page's path below the site root: ``kingpin.md`` -> ``kingpin/``; ``index.md`` -> ``""``."""
        stem = src[:-3] if src.endswith(".md") else src
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def permalink(self, src: str) -> str:
        return self.url + self.page_url(src)

    @property
    def nav_files(self) -> list[str]:
        return [file for _, file in self.nav]

    def nav_title(self, src: str) -> str | None:
        for title, file in self.nav:
            if file == src:
                return title
        return None


def load_site_config(root: Path) -> SiteConfig:
    """The one reading of ``mkdocs.yml`` (read again when the file or the environment changes:
    ``!ENV`` values come from the environment)."""
    return loaded_once(Path(root) / "mkdocs.yml", ("site config", frozenset(os.environ.items())), _load)


def _load(path: Path) -> SiteConfig:
    if not path.is_file():
        raise BuildError("mkdocs.yml is missing", file=path, fix="run the build from the project folder")
    try:
        data = yaml.load(read_text(path), Loader=_ConfigLoader) or {}  # noqa: S506
    except yaml.YAMLError as error:
        raise BuildError(f"mkdocs.yml is not valid YAML: {error}", file=path) from None
    url = str(data.get("site_url") or "/")
    if not url.endswith("/"):
        url += "/"
    return SiteConfig(
        root=path.parent,
        name=str(data.get("site_name") or ""),
        url=url,
        description=" ".join(str(data.get("site_description") or "").split()),
        copyright=str(data.get("copyright") or ""),
        docs_dir=str(data.get("docs_dir") or "docs"),
        directory_urls=bool(data.get("use_directory_urls", True)),
        nav=tuple(_flatten_nav(data.get("nav") or [])),
        markdown_extensions=tuple(data.get("markdown_extensions") or ()),
        extra_css=_asset_paths(data.get("extra_css")),
        extra_javascript=_asset_paths(data.get("extra_javascript")),
    )


def _asset_paths(entries) -> tuple[str, ...]:
    """``extra_css``/``extra_javascript`` paths; an entry written as a mapping with attributes
    (``defer``, ``async``, ``type``) is left out: it must keep its own tag."""
    paths = []
    for entry in entries or ():
        if isinstance(entry, str):
            paths.append(entry)
        elif isinstance(entry, dict) and set(entry) == {"path"}:
            paths.append(str(entry["path"]))
    return tuple(paths)


def _flatten_nav(items) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, str):
            if item.endswith(".md"):
                found.append((Path(item).stem, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    if value.endswith(".md") and "://" not in value:
                        found.append((str(title), value))
                elif isinstance(value, list):
                    found.extend(_flatten_nav(value))
    return found
