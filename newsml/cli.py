"""The ``newsml`` command: convert, validate, inspect, schema.

``main(argv)`` runs one command and returns its exit status, so tests call it in-process:
0 when everything went well, 1 when some input failed (the others were still done), 2 for a
usage error. Errors go to standard error, one line each: ``newsml: error: news/a.txt: not valid
UTF-8 at byte 12``. Every item written is validated first (IPTC's official schemas when they are
found, else newsml's profile), and an invalid item is an error for its input.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import os
import re
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from newsml.batch.faults import WriteError, ignore_file_size_signal, write_stream
from newsml.batch.inputs import (
    DEFAULT_MAX_SIZE,
    Selection,
    count_articles,
    input_kind,
    iter_tasks,
    read_list,
)
from newsml.batch.json_input import starts_with_object
from newsml.batch.ledger import LedgerBusy
from newsml.batch.progress import Progress, progress_for
from newsml.batch.report import ReportWriter, report_line
from newsml.batch.run import default_jobs, run_batch
from newsml.batch.work import InputError, Job, Outcome, Task, process, read_article, write_atomic

__all__ = ["build_parser", "main", "render_analysis", "shown"]

PROGRAM = "newsml"
OK, FAILED, USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something that cannot be done; exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``newsml: error: ... (see newsml convert --help)``."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


#: What a terminal would act on rather than show: C0 and C1 controls (escape sequences, a bell,
#: carriage returns), bidi controls (text shown reversed) and line and paragraph separators.
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escaped(character: re.Match[str]) -> str:
    code = ord(character.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` safe for a terminal, on one line: every control character escaped (``\\x1b``,
    ``\\n``, ``\\u202e``), so that an article or a file name cannot set the window title,
    clear the screen, reverse the text or break a one-line message."""
    return _CONTROLS.sub(_escaped, text)


def _error(message: str) -> None:
    print(f"{PROGRAM}: error: {shown(message)}", file=sys.stderr)


# -- option types ------------------------------------------------------------------------------


def _moment(value: str) -> _dt.datetime:
    try:
        moment = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} has no time zone (add Z or +01:00)")
    return moment


_SIZE = re.compile(r"(\d+)\s*([kmg]?)i?b?", re.IGNORECASE)


def _size(value: str) -> int:
    match = _SIZE.fullmatch(value.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size (such as 500000, 512K, 10M)")
    multiplier = (1, 1 << 10, 1 << 20, 1 << 30)[" kmg".index(match.group(2).lower() or " ")]
    return int(match.group(1)) * multiplier


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


# -- the parser --------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--schema-dir",
        metavar="DIR",
        help="folder with IPTC's official XSDs (default: $NEWSML_SCHEMA_DIR, then "
        "the cache filled by `newsml schema fetch`, else newsml's profile)",
    )


def _article_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        help="encoding of text inputs (default: UTF-8, or UTF-16 with a byte order mark)",
    )
    parser.add_argument("--language", help="language of articles that do not say (default: en)")
    parser.add_argument("--provider", help="provider of the articles (in guids and itemMeta)")


