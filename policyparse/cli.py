"""Command line: ``policyparse parse|convert|schema|eval|targets|agencies|render|report``.

``main(argv) -> int`` never lets a traceback out for bad input: a
PolicyParseError becomes one line on stderr and a non-zero exit code.

Data goes to stdout, errors and progress to stderr.  ``convert`` is a thin wrapper
over :func:`policyparse.batch.convert` (parallel, resumable, manifest in
``OUT/_manifest.jsonl``; ``--dask ADDRESS`` runs it on a Dask cluster).

Exit codes: 0 success; 1 some inputs failed (convert, targets, agencies);
2 usage error or the one input could not be parsed (or, for convert, OUT cannot
be created or the Dask scheduler cannot be reached); 130 interrupted (Ctrl-C;
rerunning convert resumes where it stopped).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from . import __version__
from .errors import PolicyParseError
from .readers.archive import ARCHIVE_SUFFIXES

#: File name endings ``convert`` picks up when walking a folder.
INPUT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht", ".mhtml", ".docx", ".doc", ".wps", ".rtf", ".xlsx", ".xls", ".pdf", ".ofd")
#: What a folder walk takes: every format read (a file that turns out to be none, say an
#: RTF saved as .doc, is recorded as a failure saying what it is — never skipped in silence),
#: and archives of them.
WALKED_SUFFIXES = INPUT_SUFFIXES + ARCHIVE_SUFFIXES
MANIFEST = "_manifest.jsonl"


def _err(msg: str) -> None:
    """One line on stderr (control characters of file names escaped, so that a message stays
    one line and a name cannot drive the terminal); nothing when stderr is closed."""
    try:
        print(f"policyparse: {msg.translate(_CONTROLS)}", file=sys.stderr)
    except (OSError, ValueError):
        pass


#: C0 controls, DEL and C1 controls (\n, \r, ESC…) as \xNN
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}


def _with_path(path: str, exc: Exception) -> str:
    from .read import printable

    path, msg = printable(path), printable(str(exc))
    return msg if msg.startswith(path) else f"{path}: {msg}"


def _internal(path: str, exc: BaseException) -> str:
    """The one line for an exception that is no PolicyParseError: a bug, named as such."""
    from .read import printable

    return printable(f"{path}: internal error: {type(exc).__name__}: {exc}")


def _dump(obj, pretty: bool) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


_MODE: list[int] = []


def _file_mode() -> int:
    """The mode an ordinary new file gets here (0o666 less the umask), read once per process."""
    if not _MODE:
        umask = os.umask(0o022)
        os.umask(umask)
        _MODE.append(0o666 & ~umask)
    return _MODE[0]


_TEMPORARY = re.compile(r"\..*\.pp-(?:[a-z0-9_]{8}|compact)\.tmp", re.S)  # (re.S: a name may hold \n)


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file write_atomic (or the jsonl compaction) makes."""
    return _TEMPORARY.fullmatch(name) is not None


def write_atomic(path: Path, data: str) -> None:
    """Write text to path via a temporary file and a rename: never half-written.

    The file gets the permissions of an ordinary new file (mkstemp's own are 0600,
    which would hide converted output from the other users of a shared folder).
    """
    if not os.path.isdir(path.parent):  # (one stat: a batch writes many files per folder)
        path.parent.mkdir(parents=True, exist_ok=True)
    # .NAME.pp-XXXXXXXX.tmp: NAME cut short so that a name that fits as an output fits here
    # too; "pp-" marks the file as ours (a killed run's leftovers are swept: is_temporary)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:32]}.pp-", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _parse_any(path: str):
    from .pipeline import parse_file, parse_read
    from .read import read_bytes

    if path == "-":
        data = sys.stdin.buffer.read()
        return parse_read(read_bytes(data), None)
    return parse_file(path)


