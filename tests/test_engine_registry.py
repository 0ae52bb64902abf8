"""The source registry: loading, validation errors (with line and fix), suggestions."""

from pathlib import Path

import pytest

from build_scripts.errors import BuildError, BuildErrors
from build_scripts.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
- id: porter-wapo-2024
  kind: op-ed
  tier: copy
  original: The Washington Post
  title: "You can capture the kingpin, but the game will go on"
  authors: [{family: Porter, given: Eduardo}]
  outlet: The Washington Post
  date: "2024-07-30"
  archived_url: https://qoshe.com/x
  language: en
  status: VERIFIED
"""


def write(tmp_path, text):
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_registry_is_valid_and_has_the_four_voices():
    registry = load_registry(ROOT / "sources.yml")
    for source_id in (
        "esper-2022",
        "fettweis-2024",
        "atlanticcouncil-2025",
        "hernandez-eluniversal-2025",
        "inegi-homicides",
        "corbishley-2025",
        "depetris-2025",
    ):
        assert source_id in registry
    assert registry.get("fettweis-2024").via == "corbishley-2025"


def test_every_seed_only_source_says_through_which_source_it_is_known():
    registry = load_registry(ROOT / "sources.yml")
    for source in registry:
        if source.status == "SEED-ONLY":
            assert source.via in registry, source.id


def test_a_valid_entry_loads(tmp_path):
    registry = load_registry(write(tmp_path, GOOD))
    source = registry.get("porter-wapo-2024")
    assert source.outlet == "The Washington Post" and source.line == 1


def test_missing_required_field_names_entry_line_and_fix(tmp_path):
    path = write(
        tmp_path, GOOD + GOOD.replace("porter-wapo-2024", "second").replace("  outlet: The Washington Post\n", "")
    )
    with pytest.raises(BuildErrors) as caught:
        load_registry(path)
    message = str(caught.value)
    assert "sources.yml:12" in message
    assert "source 'second': the required field 'outlet' is missing" in message
    assert "fix: add `outlet:`" in message and "ORIGINAL publisher" in message


def test_duplicate_id_is_an_error_naming_both_lines(tmp_path):
    with pytest.raises(BuildErrors) as caught:
        load_registry(write(tmp_path, GOOD + GOOD))
    message = str(caught.value)
    assert "sources.yml:12: duplicate source id 'porter-wapo-2024' (first defined on line 1)" in message


def test_bad_date_and_unknown_kind_are_reported_together(tmp_path):
    text = GOOD.replace('"2024-07-30"', '"30 July 2024"').replace("kind: op-ed", "kind: opinion")
    with pytest.raises(BuildErrors) as caught:
        load_registry(write(tmp_path, text))
    message = str(caught.value)
    assert "2 problems" in message
    assert "field 'date': '30 July 2024' has the wrong form" in message
    assert "field 'kind': 'opinion' is not allowed" in message and "use one of: op-ed" in message


def test_seed_only_without_via_is_refused(tmp_path):
    text = GOOD.replace("status: VERIFIED", "status: SEED-ONLY")
    with pytest.raises(BuildErrors) as caught:
        load_registry(write(tmp_path, text))
    assert "the required field 'via' is missing" in str(caught.value) and "Required for SEED-ONLY" in str(caught.value)


def test_via_must_name_a_known_source(tmp_path):
    text = GOOD + "  via: nobody-2020\n"
    with pytest.raises(BuildErrors) as caught:
        load_registry(write(tmp_path, text))
    assert "'via' names unknown source 'nobody-2020'" in str(caught.value)


def test_yaml_syntax_error_names_the_line(tmp_path):
    with pytest.raises(BuildError) as caught:
        load_registry(write(tmp_path, GOOD + "- id: [broken\n"))
    assert caught.value.line == 12 and "not valid YAML" in str(caught.value)


def test_unknown_id_suggests_the_closest(tmp_path):
    registry = load_registry(write(tmp_path, GOOD))
    error = registry.unknown_id_error("porter-wapo-2042", file="content/x.md", line=7)
    assert str(error).startswith("content/x.md:7: unknown source id 'porter-wapo-2042'")
    assert "did you mean [^porter-wapo-2024]?" in str(error)


def test_files_are_read_once_per_change(tmp_path):
    import os

    from build_scripts.filecache import loaded_once

    path = tmp_path / "data.txt"
    path.write_text("one", encoding="utf-8")
    reads = []

    def read(p):
        reads.append(p)
        return p.read_text(encoding="utf-8")

    assert loaded_once(path, "text", read) == "one"
    assert loaded_once(path, "text", read) == "one" and len(reads) == 1
    assert loaded_once(path, "length", lambda p: len(p.read_text())) == 3  # another reading of the file
    path.write_text("two!", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert loaded_once(path, "text", read) == "two!" and len(reads) == 2


def test_an_entry_gives_its_note_in_spanish_from_its_es_block(tmp_path):
    text = GOOD + (
        "  note: Read in a repost.\n"
        "  archived_note: repost on qoshe.com\n"
        "  es: {note: Leído en una copia., archived_note: copia en qoshe.com}\n"
    )
    source = load_registry(write(tmp_path, text)).get("porter-wapo-2024")
    assert source.words("note", "es") == "Leído en una copia."
    assert source.words("archived_note", "es") == "copia en qoshe.com"
    assert source.words("note", "en") == "Read in a repost."


def test_an_es_block_takes_only_the_words_of_the_entry(tmp_path):
    """An address or a date is the same in every edition: not in the es: block. (A `title` there is
    read, and refused by the edition check unless the title is a stand-in: tests/test_source_words.py.)"""
    text = GOOD + "  note: Read in a repost.\n  es: {url: 'https://example.org/es'}\n"
    with pytest.raises((BuildError, BuildErrors)) as caught:
        load_registry(write(tmp_path, text))
    assert "url" in str(caught.value)
