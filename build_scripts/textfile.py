"""Reading a contributor's text file: every essay and YAML file is read through here, so a file
saved in another encoding is a ``file:line`` error with a fix, never a Python traceback."""

from __future__ import annotations

from pathlib import Path

from .errors import BuildError

BOM = "\ufeff"


def read_text(path: Path) -> str:
    """The file's text (UTF-8; a leading byte-order mark, as some editors write, is dropped)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BuildError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} on this line)",
            file=path,
            line=line,
            fix="save the file as UTF-8 (in most editors: Save As / Encoding: UTF-8)",
        ) from None
    return text.removeprefix(BOM)