def _parse_archive(src: str) -> tuple[list[tuple[str, object]], list[str]]:
    """Parse every member of the archive at src that convert reads, in the archive's order:
    ``([(ARCHIVE!/MEMBER, ParsedFile)…], [one line per member that failed])``.  A document
    package named .zip (a .docx…) is parsed as one file.

    Raises PolicyParseError when the archive cannot be read whole or holds no member to read."""
    from .batch import parse_bytes
    from .read import printable, read_path
    from .readers.archive import (
        MEMBER_SEP,
        close_cache,
        list_archive,
        nothing_to_read,
        read_member,
        refuse_nested,
    )

    try:
        listing = list_archive(src, suffixes=INPUT_SUFFIXES)
    except PolicyParseError as exc:
        raise type(exc)(_with_path(src, exc)) from None
    if listing.package:
        return [(src, parse_bytes(read_path(src), src))], []
    if not listing.members and not listing.nested:
        raise type(nothing_to_read(listing))(_with_path(src, nothing_to_read(listing)))
    parsed: list[tuple[str, object]] = []
    failed: list[str] = []
    nested = {m.ref.index for m in listing.nested}
    try:
        for m in sorted((*listing.members, *listing.nested), key=lambda m: m.ref.index):
            shown = f"{src}{MEMBER_SEP}{m.path}"
            if m.ref.index in nested:
                failed.append(_with_path(shown, refuse_nested(m.path)))
                continue
            try:
                parsed.append((printable(shown), parse_bytes(read_member(m.ref), shown)))
            except PolicyParseError as exc:
                failed.append(_with_path(shown, exc))
            except Exception as exc:  # a parser bug: that member fails, the others are read
                failed.append(_internal(shown, exc))
    finally:
        close_cache()
    return parsed, failed


def _parse_member(path: str):
    """Parse ``ARCHIVE.zip!/MEMBER`` (the notation of ``source.path``): the member whose
    path in the archive, decoded and made safe as convert makes it, is MEMBER."""
    from .batch import parse_bytes
    from .errors import InputNotFound
    from .readers.archive import MEMBER_SEP, close_cache, list_archive, read_member

    archive, _, inner = path.partition(MEMBER_SEP)
    try:
        listing = list_archive(archive, suffixes=INPUT_SUFFIXES)
    except PolicyParseError as exc:
        raise type(exc)(_with_path(archive, exc)) from None
    member = next((m for m in listing.members if m.path == inner.strip("/")), None)
    if member is None:
        raise InputNotFound(f"{path}: no such member (of a format read) in {archive}")
    try:
        return parse_bytes(read_member(member.ref), path)
    finally:
        close_cache()


def cmd_parse(args: argparse.Namespace) -> int:
    from .readers.archive import MEMBER_SEP, is_archive_name

    if args.file != "-" and is_archive_name(args.file):
        return _cmd_parse_archive(args)
    try:
        if MEMBER_SEP in args.file and not os.path.exists(args.file):
            pf = _parse_member(args.file)
        else:
            pf = _parse_any(args.file)
    except PolicyParseError as exc:
        _err(_with_path(args.file, exc))
        return 2
    except Exception as exc:  # a parser bug: one line and exit 2 (as convert records "internal")
        _err(_internal(args.file, exc))
        return 2
    sys.stdout.write(_dump(pf.model_dump(mode="json"), args.pretty) + "\n")
    return 0


def _cmd_parse_archive(args: argparse.Namespace) -> int:
    """``parse ARCHIVE.zip``: a JSON array of the ParsedFile of every member read (each with
    ``source.path`` ``ARCHIVE.zip!/MEMBER``); a member that fails is one line on stderr and
    exit 1; an archive that cannot be read or holds no document, exit 2."""
    try:
        parsed, failed = _parse_archive(args.file)
    except PolicyParseError as exc:
        _err(str(exc))
        return 2
    except Exception as exc:  # a bug: one line, as for one file
        _err(_internal(args.file, exc))
        return 2
    for line in failed:
        _err(line)
    if len(parsed) == 1 and parsed[0][0] == args.file:  # (a package named .zip: one file)
        sys.stdout.write(_dump(parsed[0][1].model_dump(mode="json"), args.pretty) + "\n")  # type: ignore[attr-defined]
        return 0
    data = [pf.model_dump(mode="json") for _src, pf in parsed]  # type: ignore[attr-defined]
    sys.stdout.write(_dump(data, args.pretty) + "\n")
    return 1 if failed else 0


