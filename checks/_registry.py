"""The registry: claims are found where they are declared (module-level ``Claim`` objects), never
listed by hand. Loading problems are collected, so one bad module does not hide the others."""
from __future__ import annotations

import dataclasses
import difflib
import importlib
import importlib.util
import pkgutil
import sys
import traceback
from pathlib import Path

from ._claim import Claim
from ._errors import ChecksError, DuplicateClaimError, InvalidClaimError, UnknownClaimError

BUILTIN_PACKAGE = "derivations"


@dataclasses.dataclass(frozen=True)
class LoadProblem:
    """A module or file whose claims could not be loaded, and why."""

    origin: str
    message: str
    claim_id: str | None = None
    field: str | None = None


@dataclasses.dataclass
class Registry:
    claims: dict[str, Claim] = dataclasses.field(default_factory=dict)
    problems: list[LoadProblem] = dataclasses.field(default_factory=list)

    def add(self, claim: Claim, origin: str) -> None:
        if claim.id in self.claims:
            other = self.claims[claim.id].origin
            raise DuplicateClaimError(claim.id, "id", f"declared twice: in {other} and in {origin}; ids must be unique", origin)
        object.__setattr__(claim, "origin", origin)
        self.claims[claim.id] = claim

    def add_module(self, module, origin: str) -> None:
        for value in vars(module).values():
            if isinstance(value, Claim):
                try:
                    self.add(value, origin)
                except DuplicateClaimError as err:
                    if self.claims.get(value.id) is value:
                        continue  # the same object re-exported by another module
                    self.problems.append(LoadProblem(origin, str(err), err.claim_id, err.field))

    def merge(self, other: Registry) -> None:
        self.problems += other.problems
        for claim in other.claims.values():
            try:
                self.add(claim, claim.origin)
            except DuplicateClaimError as err:
                self.problems.append(LoadProblem(claim.origin, str(err), err.claim_id, err.field))

    def select(self, ids: list[str]) -> list[Claim]:
        """The claims with these ids, in the order given; an unknown id raises with close matches."""
        out = []
        for cid in ids:
            if cid not in self.claims:
                close = difflib.get_close_matches(cid, list(self.claims), n=3, cutoff=0.5)
                close += [c for c in self.claims if cid in c and c not in close][: 3 - len(close)]
                raise UnknownClaimError(cid, close)
            out.append(self.claims[cid])
        return out

    def __iter__(self):
        return iter(sorted(self.claims.values(), key=lambda c: (c.origin, c.id)))

    def __len__(self) -> int:
        return len(self.claims)


def _problem(origin: str, err: BaseException) -> LoadProblem:
    if isinstance(err, InvalidClaimError):
        return LoadProblem(origin, str(err), err.claim_id, err.field)
    if isinstance(err, SyntaxError):
        where = f" at {Path(err.filename or '?').name}:{err.lineno}"
    else:
        tb = traceback.extract_tb(err.__traceback__)
        frame = next((f for f in reversed(tb) if f.filename.endswith(".py")), None)
        where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return LoadProblem(origin, f"does not import: {type(err).__name__}: {err}{where}")


def discover(package: str = BUILTIN_PACKAGE, ids: list[str] | None = None) -> Registry:
    """Import every module of ``package`` and register the claims declared at its top level.

    With ``ids``, only the modules whose source mentions each id as a string literal are
    imported first (the quickest way to start ``run ID`` or ``explain ID``); if that does not
    yield every id (an id built at run time, a typo to suggest matches for), every module is
    imported after all. The text scan only chooses what to import: the claims still come from
    the imported modules."""
    pkg = importlib.import_module(package)
    infos = sorted((i for i in pkgutil.iter_modules(pkg.__path__) if not i.name.startswith("_")), key=lambda m: m.name)
    if ids:
        wanted = set(ids)
        chosen = [i for i in infos if _mentions(pkg, i.name, wanted)]
        if chosen and len(chosen) < len(infos):
            reg = _import_modules(package, chosen)
            if wanted <= set(reg.claims) and not reg.problems:
                return reg
    return _import_modules(package, infos)


def _mentions(pkg, module: str, ids: set[str]) -> bool:
    for folder in pkg.__path__:
        path = Path(folder) / f"{module}.py"
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            return any(f'"{i}"' in text or f"'{i}'" in text for i in ids)
    return True  # not a plain source file (a package, compiled code): import it to see


def _import_modules(package: str, infos) -> Registry:
    reg = Registry()
    for info in infos:
        name = f"{package}.{info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as err:  # noqa: BLE001 - one bad module must not hide the others
            reg.problems.append(_problem(name, err))
            continue
        reg.add_module(module, name)
    return reg


def load_path(path: str | Path) -> Registry:
    """Load the claims declared in a Python file, or in every ``*.py`` file under a folder."""
    path = Path(path)
    if not path.exists():
        raise ChecksError(f"--claims {path}: no such file or folder; give a .py file or a folder of them")
    files = sorted(p for p in path.rglob("*.py") if not p.name.startswith("_")) if path.is_dir() else [path]
    if path.is_file() and path.suffix != ".py":
        raise ChecksError(f"--claims {path}: not a Python file; claims are declared in .py files")
    reg = Registry()
    for file in files:
        name = "user_claims_" + "_".join(file.resolve().with_suffix("").parts[-3:]).replace("-", "_").replace(".", "_")
        try:
            spec = importlib.util.spec_from_file_location(name, file)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        except Exception as err:  # noqa: BLE001 - report it; the other files still load
            sys.modules.pop(name, None)
            reg.problems.append(_problem(str(file), err))
            continue
        reg.add_module(module, str(file))
    return reg
