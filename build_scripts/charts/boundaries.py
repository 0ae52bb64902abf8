"""Region boundaries for map charts: reading a chart's boundary file, and making one from a
published boundary set.

A map chart (``kind: map``) names a GeoJSON file in its own folder: a FeatureCollection whose
features each carry ``properties.name`` (the region as data.csv names it) and a Polygon or
MultiPolygon in longitude/latitude. The build only reads it (``read_boundaries``); the file is
made once, reproducibly, by ``python -m build_scripts boundaries`` (``run``), which keeps the
regions of one country from a large published set, renames them, and simplifies them as a
coverage (shared borders are simplified once, so neighbours never gap or overlap) with shapely.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from ..errors import BuildError

Ring = list[tuple[float, float]]


def read_boundaries(path: Path) -> dict[str, list[list[Ring]]]:
    """{region name: its polygons, each a list of rings (the outer ring first)} from a chart's
    boundary file; every problem is an error naming the file and the feature."""
    if not path.is_file():
        raise BuildError(
            f"the boundary file {path.name} does not exist",
            file=path,
            fix="make it with `python -m build_scripts boundaries` (docs/adding-a-chart.md), or name the right file "
            "under `figure: boundaries:`",
        )
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        line = getattr(problem, "lineno", None)
        raise BuildError(
            f"the boundary file is not GeoJSON text: {problem}", file=path, line=line, fix=BOUNDARY_FIX
        ) from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise BuildError("the boundary file is not a GeoJSON FeatureCollection", file=path, fix=BOUNDARY_FIX)
    regions: dict[str, list[list[Ring]]] = {}
    for number, feature in enumerate(collection.get("features", []), start=1):
        name = (feature.get("properties") or {}).get("name")
        geometry = feature.get("geometry") or {}
        what = f"feature {number}" + (f" ('{name}')" if name else "")
        if not isinstance(name, str) or not name.strip():
            raise BuildError(f"{what} has no `properties.name`", file=path, fix=BOUNDARY_FIX)
        if name in regions:
            raise BuildError(f"{what}: the name '{name}' is used by two features", file=path, fix=BOUNDARY_FIX)
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        if kind == "Polygon":
            polygons = [coordinates]
        elif kind == "MultiPolygon":
            polygons = coordinates
        else:
            raise BuildError(f"{what} is a {kind}, not a Polygon or MultiPolygon", file=path, fix=BOUNDARY_FIX)
        try:
            regions[name] = [[[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in polygons]
        except (TypeError, ValueError):
            raise BuildError(f"{what}: its coordinates are not [longitude, latitude] pairs", file=path) from None
    if not regions:
        raise BuildError("the boundary file has no features", file=path, fix=BOUNDARY_FIX)
    return regions


BOUNDARY_FIX = (
    "a boundary file is a GeoJSON FeatureCollection of Polygons or MultiPolygons, each feature with a "
    "`name` property; make it with `python -m build_scripts boundaries`"
)


def centre(polygons: list[list[Ring]]) -> tuple[float, float]:
    """The centroid of a region's largest polygon (where its colour-bar marker sits)."""

    def area_and_centroid(ring: Ring) -> tuple[float, float, float]:
        twice_area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            cross = x0 * y1 - x1 * y0
            twice_area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if twice_area == 0:
            return 0.0, ring[0][0], ring[0][1]
        return abs(twice_area) / 2, cx / (3 * twice_area), cy / (3 * twice_area)

    _area, x, y = max((area_and_centroid(polygon[0]) for polygon in polygons), key=lambda found: found[0])
    return x, y