class _Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interrupt: the batch stops its workers and exits as for Ctrl-C."""


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While converting, SIGTERM (kill, a job scheduler's stop) stops the batch cleanly — its
    workers stopped, the manifest whole — like Ctrl-C, with exit code 143."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum: int, frame: object) -> None:
        raise _Terminated

    old = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def cmd_convert(args: argparse.Namespace) -> int:
    """A thin wrapper: map the options onto :func:`policyparse.batch.convert`."""
    from .batch import convert, read_path_list

    if "-" in args.inputs:
        _err("convert reads files and folders, not a document on standard input: "
             "to read a list of paths there, use --files-from -")
        return 2
    listed: list[str] = []
    if args.files_from:
        try:
            if args.files_from == "-":
                listed = read_path_list(sys.stdin.buffer, null=args.null)
            else:
                with open(args.files_from, "rb") as f:
                    listed = read_path_list(f, null=args.null)
        except OSError as exc:
            _err(f"{args.files_from}: {exc.strerror or exc}")
            return 2
        except ValueError as exc:
            _err(f"{args.files_from}: {exc}")
            return 2
    if not args.inputs and not args.files_from:
        _err("nothing to convert: give files or folders, or --files-from LIST")
        return 2
    client = None
    if args.dask:
        try:
            from dask.distributed import Client
        except ImportError:
            _err("--dask needs the optional dask extra: pip install 'policyparse[dask]'")
            return 2
        try:
            client = Client(args.dask, timeout="30s")
        except Exception as exc:  # OSError, TimeoutError, ValueError from a bad address
            _err(f"cannot connect to the Dask scheduler at {args.dask}: {exc}")
            return 2
    try:
        with _terminate_as_interrupt():
            summary = convert(
                args.inputs,
                args.output,
                jobs=args.jobs,
                fmt=args.format,
                tables=args.tables,
                force=args.force,
                prune=args.prune,
                timeout=args.timeout,
                pretty=args.pretty,
                progress=False if args.quiet else None,
                log=_err,
                client=client,
                listed=listed,
            )
    except _Terminated:
        _err("terminated; run the same command again to resume")
        return 143
    except KeyboardInterrupt:
        _err("interrupted; run the same command again to resume")
        return 130
    except ValueError as exc:  # a bad argument (the output folder is an input, …)
        _err(str(exc))
        return 2
    except OSError as exc:  # OUT cannot be written, or another convert holds it (OutputInUse)
        _err(f"{exc.filename or args.output}: {exc.strerror}" if exc.strerror else str(exc))
        return 2
    finally:
        if client is not None:
            client.close()
    if not args.quiet:
        with suppress(OSError, ValueError):  # (stderr closed: the exit code still tells)
            print(summary.line(), file=sys.stderr)
    return 1 if summary.failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for p in write_schemas(Path(args.output)):
        print(p)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report

    for d in (args.gold, args.source):
        if not Path(d).is_dir():
            _err(f"{d}: not a directory")
            return 2
    report = evaluate(args.gold, args.source)
    if args.json:
        print(_dump(report.as_dict(), True))
    else:
        print(format_report(report, errors=args.errors))
    return 0


def _parse_many(paths: list[str]):
    from .batch import UnfollowedLink, iter_inputs, parse_bytes
    from .read import printable, read_path
    from .readers.archive import is_archive_name

    failed = 0
    results: list[tuple[str, object]] = []

    def unlisted(folder: str, exc: OSError) -> None:
        nonlocal failed
        failed += 1
        what = "a link that cannot be followed" if isinstance(exc, UnfollowedLink) else "cannot list the folder"
        _err(f"{printable(folder)}: {what} ({exc.strerror or exc})")

    for p in paths:
        walked = Path(p).is_dir()  # a file found in a folder must be a regular file (not a pipe)
        for src, _rel in iter_inputs([p], on_error=unlisted):
            if is_archive_name(src):  # its members, as convert reads them
                try:
                    parsed, errors = _parse_archive(src)
                except PolicyParseError as exc:
                    failed += 1
                    _err(str(exc))
                    continue
                results += parsed
                failed += len(errors)
                for line in errors:
                    _err(line)
                continue
            try:
                results.append((src, parse_bytes(read_path(src, regular_only=walked), src)))
            except PolicyParseError as exc:
                failed += 1
                _err(_with_path(src, exc))
            except Exception as exc:  # a parser bug: that file fails, the others are read (as in convert)
                failed += 1
                _err(_internal(src, exc))
    return results, failed


def cmd_targets(args: argparse.Namespace) -> int:
    from .export import target_rows, write_rows

    results, failed = _parse_many(args.inputs)
    rows = target_rows(pf for _path, pf in results)
    write_rows(rows, args.format, sys.stdout)
    return 1 if failed else 0


def cmd_citations(args: argparse.Namespace) -> int:
    from .graph import citation_edges, write_edges

    results, failed = _parse_many(args.inputs)
    write_edges(citation_edges(pf for _src, pf in results), args.format, sys.stdout)
    return 1 if failed else 0


def cmd_agencies(args: argparse.Namespace) -> int:
    from .agencies import agency_index

    results, failed = _parse_many(args.inputs)
    index = agency_index(results)
    if args.format == "json":
        print(_dump(index, True))
    else:
        for row in index:
            print(json.dumps(row, ensure_ascii=False))
    return 1 if failed else 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render import load_parsed, render_html

    try:
        data = load_parsed(args.file)
    except PolicyParseError as exc:
        _err(_with_path(args.file, exc))
        return 2
    try:
        write_atomic(Path(args.output), render_html(data))
    except OSError as exc:
        _err(f"{exc.filename or args.output}: {exc.strerror or exc}")
        return 2
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .report import load_folder, report_html

    if not Path(args.folder).is_dir():
        _err(f"{args.folder}: not a directory")
        return 2
    items, failed = load_folder(args.folder, log=_err)
    try:
        title = args.title or f"policyparse report: {Path(args.folder).resolve().name}"
        write_atomic(Path(args.output), report_html(items, title=title))
    except OSError as exc:
        _err(f"{exc.filename or args.output}: {exc.strerror or exc}")
        return 2
    return 1 if failed else 0


EXAMPLES = {
    "parse": "example:\n  policyparse parse corpus/004_7987ea6d96b72cd9.txt --pretty\n  cat notice.txt | policyparse parse -",
    "convert": (
        "examples:\n"
        "  policyparse convert corpus -o out                 # all cores; rerun to resume or update\n"
        "  policyparse convert docs/ more/file.docx -o out --jobs 4 --timeout 60\n"
        "  policyparse convert corpus -o out --format jsonl --tables   # analytics: documents.jsonl + tables/\n"
        "  policyparse convert corpus -o out --force          # redo everything\n"
        "  policyparse convert corpus -o out --prune          # and drop results of deleted inputs\n"
        "  policyparse convert /data/docs -o /data/out --dask tcp://scheduler:8786\n"
        "  find docs -name '*.docx' -newer last.txt -print0 | policyparse convert -o out --files-from - -0\n"
        "\n"
        "Every input gets a line in OUT/_manifest.jsonl (status ok|failed, error kind, message,\n"
        "sha256, version); unchanged inputs are skipped on a rerun.  The summary line\n"
        "(converted / skipped / failed; results kept of inputs gone since) and any errors go to\n"
        "stderr.  Links are followed, except a link into the tree already walked (each file is\n"
        "reached once), into OUT, or to a folder holding the input.\n"
        "exit codes: 0 all converted; 1 some inputs failed; 2 usage error; 130 interrupted (Ctrl-C);\n"
        "143 terminated (SIGTERM); rerun the same command to resume"
    ),
    "schema": "example:\n  policyparse schema -o schemas",
    "eval": "example:\n  policyparse eval ../shared/gold corpus\n  policyparse eval gold/ sources/ --errors",
    "targets": "example:\n  policyparse targets corpus --format csv > targets.csv",
    "agencies": "example:\n  policyparse agencies corpus",
    "citations": (
        "examples:\n"
        "  policyparse citations corpus --format csv > edges.csv\n"
        "  policyparse citations a.txt b.docx --format jsonl\n"
        "\n"
        "One row per citation: source file/document, cited title and 发文字号 (cited_key is the\n"
        "canonical number, e.g. 国发〔2016〕78号), and the target document in the given files\n"
        "(matched by 发文字号, else by title) or 'external'."
    ),
    "render": (
        "examples:\n"
        "  policyparse render corpus/004_7987ea6d96b72cd9.txt -o page.html\n"
        "  policyparse render out/004_7987ea6d96b72cd9.txt.json -o page.html   # a saved ParsedFile JSON\n"
        "\n"
        "One self-contained HTML page (no network): the text with its heading tree as an outline,\n"
        "assignments (lead / support), targets, citations and repairs highlighted."
    ),
    "report": (
        "example:\n"
        "  policyparse convert corpus -o out && policyparse report out -o report.html\n"
        "\n"
        "One self-contained HTML page over a converted folder: per-document counts, all targets\n"
        "(filter and sort), agency workload, targets per year."
    ),
}


def _nonneg_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value}")
    return n


def _timeout(value: str) -> float:
    from .batch import MAX_TIMEOUT

    x = _nonneg_float(value)
    if x > MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"at most {MAX_TIMEOUT:g} s (0: no limit): {value}")
    return x


def _nonneg_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not x >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value}")
    return x


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="policyparse",
        description="Turn Chinese government policy documents into typed, checkable data.",
        epilog="exit codes: 0 ok; 1 some inputs failed; 2 usage error or unreadable input",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--version", action="version", version=f"policyparse {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str):
        return sub.add_parser(name, help=help_, description=help_, epilog=EXAMPLES[name], formatter_class=argparse.RawDescriptionHelpFormatter)

    p = add("parse", "parse one file and print its ParsedFile JSON on stdout")
    p.add_argument("file", help="input file, or - for standard input")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=cmd_parse)

    p = add("convert", "convert files and folders to JSON, in parallel and resumably")
    p.add_argument("inputs", nargs="*", help="input files or folders (walked recursively)")
    p.add_argument("-o", "--output", required=True, help="output folder (mirrors the input tree)")
    p.add_argument("--files-from", metavar="LIST",
                   help="also convert the paths listed in LIST, one a line (- for standard input), "
                   "each mirrored in OUT at its own path")
    p.add_argument("-0", "--null", action="store_true",
                   help="the paths in LIST are separated by NUL characters (find -print0)")
    p.add_argument("-j", "--jobs", type=_nonneg_int, default=None, metavar="N",
                   help="worker processes (default: the number of cores; 0: run in this process)")
    p.add_argument("--format", choices=("json", "jsonl"), default="json",
                   help="json: OUT/<relative path>.json per input (default); jsonl: one line per document in OUT/documents.jsonl")
    p.add_argument("--tables", action="store_true",
                   help="also write documents/sections/assignments/targets/citations tables to OUT/tables/ "
                   "(CSV; Parquet too when pyarrow is installed)")
    p.add_argument("--timeout", type=_timeout, default=120.0, metavar="SECONDS",
                   help="per-file time limit (default: 120; 0: none)")
    p.add_argument("--force", action="store_true", help="redo every file, even those OUT already holds")
    p.add_argument(
        "--prune",
        action="store_true",
        help="remove from OUT the results of every file this run did not reach (inputs deleted or "
        "renamed since; so give the whole input, not a partial --files-from list); refused when an "
        "input is missing or empty, or a folder or link is out of reach",
    )
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS",
                   help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs policyparse[dask])")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line and no summary line")
    p.set_defaults(func=cmd_convert)

    p = add("schema", "write the JSON Schema of the output to a folder")
    p.add_argument("-o", "--output", default="schemas", help="output folder (default: schemas)")
    p.set_defaults(func=cmd_schema)

    p = add("eval", "score the parser against gold annotations")
    p.add_argument("gold", help="folder of gold JSON files")
    p.add_argument("source", help="folder of the annotated source files")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", action="store_true", help="list every difference")
    p.set_defaults(func=cmd_eval)

    p = add("targets", "print one flat row per target (CSV or JSON lines)")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.set_defaults(func=cmd_targets)

    p = add("agencies", "print each agency's tasks led and supported")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--format", choices=("jsonl", "json"), default="jsonl")
    p.set_defaults(func=cmd_agencies)

    p = add("citations", "print the citation edges among the given files (CSV or JSON lines)")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.set_defaults(func=cmd_citations)

    p = add("render", "write an HTML page of one parsed file for review")
    p.add_argument("file", help="an input document, or a ParsedFile JSON saved by parse/convert")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.set_defaults(func=cmd_render)

    p = add("report", "write an HTML dashboard of a folder converted by 'convert'")
    p.add_argument("folder", help="the output folder of 'policyparse convert' (*.json)")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--title", default=None, help="page title (default: the folder name)")
    p.set_defaults(func=cmd_report)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except PolicyParseError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