def build_parser() -> argparse.ArgumentParser:
    from newsml import __version__

    parser = _Parser(
        prog=PROGRAM,
        description="Plain-text news to IPTC NewsML-G2 2.35, with "
        "quotes, sources and entities marked up.",
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    convert = commands.add_parser(
        "convert",
        help="convert articles to NewsML-G2 items",
        description="Convert articles to NewsML-G2 items. One article (a text or NITF file, or - "
        "for standard input) goes to standard output, or to the file -o names. Several inputs, "
        "folders, zip/tar archives and JSON Lines files go to the folder -o names, mirroring "
        "the inputs' structure, with a ledger that makes a rerun skip what is done.",
    )
    convert.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="text, NITF (.xml), JSON Lines (.jsonl), .zip, .tar, .tar.gz/.tgz "
        "files, folders, or - for standard input",
    )
    convert.add_argument(
        "-o", "--output", metavar="OUT", help="the item's file (one article) or the output folder"
    )
    convert.add_argument(
        "--files-from",
        metavar="LIST",
        help="read input paths from LIST, one a line (- for standard input)",
    )
    convert.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="in folders and archives, convert only files matching GLOB",
    )
    convert.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="in folders and archives, leave out files matching GLOB",
    )
    convert.add_argument(
        "--follow-links",
        action="store_true",
        help="in folders, follow symbolic links to files outside the folder (default: such a "
        "link is reported and not followed)",
    )
    convert.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_SIZE,
        metavar="SIZE",
        help="largest article read, e.g. 512K or 10M (default: 10M)",
    )
    convert.add_argument(
        "--stdin-format",
        choices=("text", "jsonl", "json", "nitf"),
        default="text",
        help="what - reads (default: text)",
    )
    convert.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores)",
    )
    convert.add_argument(
        "--report",
        metavar="FILE",
        help="write a JSON Lines report, one line per input (- for stdout)",
    )
    convert.add_argument(
        "--message-size",
        type=_positive,
        metavar="N",
        help="deliver newsMessage files of up to N items instead of single items",
    )
    convert.add_argument(
        "--sender", default="newsml", help="newsMessage header sender (default: newsml)"
    )
    convert.add_argument(
        "--version-created",
        type=_moment,
        metavar="DATETIME",
        help="fixed versionCreated, e.g. 2024-05-01T12:00:00Z (reproducible output; default: now)",
    )
    convert.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    convert.add_argument(
        "--durable",
        action="store_true",
        help="flush every item to the disk before it counts as done, so that a power cut "
        "loses nothing (slower)",
    )
    _article_options(convert)
    _common(convert)

    validate = commands.add_parser(
        "validate",
        help="validate NewsML-G2 files",
        description="Validate NewsML-G2 items or messages; print each problem as FILE:LINE: "
        "MESSAGE. Exit status 1 when any file is invalid.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="XML files, or - for stdin")
    validate.add_argument("-q", "--quiet", action="store_true", help="say nothing of valid files")
    _common(validate)

    inspect = commands.add_parser(
        "inspect",
        help="show what newsml finds in an article",
        description="Analyse one article and show its quotes (with speakers and sources), "
        "entities (with mentions and ids) and sources, for a person to read.",
    )
    inspect.add_argument("file", metavar="FILE", help="a text or NITF file, or - for stdin")
    inspect.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the output (default: on a terminal only)",
    )
    inspect.add_argument(
        "--entities",
        choices=("rules", "weighted"),
        default="rules",
        help="the reader of names: the rules (default) or the weighted evidence reader",
    )
    inspect.add_argument(
        "--evidence",
        action="store_true",
        help="show the evidence that decided each name (the weighted reader's features and "
        "weights; implies --entities weighted)",
    )
    _article_options(inspect)

    schema = commands.add_parser(
        "schema",
        help="get IPTC's official schemas",
        description="`fetch` downloads IPTC's NewsML-G2 2.35 and NITF 3.6 schemas once into the "
        "user's cache; `path` prints the folder validation uses.",
    )
    schema.add_argument("action", choices=("fetch", "path"))
    schema.add_argument("--cache-dir", metavar="DIR", help="where to keep the schemas")
    schema.add_argument("--base-url", metavar="URL", help="where to fetch NewsML-G2 from")
    schema.add_argument("--nitf-base-url", metavar="URL", help="where to fetch NITF from")
    _common(schema)
    return parser


# -- commands ----------------------------------------------------------------------------------


def _job(arguments: argparse.Namespace) -> Job:
    return Job(
        provider=arguments.provider,
        encoding=arguments.encoding,
        language=arguments.language,
        version_created=getattr(arguments, "version_created", None),
        schema_dir=getattr(arguments, "schema_dir", None),
        durable=getattr(arguments, "durable", False),
    )


def _one_article(arguments: argparse.Namespace) -> bool:
    """True when ``convert`` has exactly one article to write to stdout or a file."""
    if arguments.files_from or arguments.message_size or len(arguments.inputs) != 1:
        return False
    source = arguments.inputs[0]
    if source == "-":
        one = arguments.stdin_format not in ("jsonl", "json")
    elif Path(source).is_dir():
        one = False
    elif input_kind(source) == "json":
        one = _json_object(source)  # one article, not an array of them
    else:
        one = input_kind(source) in ("text", "nitf")
    output = arguments.output
    return one and (output is None or not (output.endswith(("/", os.sep)) or Path(output).is_dir()))


