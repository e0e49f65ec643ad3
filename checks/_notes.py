"""Finding the notes and locating a quoted formula in them (text only: nothing is evaluated)."""
from __future__ import annotations

import dataclasses
import functools
import os
import re
from pathlib import Path

from ._claim import Source

ENV_VAR = "CHECKS_NOTES_DIR"
# A quote may sit this many lines from its recorded line and still count as in place.
NEAR = 3
# A quote may span this many lines of a multi-line display.
SPAN = 6


def notes_dir() -> Path:
    """The notes folder: $CHECKS_NOTES_DIR, else ../shared/notes beside the project or the cwd."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    for base in (here, Path.cwd()):
        candidate = base.parent / "shared" / "notes"
        if candidate.is_dir():
            return candidate
    return here.parent / "shared" / "notes"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_lines(path: str) -> tuple[str, ...]:
    """The file's lines (cached until the file changes)."""
    return _read_lines(path, Path(path).stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _read_lines(path: str, mtime_ns: int) -> tuple[str, ...]:
    return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())


@dataclasses.dataclass(frozen=True)
class Location:
    """Where a quote was found: ``status`` is 'in place', 'moved' (found elsewhere) or 'gone'."""

    status: str
    line: int | None
    detail: str = ""


def _starts_at(lines: tuple[str, ...], i: int, quote: str) -> bool:
    """Whether the quote begins on 0-based line ``i``: it is on that line, or it runs from that
    line onto the next ones (it is in lines i.. but not in lines i+1..)."""
    if quote in _norm(lines[i]):
        return True
    return quote in _norm(" ".join(lines[i:i + SPAN])) and quote not in _norm(" ".join(lines[i + 1:i + SPAN]))


def locate(source: Source, directory: Path | None = None) -> Location:
    path = (directory or notes_dir()) / source.file
    if not path.is_file():
        return Location("gone", None, f"no file {source.file} in {path.parent}")
    lines = read_lines(str(path))
    quote = _norm(source.quote)
    lo, hi = max(0, source.line - 1 - NEAR), min(len(lines), source.line + NEAR)
    near = [i for i in range(lo, hi) if _starts_at(lines, i, quote)]
    if near:
        best = min(near, key=lambda i: abs(i + 1 - source.line))
        return Location("in place", best + 1)
    hits = [i for i in range(len(lines)) if _starts_at(lines, i, quote)]
    if hits:
        best = min(hits, key=lambda i: abs(i + 1 - source.line))
        return Location("moved", best + 1, f"found at line {best + 1}, not near {source.line}")
    return Location("gone", None, f"quote not found in {source.file}")


def link(source: Source) -> str:
    return f"{notes_dir() / source.file}#L{source.line}"
