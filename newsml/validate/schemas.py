"""Finding and compiling the schema sets newsml validates against.

Two sets exist:

* IPTC's **official** schemas, NewsML-G2 2.35 Power + NITF 3.6. ``inlineXML`` accepts any element
  with lax processing, so an NITF body is only checked when the NITF schema is part of the same
  schema set: a small driver schema imports both namespaces. The files are IPTC's and are never
  shipped with newsml; they are looked for, in this order, in the ``schema_dir`` argument, in
  ``$NEWSML_SCHEMA_DIR``, and in the user cache that :func:`newsml.validate.fetch.fetch` fills
  (``$XDG_CACHE_HOME/newsml/schemas/2.35`` or ``~/.cache/newsml/schemas/2.35``).
* newsml's own **profile** (``newsml/validate/profile/newsml-profile.xsd``), a strict schema for
  exactly what newsml writes, shipped so that validation works offline on a fresh install.

Compiled schemas are cached per thread (an lxml ``XMLSchema`` keeps an error log and must not be
shared by threads validating at the same time); compiling happens once per thread and location.
"""

from __future__ import annotations

import functools
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import attrs
from lxml import etree

__all__ = [
    "G2_FILE",
    "G2_NS",
    "NITF_FILE",
    "NITF_NS",
    "PROFILE_FILE",
    "SCHEMA_VERSION",
    "XML_NS",
    "SchemaLocation",
    "SchemaNotFoundError",
    "compile_official",
    "compile_profile",
    "default_cache_dir",
    "find_official",
    "locate",
    "official_schema",
    "path",
    "profile_path",
    "profile_schema",
]

G2_NS = "http://iptc.org/std/nar/2006-10-01/"
NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
G2_FILE = "NewsML-G2_2.35-spec-All-Power.xsd"
NITF_FILE = "nitf-3-6.xsd"
SCHEMA_VERSION = "2.35"
ENVIRONMENT_VARIABLE = "NEWSML_SCHEMA_DIR"
PROFILE_FILE = "newsml-profile.xsd"


class SchemaNotFoundError(FileNotFoundError):
    """The schemas asked for are not where they were said to be (a configuration error)."""


def default_cache_dir() -> Path:
    """Where :func:`fetch` puts the official schemas: the user cache, per G2 version."""
    return _cache_dir(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=4)
def _cache_dir(xdg_cache_home: str | None, home: str | None) -> Path:
    """The cache folder for these values of $XDG_CACHE_HOME and $HOME (``Path.home()`` reads
    $HOME, else the password database): validation asks for it once per document."""
    base = xdg_cache_home or str(Path.home() / ".cache")
    return Path(base) / "newsml" / "schemas" / SCHEMA_VERSION


_PROFILE = Path(__file__).resolve().parent / "profile" / PROFILE_FILE


def profile_path() -> Path:
    """The entry point of newsml's profile XSD inside the package (it may not exist yet)."""
    return _PROFILE


#: Per folder named: the G2 and NITF XSDs found there, as paths and as strings.
_found: dict[str, tuple[tuple[Path, Path], tuple[str, str]]] = {}


def _file_stamp(file: str) -> float | None:
    """The modification time of ``file`` when it is a regular file, else None (one stat)."""
    try:
        status = os.stat(file)
    except OSError:
        return None
    return status.st_mtime if stat.S_ISREG(status.st_mode) else None


def _official_files(schema_dir: str | Path) -> tuple[tuple[Path, Path], float] | None:
    """The G2 and NITF XSDs in ``schema_dir`` and their latest modification time, or None.

    A folder's answer is remembered while both files are still there: two stats, no listing."""
    known = _found.get(os.fspath(schema_dir))
    if known is not None:
        stamps = [_file_stamp(file) for file in known[1]]
        if None not in stamps:
            return known[0], max(stamp for stamp in stamps if stamp is not None)
    paths = _search_official(schema_dir)
    if paths is None:
        return None
    _found[os.fspath(schema_dir)] = (paths, (str(paths[0]), str(paths[1])))
    return paths, _stamp(*paths)


def find_official(schema_dir: str | Path) -> tuple[Path, Path] | None:
    """Paths of the G2 and NITF XSDs in ``schema_dir`` (or one level below), or None.

    A folder's answer is remembered while both files are still there (two stats, no listing)."""
    found = _official_files(schema_dir)
    return None if found is None else found[0]


def _search_official(schema_dir: str | Path) -> tuple[Path, Path] | None:
    """Look for the G2 and NITF XSDs in ``schema_dir`` and one level below."""
    root = Path(schema_dir)
    if not root.is_dir():
        return None  # e.g. the user cache before any fetch: no need to look inside
    found: dict[str, Path] = {}
    for name in (G2_FILE, NITF_FILE):
        for candidate in (root / name, *sorted(root.glob(f"*/{name}"))):
            if candidate.is_file():
                found[name] = candidate
                break
    if len(found) < 2:
        return None
    return found[G2_FILE], found[NITF_FILE]


Origin = Literal["argument", "environment", "cache", "package"]


@attrs.frozen
class SchemaLocation:
    """Which schema set validation uses, the folder it comes from, and why that one."""

    kind: Literal["official", "profile"]
    folder: Path
    origin: Origin

    def describe(self) -> str:
        how = {
            "argument": "given schema_dir",
            "environment": f"${ENVIRONMENT_VARIABLE}",
            "cache": "user cache",
            "package": "shipped with newsml",
        }[self.origin]
        return f"{self.kind} schemas in {self.folder} ({how})"