def _json_object(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            return starts_with_object(stream)
    except OSError:
        return True  # one input, whose error the conversion reports


def _stderr_outcome(outcome: Outcome) -> None:
    _error(f"{outcome.origin}: {outcome.reason}")


def _convert(arguments: argparse.Namespace) -> int:
    if not arguments.inputs and not arguments.files_from:
        raise UsageError("no input (give files, folders, archives, - or --files-from LIST)")
    job = _job(arguments)
    selection = Selection(
        tuple(arguments.include),
        tuple(arguments.exclude),
        arguments.max_size,
        Path(arguments.output) if arguments.output else None,
        follow_links=arguments.follow_links,
    )
    stdin = sys.stdin.buffer
    if _one_article(arguments):
        return _convert_one(arguments, job, selection, stdin)
    if arguments.output is None:
        raise UsageError("several articles need an output folder: -o OUTDIR")
    if arguments.output == "-":
        raise UsageError("several articles cannot go to standard output: -o OUTDIR")
    outdir = Path(arguments.output)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir} is a file; several articles need an output folder")
    sources: Any = list(arguments.inputs)
    if arguments.files_from:
        listed = _list_stream(arguments.files_from)
        if listed is None:
            raise UsageError(f"{arguments.files_from}: cannot read the list")
        sources = _chain(sources, read_list(listed))
    tasks = iter_tasks(sources, selection, stdin=stdin, stdin_kind=arguments.stdin_format)
    report = ReportWriter(arguments.report)
    try:
        summary = run_batch(
            tasks,
            job,
            outdir,
            jobs=arguments.jobs or default_jobs(),
            report=report,
            message_size=arguments.message_size,
            sender=arguments.sender,
            on_error=_stderr_outcome,
            progress=lambda: _progress(arguments, selection),
        )
    except LedgerBusy as error:
        _error(str(error))
        return FAILED
    finally:
        report.close()
    return FAILED if summary.failed else OK


def _progress(arguments: argparse.Namespace, selection: Selection) -> Progress:
    """A progress display on a terminal; its total is counted in the background when cheap."""
    progress = progress_for(enabled=not arguments.no_progress)
    if arguments.no_progress or not sys.stderr.isatty():
        return progress
    listed = arguments.files_from
    if listed == "-" or "-" in arguments.inputs:
        return progress

    def count() -> None:
        sources: Any = list(arguments.inputs)
        if listed:
            with open(listed, "rb") as stream:
                total = count_articles(_chain(sources, read_list(stream)), selection)
        else:
            total = count_articles(sources, selection)
        if total is not None:
            progress.set_total(total)

    threading.Thread(target=count, name="newsml-count", daemon=True).start()
    return progress


def _chain(first: list[str], rest: Any) -> Any:
    yield from first
    yield from rest


def _list_stream(name: str) -> IO[bytes] | None:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except OSError:
        return None


def _convert_one(
    arguments: argparse.Namespace, job: Job, selection: Selection, stdin: IO[bytes]
) -> int:
    source = arguments.inputs[0]
    kind = arguments.stdin_format if source == "-" else "text"
    task = next(iter_tasks([source], selection, stdin=stdin, stdin_kind=kind))
    outcome = process(task, job)
    report = ReportWriter(arguments.report)
    try:
        if outcome.status != "ok" or outcome.item is None:
            _stderr_outcome(outcome)
            report.write(report_line(outcome, None))
            return FAILED
        if arguments.output is None or arguments.output == "-":
            write_stream(sys.stdout.buffer, outcome.item)
        else:
            write_atomic(Path(arguments.output), outcome.item, durable=job.durable)
        report.write(report_line(outcome, arguments.output or "-"))
    finally:
        report.close()
    return OK