def outline(polygons: list[list[Ring]]) -> tuple[list[float | None], list[float | None]]:
    """Longitudes and latitudes of every ring, each ring closed, rings separated by a gap (None):
    what a filled scatter trace draws as one region."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        for ring in polygon:
            if xs:
                xs.append(None)
                ys.append(None)
            closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
            xs.extend(x for x, _ in closed)
            ys.extend(y for _, y in closed)
    return xs, ys


def aspect_ratio(regions: dict[str, list[list[Ring]]]) -> float:
    """How many times a degree of latitude is drawn longer than a degree of longitude: 1/cos of the
    middle latitude (an equirectangular projection true to scale there)."""
    ys = [y for polygons in regions.values() for polygon in polygons for ring in polygon for _, y in ring]
    middle = (min(ys) + max(ys)) / 2
    return 1 / math.cos(math.radians(middle))


# --- making a boundary file (python -m build_scripts boundaries) -------------------------------


def prepare(
    source: dict,
    *,
    where: dict[str, str],
    key: str,
    names: dict[str, str],
    drop: set[str],
    tolerance: float,
    digits: int,
    min_area: float = 0.0,
) -> dict:
    """A boundary FeatureCollection from a published one: the features whose properties match
    ``where``, named by ``names`` (their ``key`` property -> the name data.csv uses; every kept
    feature must be named, every name used), simplified together as a coverage with tolerance
    ``tolerance`` (degrees), coordinates rounded to ``digits`` decimals; islands smaller than
    ``min_area`` square degrees are left out (a region's largest polygon is always kept)."""
    import shapely

    kept = [
        f
        for f in source["features"]
        if all(str(f["properties"].get(k)) == v for k, v in where.items()) and f["properties"].get(key) not in drop
    ]
    codes = [f["properties"].get(key) for f in kept]
    unnamed = sorted(str(c) for c in codes if c not in names)
    unused = sorted(set(names) - set(codes))
    if unnamed or unused:
        raise BuildError(
            "the region names do not match the source's features"
            + (f"; features with no name: {', '.join(unnamed)}" if unnamed else "")
            + (f"; names for no feature: {', '.join(unused)}" if unused else ""),
            fix="give every kept feature a name with --name CODE=NAME, or --drop it",
        )
    shapes = [shapely.geometry.shape(f["geometry"]) for f in kept]
    simplified = shapely.coverage_simplify(shapes, tolerance) if tolerance > 0 else shapes
    features = []
    for code, shape in sorted(zip(codes, simplified), key=lambda pair: names[pair[0]]):
        shape = _without_specks(shapely.set_precision(shape, 10**-digits), min_area)
        geometry = shapely.geometry.mapping(shape)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": names[code], "code": code},
                "geometry": _rounded(geometry, digits),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _without_specks(shape, min_area: float):
    """The shape without the polygons smaller than ``min_area`` (islands too small to see on a
    map of the whole country), always keeping the largest."""
    import shapely

    parts = list(getattr(shape, "geoms", [shape]))
    largest = max(parts, key=lambda part: part.area)
    kept = [part for part in parts if part is largest or part.area >= min_area]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def _rounded(geometry: dict, digits: int) -> dict:
    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(float(v), digits) for v in value]
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for value in values or []:
        left, sep, right = value.partition("=")
        if not sep or not left:
            raise BuildError(f"{what} '{value}' is not KEY=VALUE", fix=f"write it as {what} KEY=VALUE")
        out[left] = right
    return out


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, help="a GeoJSON FeatureCollection (e.g. Natural Earth admin-1)")
    parser.add_argument("output", type=Path, help="the boundary file to write, e.g. charts/ID/boundaries.geojson")
    parser.add_argument("--where", action="append", metavar="PROPERTY=VALUE", help="keep features with this property")
    parser.add_argument("--key", required=True, help="the property that identifies a feature, e.g. iso_3166_2")
    parser.add_argument("--name", action="append", metavar="CODE=NAME", help="the name data.csv uses for a feature")
    parser.add_argument("--drop", action="append", default=[], metavar="CODE", help="leave this feature out")
    parser.add_argument("--tolerance", type=float, default=0.02, help="simplification tolerance in degrees")
    parser.add_argument("--digits", type=int, default=2, help="decimals kept in each coordinate")
    parser.add_argument(
        "--min-area", type=float, default=0.0, help="leave out islands smaller than this (square degrees)"
    )


def run(args: argparse.Namespace, project=None) -> int:
    try:
        import shapely  # noqa: F401
    except ImportError:
        raise BuildError(
            "making a boundary file needs shapely", fix="install the project's test extras: `make deps`"
        ) from None
    source = json.loads(args.source.read_text(encoding="utf-8"))
    collection = prepare(
        source,
        where=_pairs(args.where, "--where"),
        key=args.key,
        names=_pairs(args.name, "--name"),
        drop=set(args.drop),
        tolerance=args.tolerance,
        digits=args.digits,
        min_area=args.min_area,
    )
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature per line: a diff shows which region changed.
    text = text.replace('{"type":"Feature",', '\n{"type":"Feature",')
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(collection['features'])} regions, {len(text.encode()):,} bytes")
    return 0