def _candidates(schema_dir: str | Path | None) -> Iterator[tuple[Path, Origin]]:
    """The folders to look in, in order (lazily: the first one usually answers)."""
    if schema_dir is not None:
        yield Path(schema_dir), "argument"
    value = os.environ.get(ENVIRONMENT_VARIABLE)
    if value:
        yield Path(value), "environment"
    yield default_cache_dir(), "cache"


def path(schema_dir: str | Path | None = None) -> Path:
    """The folder the official schemas are taken from: ``schema_dir`` if given, else
    ``$NEWSML_SCHEMA_DIR`` if set, else the user cache (where ``fetch`` puts them)."""
    return next(_candidates(schema_dir))[0]


@functools.lru_cache(maxsize=4)
def _profile_location(entry: Path) -> SchemaLocation:
    """The profile's location (one value per entry: validation asks for it once a document)."""
    return SchemaLocation("profile", entry.parent, "package")


def _missing(folder: Path, how: str) -> SchemaNotFoundError:
    return SchemaNotFoundError(
        f"{folder}: {how} holds no {G2_FILE} and {NITF_FILE} (set --schema-dir or "
        f"{ENVIRONMENT_VARIABLE}, or run `newsml schema fetch`)"
    )


def locate(schema_dir: str | Path | None = None, official: bool | None = None) -> SchemaLocation:
    """Choose the schema set.

    A folder named explicitly (``schema_dir``, else ``$NEWSML_SCHEMA_DIR``) must hold the official
    files, or :class:`SchemaNotFoundError` is raised: a wrong setting is reported, not silently
    replaced by the profile. Otherwise the user cache is used when it holds them, else the profile.
    ``official=True`` demands the official set; ``official=False`` forces the profile.
    """
    if official is False:
        return _profile_location(profile_path())
    for folder, origin in _candidates(schema_dir):
        if find_official(folder) is not None:
            return SchemaLocation("official", folder, origin)
        if origin == "argument":
            raise _missing(folder, "schema_dir")
        if origin == "environment":
            raise _missing(folder, f"${ENVIRONMENT_VARIABLE}")
    if official:
        raise _missing(default_cache_dir(), "the user cache")
    return _profile_location(profile_path())


def _xsd_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def compile_official(schema_dir: str | Path) -> etree.XMLSchema:
    """Compile the official set found in ``schema_dir`` (uncached; raises SchemaNotFoundError,
    or etree.XMLSchemaParseError when the files are not valid schemas)."""
    paths = find_official(schema_dir)
    if paths is None:
        raise _missing(Path(schema_dir), "the folder")
    g2, nitf = (item.resolve() for item in paths)
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{G2_NS}" schemaLocation="{g2.as_uri()}"/>'
        f'<xs:import namespace="{NITF_NS}" schemaLocation="{nitf.as_uri()}"/>'
        "</xs:schema>"
    )
    document = etree.fromstring(
        driver.encode(), _xsd_parser(), base_url=(g2.parent / "newsml-driver.xsd").as_uri()
    )
    return etree.XMLSchema(document)


def compile_profile(entry: str | Path | None = None) -> etree.XMLSchema:
    """Compile newsml's profile XSD (``entry`` defaults to the packaged one)."""
    file = Path(entry) if entry is not None else profile_path()
    if not file.is_file():
        raise SchemaNotFoundError(
            f"{file}: newsml's profile schema is missing; use IPTC's official schemas instead "
            f"(--schema-dir, {ENVIRONMENT_VARIABLE} or `newsml schema fetch`)"
        )
    document = etree.parse(str(file), _xsd_parser())
    return etree.XMLSchema(document)


_cache = threading.local()


def _per_thread(key: tuple[str, str, float]) -> etree.XMLSchema | None:
    store: dict[tuple[str, str, float], etree.XMLSchema] = getattr(_cache, "schemas", None) or {}
    _cache.schemas = store
    return store.get(key)


def _remember(key: tuple[str, str, float], schema: etree.XMLSchema) -> etree.XMLSchema:
    _cache.schemas[key] = schema
    return schema


def _stamp(*files: Path) -> float:
    """Latest modification time, so that a new fetch or an edited profile is picked up."""
    times = []
    for file in files:
        try:
            times.append(file.stat().st_mtime)
        except OSError:
            times.append(-1.0)
    return max(times)


def official_schema(schema_dir: str | Path) -> etree.XMLSchema:
    """The compiled official schema set found in ``schema_dir`` (cached per thread)."""
    found = _official_files(schema_dir)
    if found is None:
        raise _missing(Path(schema_dir), "the folder")
    (g2, _nitf), stamp = found
    key = ("official", str(g2), stamp)
    return _per_thread(key) or _remember(key, compile_official(schema_dir))


def profile_schema(entry: str | Path | None = None) -> etree.XMLSchema:
    """The compiled profile schema (cached per thread)."""
    file = os.fspath(entry if entry is not None else profile_path())
    stamp = _file_stamp(file)
    key = ("profile", file, -1.0 if stamp is None else stamp)
    return _per_thread(key) or _remember(key, compile_profile(file))