def _read_source(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _validate(arguments: argparse.Namespace) -> int:
    from newsml.validate import validate

    status = OK
    for name in arguments.files:
        try:
            data = _read_source(name)
        except OSError as error:
            _error(f"{name}: cannot read: {error.strerror}")
            status = FAILED
            continue
        report = validate(data, schema_dir=arguments.schema_dir, name=name)
        if report.valid:
            if not arguments.quiet:
                _out(f"{shown(name)}: valid ({report.schema} schema)\n")
            continue
        status = FAILED
        lines = [
            f"{shown(name)}:{problem.line if problem.line else 0}: {shown(problem.message)}\n"
            for problem in report.problems
        ]
        _out("".join(lines) or f"{shown(name)}:0: invalid ({report.schema} schema)\n")
    return status


def _out(text: str) -> None:
    """Text to standard output, every byte checked (a full disk is an error, not a cut file)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text stream put in its place (a test's, an embedding program's)
        stream.write(text)
        stream.flush()
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    write_stream(buffer, text.encode(encoding, errors="backslashreplace"))


def _inspect(arguments: argparse.Namespace) -> int:
    from newsml.pipeline import analyze

    source = arguments.file
    if source != "-" and input_kind(source) not in ("text", "nitf"):
        raise UsageError(f"{source}: inspect reads one text or NITF article")
    selection = Selection()
    task: Task = next(iter_tasks([source], selection, stdin=sys.stdin.buffer))
    if task.error is not None:
        _error(f"{task.origin}: {task.error}")
        return FAILED
    try:
        text, metadata, _ = read_article(task, _job(arguments))
    except InputError as error:
        _error(f"{task.origin}: {error}")
        return FAILED
    from newsml.detect import entities

    reader = "weighted" if arguments.evidence else arguments.entities
    before = entities._reader
    entities.configure(reader=reader)
    try:
        article = analyze(text, **metadata)
    finally:
        entities.configure(reader=before)
    colour = arguments.color == "always" or (
        arguments.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    shown_text = render_analysis(article, colour=colour)
    if arguments.evidence:
        from newsml.detect.weighted import explain

        shown_text += render_evidence(explain(text), colour=colour)
    _out(shown_text)
    return OK


def _schema(arguments: argparse.Namespace) -> int:
    # The package, not the function newsml.validate that the top-level package exports.
    validation = importlib.import_module("newsml.validate")
    from newsml.validate.schemas import find_official

    if arguments.action == "path":
        folder = validation.path(arguments.schema_dir)
        if folder is None or find_official(folder) is None:
            _error(
                f"{folder}: no official schemas here, so validation uses newsml's profile: run "
                "`newsml schema fetch`, or set --schema-dir or NEWSML_SCHEMA_DIR"
            )
            return FAILED
        print(folder)
        return OK
    options: dict[str, Any] = {}
    if arguments.base_url:
        options["base_url"] = arguments.base_url
    if arguments.nitf_base_url:
        options["nitf_base_url"] = arguments.nitf_base_url
    try:
        folder = validation.fetch(arguments.cache_dir, **options)
    except (OSError, ValueError, RuntimeError) as error:
        _error(f"schema fetch failed: {error}")
        return FAILED
    print(folder)
    return OK


# -- inspect's view ----------------------------------------------------------------------------

_STYLES = {"heading": "1", "dim": "2", "quote": "36", "name": "33", "warning": "31"}
_SNIPPET = 70


class _View:
    """Lines of aligned text, with ANSI colour only when asked for."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour
        self.lines: list[str] = []

    def style(self, text: str, style: str) -> str:
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if self.colour and text else text

    def heading(self, title: str, count: int | None = None) -> None:
        if self.lines:
            self.lines.append("")
        label = f"{title} ({count})" if count is not None else title
        self.lines.append(self.style(shown(label), "heading"))

    def row(self, *cells: tuple[str, int, str | None]) -> None:
        """One line of cells: (text, width to pad to, style or None)."""
        parts = []
        for cell, width, style in cells:
            text = shown(cell)
            padded = text.ljust(width) if width else text
            parts.append(self.style(padded, style) if style else padded)
        self.lines.append("  " + " ".join(parts).rstrip())

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _snippet(text: str, limit: int = _SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def _where(start: int, end: int) -> str:
    return f"{start}-{end}"


def render_evidence(decisions: Any, *, colour: bool = False, top: int = 6) -> str:
    """The weighted reader's decisions (:func:`newsml.detect.weighted.explain`): each name
    with its label, the runner-up and the margin, then its strongest features, each with its
    weight for the label and for the runner-up."""
    view = _View(colour)
    view.lines.append("")
    view.heading("Evidence (weighted reader)", len(decisions))
    where_width = max((len(_where(d.start, d.end)) for d in decisions), default=3)
    for decision in decisions:
        margin = decision.scores[decision.label] - decision.scores[decision.runner_up]
        view.row(
            (_where(decision.start, decision.end), where_width, "dim"),
            (decision.label, 4, None),
            (_snippet(decision.text, 32), 0, "name"),
            (f"(not {decision.runner_up}: {margin:+.1f})", 0, "dim"),
        )
        features = ", ".join(
            f"{feature} {weight:+.1f}/{other:+.1f}"
            for feature, weight, other in decision.features[:top]
        )
        if features:
            view.row(("", where_width, None), (features, 0, "dim"))
    return view.text()


def render_analysis(article: Any, *, colour: bool = False) -> str:
    """What :func:`newsml.analyze` found in ``article``, laid out for a terminal."""
    view = _View(colour)
    view.heading("Article")
    facts = [
        ("headline", article.title()),
        ("byline", article.byline or "-"),
        ("dateline", article.dateline or "-"),
        ("language", article.language),
        ("paragraphs", str(len(article.paragraphs))),
        ("sentences", str(len(article.sentences))),
        ("words", str(len(article.text.split()))),
    ]
    for label, value in facts:
        view.row((label, 11, "dim"), (value, 0, None))
    sources = {source.id: source for source in article.sources}
    entities = {entity.id: entity for entity in article.entities}

    view.heading("Quotes", len(article.quotes))
    id_width = max((len(q.id) for q in article.quotes), default=2)
    where_width = max((len(_where(q.start, q.end)) for q in article.quotes), default=3)
    for quote in article.quotes:
        pieces = " \u2026 ".join(_snippet(span.of(article.text), 200) for span in quote.spans)
        view.row(
            (quote.id, id_width, "dim"),
            (quote.kind, 8, None),
            (_where(quote.start, quote.end), where_width, "dim"),
            (_snippet(pieces), 0, "quote"),
        )
        speaker = (
            quote.speaker.text or article.text[quote.speaker.start : quote.speaker.end]
            if quote.speaker is not None
            else "-"
        )
        source = quote.source.name if quote.source is not None else "-"
        if quote.source is not None and quote.source.anonymous:
            source += " (anonymous)"
        view.row(
            ("", id_width + 10 + where_width, None),
            ("speaker", 0, "dim"),
            (_snippet(speaker, 30), 30, "name"),
            ("source", 0, "dim"),
            (_snippet(source, 50), 0, "name"),
        )

    view.heading("Entities", len(article.entities))
    name_width = min(32, max((len(e.name) for e in article.entities), default=4))
    id_width = max((len(e.id) for e in article.entities), default=2)
    for entity in article.entities:
        codes = " ".join(f"{scheme}:{code}" for scheme, code in sorted(entity.ids.items()))
        count = len(entity.mentions)
        view.row(
            (entity.id, id_width, "dim"),
            (entity.kind, 12, None),
            (_snippet(entity.name, 32), name_width, "name"),
            (f"{count} mention{'s' if count != 1 else ''}", 11, None),
            (codes, 0, "dim"),
        )
        mentions = ", ".join(
            f"{_snippet(m.text or article.text[m.start : m.end], 30)} {_where(m.start, m.end)}"
            for m in entity.mentions[:6]
        )
        more = f", \u2026 {count - 6} more" if count > 6 else ""
        if mentions:
            view.row(("", id_width, None), (mentions + more, 0, "dim"))

    view.heading("Sources", len(article.sources))
    id_width = max((len(s.id) for s in article.sources), default=2)
    for source in sources.values():
        entity = entities.get(source.entity_id) if source.entity_id else None
        link = (
            f"entity {entity.id}"
            if entity is not None
            else ("anonymous" if source.anonymous else "")
        )
        said = sum(1 for q in article.quotes if q.source is not None and q.source.id == source.id)
        view.row(
            (source.id, id_width, "dim"),
            (_snippet(source.name, 40), 40, "name"),
            (source.kind, 12, None),
            (f"cpprole:{source.role}", 22, None),
            (f"{said} quote{'s' if said != 1 else ''}", 9, None),
            (link, 0, "dim"),
        )

    if article.diagnostics:
        view.heading("Diagnostics", len(article.diagnostics))
        for diagnostic in article.diagnostics:
            where = _where(diagnostic.start, diagnostic.end) if diagnostic.start is not None else ""
            view.row(
                (diagnostic.level, 8, "warning" if diagnostic.level != "info" else "dim"),
                (diagnostic.code, 24, None),
                (diagnostic.message, 0, None),
                (where, 0, "dim"),
            )
    return view.text()


_COMMANDS = {"convert": _convert, "validate": _validate, "inspect": _inspect, "schema": _schema}


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``newsml`` with ``argv`` (default: the process's arguments); the exit status."""
    ignore_file_size_signal()
    try:
        arguments = build_parser().parse_args(argv)
        return _COMMANDS[arguments.command](arguments)
    except UsageError as error:
        _error(str(error))
        return USAGE
    except WriteError as error:  # a full disk, a file-size limit: the run stops, said in one line
        _error(str(error))
        return FAILED
    except SystemExit as exit_:  # --help and --version
        return int(exit_.code or 0) if isinstance(exit_.code, int) else 0
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our standard output went away (`newsml convert a.txt | head`).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
