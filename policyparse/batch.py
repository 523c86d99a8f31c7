"""Batch conversion: folders of documents → OUT, in parallel, resumable, never losing a file.

``convert(inputs, out, ...) -> BatchSummary`` is the job behind ``policyparse convert``:

* walks the inputs recursively (every suffix in ``cli.WALKED_SUFFIXES``; hidden files
  and folders and OUT itself are left out; links followed, never round in a circle)
  and mirrors the input tree in OUT:
  ``IN/sub/a.docx`` → ``OUT/sub/a.docx.json`` (``fmt="json"``), or one line per
  document in ``OUT/documents.jsonl`` (``fmt="jsonl"``);
* reads the members of ``.zip`` archives as inputs of their own
  (:mod:`policyparse.readers.archive`): ``IN/sub/附件.zip`` holding ``x/a.docx`` →
  ``OUT/sub/附件.zip/x/a.docx.json``, manifest ``path`` ``sub/附件.zip/x/a.docx``,
  ``input`` and ``source.path`` ``IN/sub/附件.zip!/x/a.docx``; skipped and resumed per
  member (its unpacked SHA-256); an archive that cannot be opened, goes beyond the
  limits or holds nothing to read is one failure at its own path;
* runs the files in worker processes (``jobs``, default the core count; ``jobs=0``
  runs in this process, for debugging) or on a Dask cluster (``client=``);
* never loses a file: a failure — a :class:`PolicyParseError` (its ``kind``), any
  other exception (``internal``), the per-file time limit (``timeout``), a worker
  process that died (``crashed``), a worker out of memory (``memory``: each may take
  :func:`worker_memory_limit`), two inputs mapping to one output
  (``output-conflict``), an output that cannot be written (``write``) — is recorded
  in ``OUT/_manifest.jsonl`` and the batch goes on;
* is resumable and incremental: one manifest line is appended (and flushed) per file
  as it completes, so a killed run loses at most the files in flight; a rerun skips
  every file whose content SHA-256 and parser version match what OUT holds (and
  known deterministic failures); the manifest is compacted to one line per file at
  the end; ``force=True`` redoes everything; the results of files no longer among the
  inputs are kept and counted, or removed with ``prune=True``;
* writes every output atomically (temporary file + rename);
* with ``tables=True`` writes flat ``documents``, ``sections``, ``assignments``,
  ``targets`` and ``citations`` tables to ``OUT/tables/`` (see :mod:`policyparse.tables`).

Worker processes are started with the ``spawn`` method, so a script calling
:func:`convert` with ``jobs != 0`` must guard its entry point with
``if __name__ == "__main__":``.

Manifest line (one JSON object per input file)::

    {"input": "IN/sub/a.txt", "path": "sub/a.txt", "output": "OUT/sub/a.txt.json",
     "status": "ok"|"failed", "error": null|KIND, "message": null|str,
     "sha256": str|null, "version": "0.1.0", "format": "json"|"jsonl",
     "documents": int|null, "seconds": float}
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import re
import signal
import socket
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import __version__
from .cli import INPUT_SUFFIXES, MANIFEST, WALKED_SUFFIXES, is_temporary, write_atomic
from .errors import InputNotFound, PolicyParseError
from .read import printable, read_path
from .readers.archive import (
    MEMBER_SEP,
    MemberRef,
    close_cache,
    is_archive_name,
    list_archive,
    member_sha256,
    nothing_to_read,
    read_member,
    refuse_nested,
)

__all__ = [
    "BatchSummary",
    "DEFAULT_TIMEOUT",
    "DOCUMENTS_JSONL",
    "FORMATS",
    "MANIFEST",
    "convert",
    "default_jobs",
    "iter_inputs",
    "iter_listed",
    "listed_rel",
    "read_path_list",
    "parse_bytes",
    "read_manifest",
]

DOCUMENTS_JSONL = "documents.jsonl"
TABLES_DIR = "tables"
#: Present in OUT while a run is going on; found at the start of a run, it means the
#: last one was killed.
RUNNING = ".policyparse-convert.running"
FORMATS = ("json", "jsonl")
DEFAULT_TIMEOUT = 120.0
MAX_TIMEOUT = 1e6  # (about 11 days; more overflows the clocks: use 0 for no limit)

# Error kinds that do not come from a PolicyParseError.
TIMEOUT = "timeout"
INTERNAL = "internal"
CRASHED = "crashed"
CONFLICT = "output-conflict"
WRITE = "write"
MEMORY = "memory"
#: Failures that may not recur (load, memory, a bug fixed without a version bump):
#: a rerun retries them even when the input is unchanged.
RETRY_KINDS = frozenset({TIMEOUT, INTERNAL, CRASHED, WRITE, CONFLICT, MEMORY, InputNotFound.kind})
#: The least address space a worker process may take (RLIMIT_AS; see worker_memory_limit).
MIN_WORKER_MEMORY = 4 << 30

ParseFn = Callable[[bytes, str], Any]
"""A parse function: ``(input bytes, input path) -> ParsedFile``."""

_FIELDS = (
    "input",
    "path",
    "output",
    "status",
    "error",
    "message",
    "sha256",
    "version",
    "format",
    "documents",
    "seconds",
)


# --------------------------------------------------------------------------- walking


def default_jobs() -> int:
    """The number of cores this process may use: its CPU affinity, and no more than a
    container's CPU quota (cgroup v2 ``cpu.max``, v1 ``cpu.cfs_quota_us``) allows."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    if quota is not None:
        cores = min(cores, max(1, math.ceil(quota)))
    return max(1, cores)


def _cgroup_cpu_quota(root: str = "/sys/fs/cgroup") -> float | None:
    """CPUs the cgroup quota allows (2.5 for "250000 100000"), or None for no quota."""
    try:
        with open(os.path.join(root, "cpu.max"), encoding="ascii") as f:
            quota, _, period = f.read().strip().partition(" ")
        if quota != "max":
            return int(quota) / int(period or 100000)
        return None
    except (OSError, ValueError, ZeroDivisionError):
        pass
    try:
        with open(os.path.join(root, "cpu", "cpu.cfs_quota_us"), encoding="ascii") as f:
            q = int(f.read().strip())
        with open(os.path.join(root, "cpu", "cpu.cfs_period_us"), encoding="ascii") as f:
            p = int(f.read().strip())
        return q / p if q > 0 and p > 0 else None
    except (OSError, ValueError, ZeroDivisionError):
        return None


class UnfollowedLink(OSError):
    """A link met in a walked folder that cannot be followed (its target is missing, or out
    of reach): what it leads to is unknown, so it is reported like a folder that cannot be
    listed, never skipped in silence (a link to a disk that is not mounted)."""


def iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    exclude: str | os.PathLike[str] | None = None,
    on_error: Callable[[str, OSError], None] | None = None,
) -> Iterator[tuple[str, str]]:
    """Yield ``(input path, path relative to its root, POSIX style)`` for every supported file.

    The relative path names the file's output and its manifest entry, so it is always valid
    Unicode (:func:`policyparse.read.printable`: a name's bytes that are not UTF-8 are
    written ``\\xNN``); the input path is the one to open.

    Folders are walked recursively in sorted order; hidden entries (a name starting
    with ``.``) and the folder ``exclude`` (the output folder) with all it holds are left
    out.  A path that is not a folder is yielded as given, so a missing file gets a
    manifest entry.  A folder that cannot be listed (permission denied) is passed to
    ``on_error`` with the error (default: raised), never skipped in silence; so is a link
    that cannot be followed (:class:`UnfollowedLink`: a dangling link, whatever its name,
    unless its suffix makes it a file to read, whose read then fails).

    Links to files are followed; a link to a folder is followed when it leads out of the
    tree walked so far (``corpus/2021 -> /mnt/disk2/2021``: a corpus assembled from links
    is converted whole, each file mirrored at the path it was reached by).  It is not
    followed when it leads into a folder already walked or being walked (the root's own
    tree, or a folder another link led into, unless through a hidden folder, which the walk
    leaves out) — those files are reached anyway, by one path each, and the walk never runs
    in a circle nor through the same folders by every route — nor when it leads to a
    folder holding the root (``a/up -> ../..``, ``-> /``).
    """
    excluded = os.path.realpath(exclude) if exclude is not None else None
    for p in inputs:
        root = Path(p)
        if not root.is_dir():
            yield str(root), printable(root.name)
            continue
        top = os.path.realpath(root)
        entered = {top}  # the real folders walked whole: the root, and each one a link led into
        reals = {str(root): top}  # the real path of each folder still to walk
        in_out = excluded is not None and _inside(top, excluded)  # an input folder kept in OUT
        for dirpath, dirnames, filenames in os.walk(root, onerror=_walk_error(on_error), followlinks=True):
            here = reals.pop(dirpath, None) or os.path.realpath(dirpath)
            if excluded is not None and _inside(here, excluded) and not (in_out and _inside(here, top)):
                dirnames[:] = []  # OUT and its folders (but for the input folder, when OUT holds it)
                continue
            kept = []
            for d in sorted(dirnames):
                if d.startswith("."):
                    continue
                sub = os.path.join(dirpath, d)
                if os.path.islink(sub):
                    real = os.path.realpath(sub)
                    if _walked_within(real, entered) or _inside(top, real):
                        continue  # reached anyway (or a circle), or it holds the root
                    if excluded is not None and _inside(real, excluded):
                        continue
                    entered.add(real)
                else:
                    real = os.path.join(here, d)
                    if real in entered:
                        continue  # a link led into it already: walked there
                reals[sub] = real
                kept.append(d)
            dirnames[:] = kept
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                if os.path.splitext(name)[1].lower() not in WALKED_SUFFIXES:
                    _check_link(os.path.join(dirpath, name), on_error)
                    continue
                f = Path(dirpath, name)
                yield str(f), printable(f.relative_to(root).as_posix())


def _walked_within(path: str, folders: set[str]) -> bool:
    """Whether the walk of one of the folders reaches path: it is one of them or inside one,
    through no hidden folder (``.name``: never walked).  A climb through its parents."""
    while True:
        if path in folders:
            return True
        parent, name = os.path.split(path)
        if parent == path or name.startswith("."):
            return False
        path = parent


def _check_link(path: str, on_error: Callable[[str, OSError], None] | None) -> None:
    """A name os.walk listed as no folder: a link whose target cannot be reached (missing,
    a loop, no permission) is reported, since it may have led to a folder."""
    if not os.path.islink(path):
        return
    try:
        os.stat(path)
    except OSError as exc:
        err = UnfollowedLink(exc.errno, exc.strerror or str(exc), path)
        if on_error is None:
            raise err from None
        on_error(path, err)


def listed_rel(path: str) -> str:
    """Where a file named in a list (``--files-from``) is mirrored in OUT: its path relative
    to the current folder, or, for a path outside it, its absolute path without the root
    (``/data/a.txt`` → ``data/a.txt``): never a ``..`` that would leave OUT."""
    p = os.path.normpath(path)
    if os.path.isabs(p) or p == ".." or p.startswith(".." + os.sep):
        p = os.path.abspath(p)
        p = os.path.relpath(p, os.path.splitdrive(p)[0] + os.sep)  # (the root, or a drive's)
    return printable(Path(p).as_posix())


def iter_listed(
    paths: Iterable[str],
    *,
    exclude: str | os.PathLike[str] | None = None,
    on_error: Callable[[str, OSError], None] | None = None,
) -> Iterator[tuple[str, str]]:
    """:func:`iter_inputs` for a list of paths (``--files-from``): each file is mirrored at
    its own path (:func:`listed_rel`), a folder's files under the folder's path.  Files in
    ``exclude`` (OUT: ``find . | … --files-from -`` lists OUT's own outputs) are left out."""
    excluded = os.path.realpath(exclude) if exclude is not None else None
    for path in paths:
        rel = listed_rel(path)
        if excluded is not None and "\0" not in path and _inside(os.path.realpath(path), excluded):
            continue  # (a path holding NUL names no file: its read says so)
        if os.path.isdir(path):
            for src, sub in iter_inputs([path], exclude=exclude, on_error=on_error):
                yield src, sub if rel == "." else f"{rel}/{sub}"
        else:
            yield path, rel


def read_path_list(stream: IO[bytes], *, null: bool = False) -> list[str]:
    """Paths, one a line (or NUL-separated with ``null``, as ``find -print0`` writes them);
    blank lines are skipped.  Bytes that are not UTF-8 stay as the file system's own.

    Raises ValueError for a list holding NUL characters without ``null`` (no path holds
    one: the list was written with -print0)."""
    data = stream.read()
    if not null and b"\0" in data:
        raise ValueError("the list holds NUL characters: it was written with -print0, read it with -0")
    parts = data.split(b"\0") if null else data.splitlines()
    return [os.fsdecode(p) for p in parts if p.strip()]


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return a == b


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk_error(on_error: Callable[[str, OSError], None] | None) -> Callable[[OSError], None]:
    def onerror(exc: OSError) -> None:
        if on_error is None:
            raise exc
        on_error(str(exc.filename), exc)

    return onerror


# --------------------------------------------------------------------------- the work on one file


def parse_bytes(data: bytes, path: str) -> Any:
    """The default parse function: the same ParsedFile ``parse_file(path)`` returns."""
    from .pipeline import parse_read
    from .read import read_bytes

    return parse_read(read_bytes(data, name=Path(path).name), path)


class _TimeLimit(BaseException):
    """Raised in a worker at the per-file time limit (by the alarm, or by the watcher thread
    of :func:`_thread_time_limit`); a BaseException so no ``except Exception`` swallows it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the body with :class:`_TimeLimit` after ``seconds``.

    In the main thread on POSIX by SIGALRM; in any other thread (a Dask worker runs its
    tasks in threads, and so may a program calling :func:`convert` with ``jobs=0``) by
    :func:`_thread_time_limit`.  Either way the exception is raised between two Python
    bytecodes: a single long call into C (a sleep, one huge regular expression search)
    is interrupted only when it returns.
    """
    if not seconds:
        yield
    elif threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_time_limit(seconds):
            yield
    else:
        with _alarm_time_limit(seconds):
            yield


@contextmanager
def _alarm_time_limit(seconds: float) -> Iterator[None]:
    """_time_limit in the main thread: SIGALRM."""

    def on_alarm(signum: int, frame: Any) -> None:
        raise _TimeLimit()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


#: While a body runs on past its limit, the time-limit exception is raised in it again this
#: often: code that swallows an exception (a ``__del__``, an ``except BaseException``) may
#: have caught the last one.
REFIRE_SECONDS = 0.5


class _Watch:
    """The time limit of one body running in thread ``tid`` (see :func:`_thread_time_limit`)."""

    def __init__(self, tid: int, set_async_exc: Callable[[int, type[BaseException] | None], int]) -> None:
        self.tid = tid
        self.set_async_exc = set_async_exc
        self.lock = threading.Lock()
        self.armed = True
        self.fired = False

    def fire(self) -> bool:
        """Raise the time-limit exception in the body, if it is still running."""
        with self.lock:
            if not self.armed:
                return False
            self.fired = True
            self.set_async_exc(self.tid, _TimeLimit)
            return True

    def disarm(self) -> None:
        """The body has ended: no exception from now on, and one set but not met yet withdrawn."""
        with self.lock:
            self.armed = False
            if self.fired:
                self.set_async_exc(self.tid, None)

    def run(self, seconds: float, stop: threading.Event) -> None:
        """The watcher thread: fire at the limit, then again every REFIRE_SECONDS until stopped."""
        wait = seconds
        while not stop.wait(wait) and self.fire():
            wait = REFIRE_SECONDS


def _start_watcher(watch: _Watch, seconds: float, stop: threading.Event) -> None:
    threading.Thread(target=watch.run, args=(seconds, stop), name="policyparse-time-limit", daemon=True).start()


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    """_time_limit in any thread: a watcher thread raises :class:`_TimeLimit` in this one
    (``PyThreadState_SetAsyncExc``, CPython only; elsewhere the body runs unlimited).

    The exception comes out of the body or out of the ``with`` statement itself (it may be
    met on the way out), never later: the watcher fires only while the body is armed, and
    on the way out the body is disarmed and an exception set but not met yet is withdrawn,
    under one lock.  It is raised again while the body runs on (see REFIRE_SECONDS).  It may
    land in any Python code the body runs, the standard library's included: the work done
    under a limit should not take process-wide locks (logging's set-up, first imports — the
    workers are warmed up before their first file for that reason).
    """
    set_async_exc = _async_exc_setter()
    if set_async_exc is None:
        yield
        return
    watch = _Watch(threading.get_ident(), set_async_exc)
    stop = threading.Event()
    _start_watcher(watch, seconds, stop)
    try:
        yield
    finally:
        watch.disarm()
        stop.set()


def _async_exc_setter() -> Callable[[int, type[BaseException] | None], int] | None:
    """``PyThreadState_SetAsyncExc(thread id, exception class or None)``, or None off CPython
    (or without ctypes)."""
    if sys.implementation.name != "cpython":
        return None
    try:
        import ctypes
    except ImportError:
        return None

    fn = ctypes.pythonapi.PyThreadState_SetAsyncExc  # (argtypes left alone: the object is shared)

    def set_async_exc(tid: int, exc: type[BaseException] | None) -> int:
        # None is passed as NULL, which withdraws a pending exception
        return int(fn(ctypes.c_ulong(tid), None if exc is None else ctypes.py_object(exc)))

    return set_async_exc


@dataclass(frozen=True)
class _Settings:
    """What every worker needs to know; pickled once per task (small)."""

    out: str
    fmt: str
    pretty: bool
    timeout: float | None
    parse: ParseFn | None
    write: bool  # True: the worker writes OUT/<rel>.json itself; False: it returns the text


def _target(out: str, rel: str) -> str:
    return os.path.join(out, rel + ".json")


def _result(src: str, rel: str | None, settings: _Settings, **kw: Any) -> dict[str, Any]:
    res: dict[str, Any] = dict.fromkeys(_FIELDS)
    res.update(input=printable(src), path=rel, status="failed", version=__version__, format=settings.fmt)
    res.update(kw)
    return res


def _write_failed(res: dict[str, Any], path: Any, exc: OSError) -> None:
    """Record in res that its output could not be written (disk full, no permission…)."""
    res.update(
        status="failed",
        error=WRITE,
        message=f"{path}: cannot write ({exc.strerror or exc})",
        output=None,
        documents=None,
    )


def _jsonl_lines(pf: Any, rel: str) -> list[str]:
    """One JSON line per document: the Document's fields plus the file's identity.

    ``text`` is the document's own text, ``text[0]`` at offset ``text_start`` of the
    file's normalised text, so ``line["text"][s.start - text_start : s.end - text_start]``
    is what a span covers.
    """
    data = pf.model_dump(mode="json")
    text = data.get("text") or ""
    lines = []
    for i, doc in enumerate(data.get("documents") or []):
        start, end = doc["span"]["start"], doc["span"]["end"]
        line = {
            "file_id": rel,
            "doc_index": i,
            "version": data.get("version"),
            "source": data.get("source"),
        }
        line.update(doc)
        line["text_start"] = start
        line["text"] = text[start:end]
        lines.append(json.dumps(line, ensure_ascii=False))
    return lines


def _message(shown: str, exc: BaseException) -> str:
    """A PolicyParseError's message, starting with the input's path."""
    msg = printable(str(exc))
    return msg if msg.startswith(shown) else f"{shown}: {msg}"


def _read_input(src: str, member: MemberRef | None) -> bytes:
    """The bytes of a file, or of an archive's member."""
    if member is not None:
        return read_member(member)
    return read_path(src, regular_only=True)  # (a pipe in a folder would hang the batch)


def _work(
    src: str, rel: str, settings: _Settings, data: bytes | None = None, member: MemberRef | None = None
) -> dict[str, Any]:
    """Convert one file (or one member of an archive: ``src`` is then ``ARCHIVE!/MEMBER``);
    never raises (except on interpreter shutdown).  Runs in a worker."""
    t0 = time.perf_counter()
    res = _result(src, rel, settings)
    shown = res["input"]
    from .pipeline import pauses_collector

    collecting = pauses_collector()  # (elsewhere another thread's setting is the host's and stands)
    try:
        if data is None:
            data = _read_input(src, member)
        res["sha256"] = hashlib.sha256(data).hexdigest()
        parse = settings.parse or parse_bytes
        with _time_limit(settings.timeout):
            pf = parse(data, src)
            if settings.fmt == "json":
                payload: Any = pf.model_dump_json(indent=2 if settings.pretty else None) + "\n"
            else:
                payload = _jsonl_lines(pf, rel)
        ndocs = len(pf.documents)
    except _TimeLimit:
        if collecting and not gc.isenabled():
            gc.enable()  # (the limit fired again inside the parse's own restart of it)
        res.update(
            error=TIMEOUT,
            message=f"{shown}: took longer than the per-file time limit of {settings.timeout:g} s",
        )
    except PolicyParseError as exc:
        res.update(error=exc.kind, message=_message(shown, exc))
    except MemoryError:  # (before a parser bug: it is an Exception too)
        res.update(error=MEMORY, message=f"{shown}: needs more memory than {_memory_limit_text()}")
    except Exception as exc:  # a parser bug must not take the batch down
        res.update(error=INTERNAL, message=printable(f"{shown}: internal error: {type(exc).__name__}: {exc}"))
    else:
        res.update(status="ok", documents=ndocs)
        if settings.fmt == "jsonl":
            res.update(output=os.path.join(settings.out, DOCUMENTS_JSONL), lines=payload)
        else:
            target = _target(settings.out, rel)
            res["output"] = target
            if settings.write:
                try:
                    write_atomic(Path(target), payload)
                except OSError as exc:
                    _write_failed(res, target, exc)
            else:
                res["json"] = payload
    res["seconds"] = round(time.perf_counter() - t0, 4)
    return res


def _memory_limit_text() -> str:
    """"a worker may take (N GiB)", or "there is" where this process has no limit."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ImportError, ValueError, OSError):
        soft = None
    if soft is None or soft == getattr(resource, "RLIM_INFINITY", -1):
        return "there is"
    return f"a worker may take ({soft / (1 << 30):.1f} GiB)"


_WARM_UP = (
    "关于印发某某实施方案的通知\n（某政办发〔2021〕1号）\n一、总体要求\n"
    "（一）到2025年，覆盖率达到95%以上。（自治区卫生健康委牵头，财政厅配合）\n"
    "1.根据《国务院关于某某的通知》精神推进。\n2021年9月16日\n"
)


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:  # the parent died (kill -9): do not linger
            os._exit(1)


def worker_memory_limit(jobs: int) -> int | None:
    """The address space each of ``jobs`` worker processes may take: an equal share of the
    physical memory with one share left for the rest of the machine, at least
    MIN_WORKER_MEMORY; None where the memory cannot be known.

    A file that needs more fails alone with the error kind ``memory`` (a MemoryError in its
    worker) instead of driving the machine into the kernel's OOM killer — which takes the
    largest process, this batch's or any other's, once every process is short of memory."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None
    return max(MIN_WORKER_MEMORY, total // (max(jobs, 1) + 1)) if total > 0 else None


def _limit_memory(limit: int | None) -> None:
    """Lower this process's address-space limit to ``limit`` (never raise it)."""
    try:
        import resource
    except ImportError:  # (not POSIX)
        return
    if not limit:
        return
    with suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _worker_init(parent: int, started: Any = None, memory: int | None = None) -> None:
    """Worker process set-up: Ctrl-C is the parent's business; the memory limit; warm the imports.

    started: a queue on which the worker names each file as it begins it, so that the
    parent's hard deadline counts from then, not from submission (which would charge a
    file with the start-up of its worker: many workers on few cores, a short time limit).
    memory: the worker's address-space limit (worker_memory_limit)."""
    global _STARTED
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (ignored from birth: see _sigint_held)
    _limit_memory(memory)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _warm_up()
    _STARTED = started


_STARTED: Any = None  # a pool worker's queue of files begun (see _worker_init)


def _work_in_pool(src: str, rel: str, settings: _Settings, member: MemberRef | None = None) -> dict[str, Any]:
    """_work, after saying on the pool's queue that this file is begun."""
    if _STARTED is not None:
        _STARTED.put(rel)
    return _work(src, rel, settings, member=member)


def _warm_up() -> None:
    """Do a worker's imports and first-use set-up before its first file: they must not count
    against the time limit, nor be interrupted by it (an import or logging's set-up stopped
    midway can leave a process-wide lock taken)."""
    with suppress(Exception):
        from .read import read_bytes
        from .readers.pdf import _quiet_pypdf

        _quiet_pypdf()
        read_bytes("关于印发实施方案的通知\n一、总体要求\n".encode())
        parse_bytes(_WARM_UP.encode(), "warm-up.txt")


#: How long a submitted file may wait for a worker to begin it (start-up and imports of a
#: new worker, on a loaded machine) before the pool is judged stuck.
START_LIMIT = 120.0


def _begun(started: Any, inflight: dict[Any, tuple[tuple[str, str], float, float | None]], hard: float) -> None:
    """Start the hard deadline of every file a worker said it has begun."""
    now = time.monotonic()
    names: set[str] = set()
    while not started.empty():  # (this process is the queue's only reader)
        names.add(started.get())
    if names:
        for fut, (task, sub, d) in inflight.items():
            if d is None and task[1] in names:
                inflight[fut] = (task, sub, now + hard)


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Meanwhile, Ctrl-C is ignored by the worker processes spawned (an ignored signal stays
    ignored across exec, so a Ctrl-C sent to the whole process group cannot reach one during
    its start-up, before _worker_init) and held back in this one: blocked, it stays pending
    (Linux keeps a blocked signal even while ignored) and arrives when the block ends.
    (Blocking alone was not enough: workers started under the block were still seen to
    take a group Ctrl-C during start-up; an ignored disposition survives exec.)  On macOS an
    ignored signal is dropped even while blocked, and another thread of this process may take
    a Ctrl-C sent meanwhile: then it is lost.  The pool uses this only while it may still
    start a worker, a few milliseconds a worker."""
    if (
        not hasattr(signal, "pthread_sigmask")
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is None  # (a handler set from C: leave it be)
    ):
        yield
        return
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    old_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


# --------------------------------------------------------------------------- manifest


def _repair_tail(path: Path) -> None:
    """Cut a half-written last line (a run killed mid-write) off a JSON-lines file."""
    try:
        f = open(path, "rb+")  # noqa: SIM115
    except FileNotFoundError:
        return
    with f:
        size = f.seek(0, os.SEEK_END)
        if size == 0:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        pos = size
        while pos > 0:
            start = max(0, pos - 65536)
            f.seek(start)
            i = f.read(pos - start).rfind(b"\n")
            if i >= 0:
                f.truncate(start + i + 1)
                return
            pos = start
        f.truncate(0)


def _entry_key(entry: dict[str, Any], out: Path) -> str | None:
    rel = entry.get("path")
    if isinstance(rel, str):
        return rel
    output = entry.get("output")  # a manifest written before batch.py: derive the key
    if isinstance(output, str) and output.endswith(".json"):
        rel = os.path.relpath(output, out)
        if not rel.startswith(".."):
            return Path(rel[: -len(".json")]).as_posix()
    return None


def read_manifest(out: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """The last manifest entry of every file in OUT, keyed by path relative to OUT's mirror."""
    out = Path(out)
    path = out / MANIFEST
    entries: dict[str, dict[str, Any]] = {}
    _repair_tail(path)
    try:
        # (bytes that are not UTF-8, from a damaged disk or a hand edit, make a line that is no
        # JSON: skipped like any other, never an error that stops every later run)
        f = open(path, encoding="utf-8", errors="surrogateescape")  # noqa: SIM115
    except FileNotFoundError:
        return entries
    with f:
        for line in f:
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if isinstance(e, dict):
                key = _entry_key(e, out)
                if key is not None:
                    entries[key] = e
    return entries


def _sha256_file(path: str) -> str | None:
    """The file's SHA-256, or None when it cannot be read or is no regular file (a named
    pipe would block the batch here)."""
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except (OSError, ValueError):  # (ValueError: a NUL in the path)
        return None
    return h.hexdigest()


_HEAD_VERSION = re.compile(r'"version"\s*:\s*"([^"]*)"')
_HEAD_SHA = re.compile(r'"sha256"\s*:\s*"([0-9a-f]{64})"')


def _output_whole(path: str, sha: str) -> bool:
    """True if the output JSON at path looks as this version wrote it for an input of this
    SHA-256: both named at its start (as _json_head reads them), and its end intact."""
    version, head_sha = _json_head(path)
    if version != __version__ or head_sha != sha:
        return False
    try:
        with open(path, "rb") as f:
            f.seek(-2, os.SEEK_END)
            return f.read() == b"}\n"
    except OSError:
        return False


def _count_documents(path: str) -> int | None:
    """How many documents an output JSON holds (None when it cannot be read): the manifest
    entry of an output found again without one (the manifest lost) says so, as others do."""
    try:
        with open(path, encoding="utf-8") as f:
            docs = json.load(f).get("documents")
    except (OSError, ValueError, AttributeError):
        return None
    return len(docs) if isinstance(docs, list) else None


def _json_head(path: str) -> tuple[str | None, str | None]:
    """(version, source.sha256) from the start of an output JSON (both come first)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(16384)
    except OSError:
        return None, None
    v, s = _HEAD_VERSION.search(head), _HEAD_SHA.search(head)
    return (v.group(1) if v else None), (s.group(1) if s else None)


# --------------------------------------------------------------------------- progress


class _Progress:
    """A one-line progress report on a terminal: files, rate, ETA.  Silent when disabled.

    Reporting never stops the batch: once the stream or the log cannot be written (a closed
    pipe: ``convert … 2>&1 | head -1``), this and the log fall silent; the work goes on.
    """

    def __init__(self, total: int, enabled: bool, stream: IO[str]) -> None:
        self.total, self.enabled, self.stream = total, enabled, stream
        self.t0 = self.last = time.monotonic()
        self.shown = False

    def update(self, done: int, processed: int, failed: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        elapsed = max(now - self.t0, 1e-9)
        rate = processed / elapsed
        left = self.total - done
        eta = _clock(left / rate) if rate > 0 and left else ("0:00:00" if not left else "?")
        pct = 100.0 * done / self.total if self.total else 100.0
        line = f"{done}/{self.total} files ({pct:.0f}%)  {rate:.1f} files/s  ETA {eta}"
        if failed:
            line += f"  {failed} failed"
        self._write("\r" + line + "\x1b[K")
        self.shown = self.enabled

    def message(self, log: Callable[[str], None] | None, text: str) -> None:
        if self.shown:
            self._write("\r\x1b[K")
            self.shown = False
        if log is not None and not self.mute:
            try:
                log(text)
            except (OSError, ValueError):  # (ValueError: a closed file)
                self.mute = True

    def close(self) -> None:
        if self.shown:
            self._write("\n")
            self.shown = False

    mute = False  # the log failed: say nothing more

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


# --------------------------------------------------------------------------- the batch


@dataclass
class BatchSummary:
    """The outcome of :func:`convert`.  ``converted + skipped + failed == total``."""

    out: Path
    total: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    #: Of ``failed``: known failures of unchanged inputs, not retried.
    failed_unchanged: int = 0
    seconds: float = 0.0
    #: Manifest entries of the files that failed, in completion order.
    failures: list[dict[str, Any]] = field(default_factory=list)
    #: Table files written (``tables=True``), by table name.
    tables: dict[str, list[str]] = field(default_factory=dict)
    #: Results OUT holds of files this run did not reach (inputs deleted or renamed since,
    #: or outside this run's inputs), left in place: without ``prune``, or when pruning was
    #: refused (``prune_refused``).
    orphaned: int = 0
    #: Files whose results (manifest entry, output JSON, documents.jsonl lines) were removed
    #: (``prune=True``); an output that is no output of ours, or is one of this run's reached
    #: by another path, stays.
    pruned: int = 0
    #: Why ``prune=True`` removed nothing (an input missing or empty, a folder or link out of reach).
    prune_refused: str | None = None
    #: The tables were rewritten without ``tables=True``: OUT held tables from an earlier
    #: run, and this run changed its results (stale tables would disagree with the outputs);
    #: they hold every result OUT holds, not only this run's.
    tables_refreshed: bool = False

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        failed = f"failed {self.failed}"
        if self.failed_unchanged:
            failed += f" ({self.failed_unchanged} unchanged since the last run)"
        rate = self.converted / self.seconds if self.seconds > 0 else 0.0
        line = f"converted {self.converted}, skipped {self.skipped}, {failed} in {self.seconds:.1f} s ({rate:.1f} files/s) → {self.out}"
        if self.pruned:
            line += f"; pruned {_files(self.pruned)} not in this run"
        if self.tables_refreshed:
            line += f"; {TABLES_DIR}/ rewritten to match"
        if self.orphaned:
            kept = f"; kept the results of {_files(self.orphaned)} not in this run"
            line += f"{kept} (not pruned: {self.prune_refused})" if self.prune_refused else f"{kept} (--prune removes them)"
        return line


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


class _Batch:
    def __init__(
        self,
        out: Path,
        settings: _Settings,
        *,
        force: bool,
        progress: _Progress,
        log: Callable[[str], None] | None,
    ) -> None:
        self.out = out
        self.settings = settings
        self.force = force
        self.progress = progress
        self.log = log
        self.summary = BatchSummary(out=out)
        self.entries = read_manifest(out)
        self.unkeyed: list[dict[str, Any]] = []  # failures with no output of their own (path None)
        self.seen: dict[str, str] = {}  # rel -> the input it was given for
        self.members: dict[str, MemberRef] = {}  # rel -> the archive member it names
        self.rels: list[str] = []
        self.pending: deque[tuple[str, str]] = deque()
        self.processed = 0
        self.jsonl_path = out / DOCUMENTS_JSONL
        self.jsonl: IO[str] | None = None
        # whether OUT held documents.jsonl before this run (opening it to append creates it)
        self.jsonl_existed = self.jsonl_path.exists()
        # whether documents.jsonl holds results of ours (a file's entry says jsonl, or its
        # first line is a record as we write them: a switch to json may have been interrupted)
        self.jsonl_owned = self.jsonl_existed and (
            any(e.get("format") == "jsonl" for e in self.entries.values()) or _our_records(self.jsonl_path)
        )
        if settings.fmt == "jsonl":
            _repair_tail(self.jsonl_path)
            self.jsonl = open(self.jsonl_path, "a", encoding="utf-8")  # noqa: SIM115
        self.manifest: IO[str] = open(out / MANIFEST, "a", encoding="utf-8")  # noqa: SIM115

    def close(self) -> None:
        self.manifest.close()
        if self.jsonl is not None:
            self.jsonl.close()
        close_cache()  # (the archive last hashed or read here)

    # -- bookkeeping -------------------------------------------------------------

    def _append(self, entry: dict[str, Any]) -> None:
        self.manifest.write(_json_line(entry) + "\n")
        self.manifest.flush()

    def _tick(self) -> None:
        s = self.summary
        self.progress.update(s.converted + s.skipped + s.failed, self.processed, s.failed)

    def _fail_logged(self, entry: dict[str, Any]) -> None:
        self.summary.failed += 1
        self.summary.failures.append(entry)
        self.progress.message(self.log, entry.get("message") or f"{entry['input']}: {entry['error']}")

    def record(self, res: dict[str, Any]) -> None:
        """A file finished (in a worker or here): write its output if needed, then its manifest line."""
        rel = res["path"]
        if res["status"] == "ok" and "json" in res:  # from a Dask worker: written here
            text = res.pop("json")
            try:
                write_atomic(Path(res["output"]), text)
            except OSError as exc:
                _write_failed(res, res['output'], exc)
        if res["status"] == "ok" and "lines" in res:
            lines = res.pop("lines")
            if lines:
                try:
                    self._append_lines(lines)
                except OSError as exc:  # (disk full): this file failed, not the batch
                    _write_failed(res, self.jsonl_path, exc)
        if res["status"] != "ok" and self.settings.fmt == "json":
            with suppress(OSError, ValueError):  # OUT must not keep a stale result of a file that now fails
                os.unlink(_target(self.settings.out, rel))
        prev = self.entries.get(rel)
        if prev is not None and prev.get("status") == "ok" and prev.get("format", "json") != self.settings.fmt:
            self._drop_other_format(rel, prev)
        entry = {k: res.get(k) for k in _FIELDS}
        self._append(entry)
        self.entries[rel] = entry
        self.processed += 1
        if entry["status"] == "ok":
            self.summary.converted += 1
        else:
            self._fail_logged(entry)
        self._tick()

    def _drop_other_format(self, rel: str, prev: dict[str, Any]) -> None:
        """The format changed since this file's last result (``--format json`` then ``jsonl``,
        or back): remove the result in the old format, so that OUT holds one result per file.
        An output JSON goes now (when it is ours: it starts as an output does), with the
        folders it leaves empty; documents.jsonl lines go at :meth:`compact` (which drops the
        lines of every file whose entry is not jsonl, so an interrupted switch is finished by
        the next run)."""
        if prev.get("format", "json") != "jsonl":
            self._remove_output(_target(self.settings.out, rel))

    def _remove_output(self, target: str, wanted: set[tuple[int, int]] | None = None) -> None:
        """Delete an output JSON of ours inside OUT (never a file of the user's, nor one whose
        (device, inode) is in ``wanted``), then the folders it leaves empty."""
        out = os.path.realpath(self.out)
        real = os.path.realpath(target)
        if not _inside(real, out) or real == out or _json_head(target)[1] is None:
            return
        with suppress(OSError):
            if wanted is not None:
                st = os.stat(target)
                if (st.st_dev, st.st_ino) in wanted:
                    return
            os.unlink(target)
            folder = os.path.dirname(real)
            while folder != out and _inside(folder, out):
                os.rmdir(folder)  # (OSError when not empty: the climb ends)
                folder = os.path.dirname(folder)

    def _append_lines(self, lines: list[str]) -> None:
        """Append a file's lines to documents.jsonl whole, or not at all (cut back on failure).
        Raises OSError when they cannot be written (the file is then closed, and reopened for
        the next file)."""
        if self.jsonl is None or self.jsonl.closed:
            self.jsonl = open(self.jsonl_path, "a", encoding="utf-8")  # noqa: SIM115
        f = self.jsonl
        at = f.tell()
        try:
            f.write("".join(line + "\n" for line in lines))
            f.flush()
        except OSError:
            with suppress(OSError, ValueError):
                f.close()
            with suppress(OSError):
                os.truncate(self.jsonl_path, at)
            raise

    # -- deciding what to do -------------------------------------------------------

    def add(self, src: str, rel: str) -> None:
        if rel in self.seen and _same_file(self.seen[rel], src):
            return  # one file reached twice (`in in/x.txt`, `find . | … --files-from -`): once
        if rel not in self.seen and is_archive_name(rel):
            self._add_archive(src, rel)
        elif self._claim(src, rel):
            self.pending.append((src, rel))

    def _claim(self, src: str, rel: str) -> bool:
        """Count an input and take its output for it: False (a recorded conflict) when another
        input has it already."""
        self.summary.total += 1
        if rel in self.seen:
            entry = _result(
                src,
                None,
                self.settings,
                error=CONFLICT,
                message=f"{printable(src)}: maps to the same output as another input ({rel}); not converted",
            )
            self.unkeyed.append(entry)
            self._append(entry)
            self._fail_logged(entry)
            return False
        self.seen[rel] = src
        self.rels.append(rel)
        return True

    def _add_archive(self, src: str, rel: str) -> None:
        """An archive (``rel`` ends in .zip): each member with a suffix convert walks is an
        input of its own, ``src!/member`` mirrored at ``rel/member``; the archive has a
        manifest entry of its own (at ``rel``) only when it fails whole: it cannot be opened
        (``corrupt``, ``archive-limit``…) or holds no member to read (``empty``).  A
        document package named .zip (a .docx…) is converted as one file."""
        self._claim(src, rel)
        if self._unchanged(src, rel):  # a known failure of this archive (or a package done)
            self._tick()
            return
        try:
            listing = list_archive(src, suffixes=INPUT_SUFFIXES)
        except PolicyParseError as exc:
            self.record(
                _result(src, rel, self.settings, error=exc.kind, message=_message(printable(src), exc),
                        sha256=_sha256_file(src))
            )
            return
        if listing.package:
            self.pending.append((src, rel))
            return
        if not listing.members and not listing.nested:
            empty = nothing_to_read(listing)
            self.record(
                _result(src, rel, self.settings, error=empty.kind, message=_message(printable(src), empty),
                        sha256=_sha256_file(src))
            )
            return
        self.summary.total -= 1  # (its members are counted instead)
        prev = self.entries.pop(rel, None)  # a failure of an earlier run, or a package's result
        if prev is not None and prev.get("status") == "ok" and prev.get("format", "json") == "json":
            self._remove_output(_target(self.settings.out, rel))
        for m in listing.members:
            msrc, mrel = f"{src}{MEMBER_SEP}{m.path}", f"{rel}/{m.path}"
            if self._claim(msrc, mrel):
                self.members[mrel] = m.ref
                self.pending.append((msrc, mrel))
        for m in listing.nested:
            msrc, mrel = f"{src}{MEMBER_SEP}{m.path}", f"{rel}/{m.path}"
            if self._claim(msrc, mrel):
                err = refuse_nested(m.path)
                self.record(_result(msrc, mrel, self.settings, error=err.kind, message=_message(printable(msrc), err)))

    def add_unlisted(self, folder: str, exc: OSError) -> None:
        """A folder that could not be listed, or a link that could not be followed: its files
        are unknown, so it is a failure itself."""
        self.summary.total += 1
        shown = printable(folder)
        why = exc.strerror or exc
        if isinstance(exc, UnfollowedLink):
            message = f"{shown}: a link that cannot be followed ({why}); what it leads to was not converted"
        else:
            message = f"{shown}: cannot list the folder ({why}); its files were not converted"
        entry = _result(folder, None, self.settings, error=InputNotFound.kind, message=message)
        self.unkeyed.append(entry)
        self._append(entry)
        self._fail_logged(entry)

    def _unchanged(self, src: str, rel: str) -> bool:
        """True when OUT already holds this file's result (or its known failure): skip it."""
        if self.force:
            return False
        fmt = self.settings.fmt
        entry = self.entries.get(rel)
        if entry is not None and entry.get("version") == __version__ and entry.get("sha256"):
            status, error = entry.get("status"), entry.get("error")
            if status == "ok" and entry.get("format", "json") != fmt:
                return False
            if (
                status == "ok"
                and fmt == "json"
                and not _output_whole(_target(self.settings.out, rel), entry["sha256"])
            ):
                return False  # lost, or damaged (truncated, overwritten) since
            if status == "ok" and fmt == "jsonl" and not self.jsonl_existed:
                return False  # (its lines went with the file)
            if status not in ("ok", "failed") or (status == "failed" and error in RETRY_KINDS):
                return False
            if self._sha256(src, rel) != entry["sha256"]:
                return False
            if status == "ok":
                self.summary.skipped += 1
            else:
                self.summary.failed_unchanged += 1
                msg = entry.get("message") or f"{printable(src)}: {error}"
                self._fail_logged({**entry, "message": f"{msg} (unchanged since the last run)"})
            return True
        if entry is None and fmt == "json":  # an output without a manifest line (manifest deleted)
            target = _target(self.settings.out, rel)
            if os.path.exists(target):
                version, sha = _json_head(target)
                if version == __version__ and sha and sha == self._sha256(src, rel) and _output_whole(target, sha):
                    e = _result(src, rel, self.settings, status="ok", output=target, sha256=sha,
                                documents=_count_documents(target))
                    self._append(e)
                    self.entries[rel] = e
                    self.summary.skipped += 1
                    return True
        return False

    def _sha256(self, src: str, rel: str) -> str | None:
        """The SHA-256 of an input's bytes (a member's unpacked), None when it cannot be read."""
        ref = self.members.get(rel)
        return member_sha256(ref) if ref is not None else _sha256_file(src)

    def next_task(self) -> tuple[str, str] | None:
        while self.pending:
            src, rel = self.pending.popleft()
            if self._unchanged(src, rel):
                self._tick()
                continue
            return src, rel
        return None

    # -- running ---------------------------------------------------------------------

    def run_here(self) -> None:
        while (task := self.next_task()) is not None:
            self.record(_work(task[0], task[1], self.settings, member=self.members.get(task[1])))

    def run_pool(self, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        ctx = multiprocessing.get_context("spawn")
        timeout = self.settings.timeout
        # The worker's alarm enforces the limit; this hard deadline catches code the alarm
        # cannot interrupt.  It counts from when the worker begins the file (it says so on
        # `started`); a file no worker has begun within START_LIMIT of its submission (a
        # worker that cannot start) is given up as well.
        hard = timeout + 5.0 + timeout / 4 if timeout else None
        ex: ProcessPoolExecutor | None = None
        started: Any = None  # the pool's queue of files begun
        # future -> (task, submitted at, hard deadline once begun)
        inflight: dict[Future[dict[str, Any]], tuple[tuple[str, str], float, float | None]] = {}
        retry: deque[tuple[str, str]] = deque()  # innocent victims of a pool recycle
        suspects: deque[tuple[str, str]] = (
            deque()
        )  # in flight when a worker died: run one at a time
        isolating = False  # a suspect is running alone
        try:
            while True:
                while len(inflight) < jobs and not isolating:
                    if suspects:
                        if inflight:
                            break
                        task: tuple[str, str] | None = suspects.popleft()
                        isolating = True
                    else:
                        task = retry.popleft() if retry else self.next_task()
                    if task is None:
                        break
                    spawning = ex is None or len(getattr(ex, "_processes", None) or ()) < jobs
                    with _sigint_held() if spawning else nullcontext():  # (see _sigint_held)
                        if ex is None:
                            started = ctx.SimpleQueue() if hard else None
                            ex = ProcessPoolExecutor(
                                max_workers=jobs,
                                mp_context=ctx,
                                initializer=_worker_init,
                                initargs=(os.getpid(), started, worker_memory_limit(jobs)),
                            )
                        fut = ex.submit(_work_in_pool, task[0], task[1], self.settings, self.members.get(task[1]))
                    inflight[fut] = (task, time.monotonic(), None)
                if not inflight:
                    break
                done, _ = wait(list(inflight), timeout=0.2, return_when=FIRST_COMPLETED)
                if started is not None and hard:
                    _begun(started, inflight, hard)
                broken: list[tuple[str, str]] = []
                for fut in done:
                    task, _t, _deadline = inflight.pop(fut)
                    try:
                        res = fut.result()
                    except BrokenProcessPool:
                        broken.append(task)
                    except (
                        Exception
                    ) as exc:  # pickling trouble and the like: still never lose the file
                        self.record(
                            _result(
                                task[0],
                                task[1],
                                self.settings,
                                error=INTERNAL,
                                message=f"{task[0]}: internal error: {type(exc).__name__}: {exc}",
                            )
                        )
                    else:
                        self.record(res)
                now = time.monotonic()
                expired = [
                    f
                    for f, (_t, sub, d) in inflight.items()
                    if d is not None and now > d or d is None and hard and now > sub + START_LIMIT + hard
                ]
                if broken:
                    victims = broken + [t for t, _s, _d in inflight.values()]
                    inflight.clear()
                    if len(victims) == 1:  # alone in the pool: it killed the worker
                        src, rel = victims[0]
                        self.record(
                            _result(
                                src,
                                rel,
                                self.settings,
                                error=CRASHED,
                                message=f"{printable(src)}: the worker process died while converting it (crash or out of memory)",
                            )
                        )
                    else:
                        suspects.extend(victims)
                    self._kill_pool(ex)
                    ex = None
                elif expired:
                    for f in expired:
                        (src, rel), sub, d = inflight.pop(f)
                        began = d - hard if d is not None and hard else None
                        self.record(
                            _result(
                                src,
                                rel,
                                self.settings,
                                error=TIMEOUT,
                                message=f"{printable(src)}: took longer than the per-file time limit of {timeout:g} s (worker killed)"
                                if began is not None
                                else f"{printable(src)}: no worker began it within {START_LIMIT + (hard or 0):g} s (workers killed)",
                                seconds=round(now - (began if began is not None else sub), 4),
                            )
                        )
                    retry.extendleft(reversed([t for t, _s, _d in inflight.values()]))
                    inflight.clear()
                    self._kill_pool(ex)
                    ex = None
                if not inflight:
                    isolating = False
                self._tick()
        except BaseException:
            if ex is not None:
                self._kill_pool(ex)
                ex = None
            raise
        finally:
            if ex is not None:
                ex.shutdown(wait=True)

    @staticmethod
    def _kill_pool(ex: Any) -> None:  # (its `started` queue goes with it: a new pool, a new one)
        procs = list((getattr(ex, "_processes", None) or {}).values())
        for p in procs:
            with suppress(Exception):
                p.kill()
        with suppress(Exception):
            ex.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            with suppress(Exception):
                p.join(5)

    def run_dask(self, client: Any) -> None:
        from distributed import wait as dask_wait

        timeout = self.settings.timeout
        # Dask runs tasks in threads: the worker stops a task at the limit itself
        # (_thread_time_limit) and reports the timeout.  A task stuck in one long call
        # into C cannot be stopped there: well past the limit (twice it, and 10 s, after
        # submission) it is recorded as a timeout here and its future released (the
        # thread finishes it in the background).
        from ._dask import WARM_UP_PLUGIN, WarmUp

        # every worker, now and joining later, before its first file (see _warm_up)
        client.register_plugin(WarmUp(), name=WARM_UP_PLUGIN)
        nthreads = sum(client.nthreads().values()) or 1
        limit = 2 * nthreads
        inflight: dict[Any, tuple[tuple[str, str], float | None]] = {}
        while True:
            while len(inflight) < limit:
                task = self.next_task()
                if task is None:
                    break
                src, rel = task
                try:
                    data = _read_input(src, self.members.get(rel))
                except PolicyParseError as exc:
                    self.record(_result(src, rel, self.settings, error=exc.kind, message=_message(printable(src), exc)))
                    continue
                fut = client.submit(_work, src, rel, self.settings, data, pure=False)
                # (from submission: the task may first wait for one ahead of it on its
                # thread, itself stopped at the limit)
                inflight[fut] = (task, time.monotonic() + 2 * timeout + 10.0 if timeout else None)
            if not inflight:
                break
            try:
                done = dask_wait(list(inflight), timeout=0.2, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = set()
            for fut in done:
                (src, rel), _d = inflight.pop(fut)
                try:
                    res = fut.result()
                except Exception as exc:  # KilledWorker, lost data, …
                    res = _result(
                        src,
                        rel,
                        self.settings,
                        error=CRASHED,
                        message=f"{printable(src)}: the Dask task failed: {type(exc).__name__}: {exc}",
                    )
                self.record(res)
            now = time.monotonic()
            for fut in [f for f, (_t, d) in inflight.items() if d is not None and now > d]:
                (src, rel), _d = inflight.pop(fut)
                fut.cancel()
                self.record(
                    _result(
                        src,
                        rel,
                        self.settings,
                        error=TIMEOUT,
                        message=f"{printable(src)}: took longer than the per-file time limit of {timeout:g} s",
                    )
                )
            self._tick()

    # -- results of files this run did not reach -----------------------------------

    def orphans(self) -> list[str]:
        """The files OUT holds a result of (a manifest entry) that this run did not reach."""
        return sorted(rel for rel in self.entries if rel not in self.seen)

    def prune(self, rels: list[str]) -> None:
        """Remove what OUT holds of these files: the output JSON (and the folders it leaves
        empty) now, the manifest entry and the documents.jsonl lines at :meth:`compact`.

        Only a file OUT's own mirror names, inside OUT, that starts as an output does
        (version and sha256 first) is deleted: never a file of the user's."""
        wanted: set[tuple[int, int]] | None = None  # (device, inode) of this run's outputs
        for rel in rels:
            entry = self.entries.pop(rel)
            self.summary.pruned += 1
            if entry.get("format", "json") == "jsonl":
                continue  # (its lines go at compact)
            if wanted is None:
                wanted = self._outputs()
            # (wanted: another path to an output of this run — a folder link in OUT, a file
            # system that folds case: Notice.TXT renamed notice.txt — stays)
            self._remove_output(_target(str(self.out), rel), wanted)

    def _outputs(self) -> set[tuple[int, int]]:
        """(device, inode) of the output JSON of every file this run reached."""
        found = set()
        for rel in self.seen:
            with suppress(OSError, ValueError):
                st = os.stat(_target(self.settings.out, rel))
                found.add((st.st_dev, st.st_ino))
        return found

    # -- the end ---------------------------------------------------------------------

    def compact(self) -> None:
        """Rewrite the manifest as one line per file (sorted); drop stale JSON-lines records."""
        if self.jsonl is not None:
            self.jsonl.close()
            self.jsonl = None
            _compact_jsonl(self.jsonl_path, self.entries)
        elif self.jsonl_owned and self.jsonl_path.exists():
            # a json run over an OUT that holds JSON-lines results: the lines of files now in
            # JSON (switched in this run or in an interrupted one) or pruned go
            _compact_jsonl(self.jsonl_path, self.entries)
        self.manifest.close()
        lines = [_json_line(self.entries[k]) for k in sorted(self.entries)]
        lines += [_json_line(e) for e in self.unkeyed]
        write_atomic(self.out / MANIFEST, "".join(line + "\n" for line in lines))


def _json_line(entry: dict[str, Any]) -> str:
    """A manifest line: JSON as UTF-8 text, or with \\u escapes where a string holds a lone
    surrogate (which UTF-8 cannot carry; only a custom parse's message can bring one)."""
    line = json.dumps(entry, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(entry)
    return line


def _filter_lines(path: Path, keep: Callable[[int, str], bool], tag: str) -> None:
    """Rewrite a text file with the lines (number, line) keep accepts, through a temporary
    file and a rename: never half-written."""
    tmp = path.with_name(f".{path.name}.pp-{tag}.tmp")
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as src, open(
            tmp, "w", encoding="utf-8", errors="surrogateescape"
        ) as dst:
            dst.writelines(line for n, line in enumerate(src) if keep(n, line))
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def _our_records(path: Path) -> bool:
    """Whether a JSON-lines file starts with a document record as convert writes it."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            rec = json.loads(f.readline() or "null")
    except (OSError, ValueError):
        return False
    return isinstance(rec, dict) and "file_id" in rec and "doc_index" in rec


def _compact_jsonl(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Keep, per file, the last complete block of lines matching its manifest entry."""
    if not path.exists():
        return

    def wanted(rel: Any) -> dict[str, Any] | None:
        e = entries.get(rel) if isinstance(rel, str) else None
        return e if e and e.get("status") == "ok" and e.get("format") == "jsonl" else None

    best: dict[str, tuple[int, int]] = {}  # rel -> (first line number, count)
    cur: list[Any] = [None, 0, 0, None]  # rel, first line, count, sha

    def close_block() -> None:
        rel, first, count, sha = cur
        e = wanted(rel)
        if e is not None and count == e.get("documents") and sha == e.get("sha256"):
            best[rel] = (first, count)

    with open(path, encoding="utf-8", errors="surrogateescape") as f:  # (as read_manifest)
        for n, line in enumerate(f):
            try:
                rec = json.loads(line)
                rel, i, sha = (
                    rec["file_id"],
                    rec["doc_index"],
                    (rec.get("source") or {}).get("sha256"),
                )
            except (ValueError, KeyError, TypeError, AttributeError):
                close_block()
                cur[:] = [None, n + 1, 0, None]
                continue
            if rel == cur[0] and i == cur[2] and sha == cur[3]:
                cur[2] += 1
                continue
            close_block()
            cur[:] = [rel, n, 1, sha] if i == 0 else [None, n + 1, 0, None]
        close_block()
    blocks = sorted(best.values())  # (first line, count), in order
    k = 0

    def kept(n: int, _line: str) -> bool:
        nonlocal k
        while k < len(blocks) and n >= blocks[k][0] + blocks[k][1]:
            k += 1
        return k < len(blocks) and blocks[k][0] <= n

    _filter_lines(path, kept, "compact")


def convert(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    fmt: str = "json",
    tables: bool = False,
    parquet: bool | None = None,
    force: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    pretty: bool = False,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    client: Any = None,
    parse: ParseFn | None = None,
    listed: Iterable[str] = (),
    prune: bool = False,
) -> BatchSummary:
    """Convert every supported file under ``inputs`` into ``out``; see the module docstring.

    listed: more paths, each mirrored in OUT at its own path (:func:`iter_listed`; the
    CLI's ``--files-from``) rather than relative to the folder given.

    jobs: worker processes (default: the cores available; 0 = in this process).
    fmt: ``"json"`` (``OUT/<rel>.json`` per input) or ``"jsonl"`` (``OUT/documents.jsonl``).
    tables: also write ``OUT/tables/<name>.csv`` (and ``.parquet`` when ``parquet`` is
    true, or None and pyarrow is importable).
    force: redo every file, even unchanged ones.
    prune: remove the results OUT holds of files this run did not reach (inputs deleted or
    renamed since, or not among this run's inputs), so that OUT holds this run's files
    alone.  Refused (``summary.prune_refused`` says why; nothing removed) when an input
    given does not exist or is a folder holding no file, or a folder could not be listed
    or a link followed: an unmounted disk must not empty OUT.  An output this run wrote is
    never removed, by whatever path a stale entry names it.  Without ``prune`` such
    results stay and are counted (``summary.orphaned``).
    timeout: per-file time limit in seconds (None or 0: none).
    progress: a progress line on stderr (None: only when stderr is a terminal).
    log: called with one line per failed file (e.g. ``print`` to stderr).
    client: a ``dask.distributed.Client``: run the files on its cluster (the inputs are
    read here and sent as bytes; the outputs are written here).
    parse: ``(bytes, path) -> ParsedFile`` instead of :func:`parse_bytes` (must be
    picklable: a module-level function).

    Raises ValueError for a bad argument and OSError when OUT cannot be created;
    every per-file problem is recorded instead.  Ctrl-C propagates as
    KeyboardInterrupt after the workers are stopped; the manifest then holds every
    file finished so far, and the same call resumes.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if jobs is None:
        jobs = default_jobs()
    if jobs < 0:
        raise ValueError(f"jobs must be >= 0, not {jobs}")
    if timeout is not None and not 0 <= timeout <= MAX_TIMEOUT:
        raise ValueError(f"timeout must be between 0 (none) and {MAX_TIMEOUT:g} s, not {timeout}")
    if not str(out).strip():
        raise ValueError("the output folder is an empty name")
    inputs = list(inputs)
    listed = list(listed)
    for p in inputs:
        if os.path.isdir(p) and os.path.realpath(p) == os.path.realpath(out):
            raise ValueError(f"{printable(str(p))} is the output folder itself: nothing in it would be converted")
    t0 = time.perf_counter()
    out_path = Path(out)
    out_path.mkdir(parents=True, exist_ok=True)
    settings = _Settings(
        out=str(out_path),
        fmt=fmt,
        pretty=pretty,
        timeout=timeout or None,
        parse=parse,
        write=client is None,
    )
    mark, stale = _claim(out_path / RUNNING)
    finished = False
    try:
        if stale:  # the last run was killed: its workers may have left temporary files
            _sweep_temporaries(out_path)
        batch = _run_batch(inputs, listed, out_path, settings, jobs, force, progress, log, client, prune)
        finished = True
    finally:
        mark.release(finished=finished)
    summary = batch.summary
    folder = out_path / TABLES_DIR
    if tables:
        from .tables import write_tables

        summary.tables = write_tables(
            out_path, _table_source(out_path, batch.rels, batch.entries, fmt), parquet=parquet
        )
    elif _changed(summary) and (folder / "documents.csv").exists():
        # OUT has tables from an earlier run: rewritten from every result OUT holds (not only
        # this run's: a run over a few changed files must not shrink them), as CSV and, when
        # they had it, Parquet
        from .tables import write_tables

        summary.tables = write_tables(
            out_path,
            _table_source(out_path, sorted(batch.entries), batch.entries),
            parquet=None if (folder / "documents.parquet").exists() else False,
        )
        summary.tables_refreshed = True
    summary.seconds = time.perf_counter() - t0
    return summary


def _changed(summary: BatchSummary) -> bool:
    """Whether a run changed the results OUT holds (a file converted, pruned, or newly failed)."""
    return bool(summary.converted or summary.pruned or summary.failed > summary.failed_unchanged)


def _run_batch(
    inputs: list[Any],
    listed: list[str],
    out_path: Path,
    settings: _Settings,
    jobs: int,
    force: bool,
    progress: bool | None,
    log: Callable[[str], None] | None,
    client: Any,
    prune: bool,
) -> _Batch:
    """The walk and the work of convert, while it holds OUT."""
    unlisted: list[tuple[str, OSError]] = []

    def unlisted_folder(folder: str, exc: OSError) -> None:
        unlisted.append((folder, exc))

    tasks: list[tuple[str, str]] = []
    empty: list[str] = []  # the folders given that hold no file to read (an empty mount point?)
    for p in inputs:
        before = len(tasks)
        tasks += iter_inputs([p], exclude=out_path, on_error=unlisted_folder)
        if len(tasks) == before and os.path.isdir(p):
            empty.append(os.fspath(p))
    for path in listed:
        before = len(tasks)
        tasks += iter_listed([path], exclude=out_path, on_error=unlisted_folder)
        if len(tasks) == before and os.path.isdir(path):
            empty.append(path)
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(len(tasks) + len(unlisted), bool(show), sys.stderr)
    batch = _Batch(out_path, settings, force=force, progress=bar, log=log)
    try:
        for folder, exc in unlisted:
            batch.add_unlisted(folder, exc)
        for src, rel in tasks:
            batch.add(src, rel)
        bar.total = batch.summary.total  # (a file reached twice counts once)
        if client is not None:
            batch.run_dask(client)
        elif jobs == 0:
            batch.run_here()
        else:
            batch.run_pool(min(jobs, max(1, len(batch.pending))))
        bar.update(batch.summary.total, batch.processed, batch.summary.failed, force=True)
        orphans = batch.orphans()
        if orphans:
            refused = _prune_refused(inputs, listed, unlisted, empty, batch, orphans) if prune else None
            if prune and refused is None:
                batch.prune(orphans)
            else:
                batch.summary.orphaned = len(orphans)
                batch.summary.prune_refused = refused
        batch.compact()
    finally:
        bar.close()
        batch.close()
    return batch


def _prune_refused(
    inputs: list[Any], listed: list[str], unlisted: list[Any], empty: list[str], batch: _Batch, orphans: list[str]
) -> str | None:
    """Why the results of the files this run did not reach must stay, or None: they may be
    missing only from this run's view (a disk not mounted, a folder or a link out of reach)."""
    if unlisted:
        folder, exc = unlisted[0]
        what = "could not be followed" if isinstance(exc, UnfollowedLink) else "could not be listed"
        return f"{printable(folder)} {what}"
    for p in (*inputs, *listed):
        if not os.path.exists(p):
            return f"{printable(os.fspath(p))} does not exist"
    if empty:
        return f"{printable(empty[0])} holds no file to read"
    for rel in orphans:  # an empty folder where a file was: a disk not mounted on a subfolder
        folder = _empty_folder_above(str(batch.entries[rel].get("input") or ""))
        if folder is not None:
            return f"{printable(folder)} is empty (a disk not mounted?)"
    return None


def _empty_folder_above(path: str) -> str | None:
    """The nearest folder above path that exists, when it is empty (None otherwise): where a
    file of the last run was, an empty folder is what an unmounted disk leaves (a user who
    deletes files leaves others beside them, or no folder)."""
    folder = os.path.dirname(path)
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    if not folder:
        return None
    try:
        with os.scandir(folder) as it:
            return folder if next(it, None) is None else None
    except OSError:
        return None


class OutputInUse(OSError):
    """Another convert is writing to the same output folder right now."""


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # (os.kill(pid, 0) sends CTRL_C_EVENT there): assume alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


class _Mark:
    """This process's claim on OUT: the mark file ``pid host`` and, where the platform has
    flock, an exclusive lock on it held while the batch runs."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path, self.fd = path, fd

    def release(self, *, finished: bool) -> None:
        """Finished: remove the mark.  Otherwise (interrupted, failed) leave it, so that the
        next run knows to sweep this one's temporary files; the lock goes either way."""
        if finished:
            with suppress(FileNotFoundError):
                self.path.unlink()
        if self.fd is not None:
            os.close(self.fd)  # (releases the lock)
            self.fd = None


def _claim(running: Path) -> tuple[_Mark, bool]:
    """Mark OUT as being written by this process; also True if a killed run's mark was found.

    With flock (POSIX): the mark is locked for the batch's lifetime, so a live convert is
    known by its lock, never by a pid that may since belong to another process, and two
    converts starting together cannot both take over a dead one's mark (unlink-and-create
    could let both through).  A mark naming another host cannot be checked (locks may not
    cross a network file system): the message says how to clear it.  Without flock, the
    mark is created exclusively and a dead pid's mark on this host is taken over.
    """
    try:
        import fcntl
    except ImportError:
        return _Mark(running, None), _claim_by_pid(running)
    for _ in range(5):
        fd = os.open(running, os.O_RDWR | os.O_CREAT, 0o644)
        try:  # (the fd, and with it the lock, is closed on every way out but success)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # held: another convert runs
                raise _in_use(running, _mark_owner(os.read(fd, 256))[0]) from None
            except OSError:  # no flock on this file system (ENOLCK, EOPNOTSUPP): claim by pid
                os.close(fd)
                return _Mark(running, None), _claim_by_pid(running)
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(running))
            except FileNotFoundError:
                same = False
            if not same:  # the mark was removed (its run finished) while we waited: open the new one
                os.close(fd)
                continue
            content = os.read(fd, 256)
            pid, host = _mark_owner(content)
            if host and host != socket.gethostname():
                raise _in_use(running, pid, host)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        except BaseException:
            with suppress(OSError):
                os.close(fd)
            raise
        return _Mark(running, fd), bool(content.strip())
    raise OutputInUse(f"{running.parent}: could not take the output folder ({running} keeps changing)")


def _in_use(running: Path, pid: int, host: str | None = None) -> OutputInUse:
    """OUT is held by another convert: on this host, or on another (which cannot be checked)."""
    if host:
        return OutputInUse(
            f"{running.parent}: a convert on host {host} (pid {pid}) is writing here; "
            f"if it is no longer running, delete {running}"
        )
    return OutputInUse(
        f"{running.parent}: another convert (pid {pid}) is writing here; if none is running, delete {running}"
    )


def _mark_owner(content: bytes) -> tuple[int, str]:
    """(pid, host) from a mark's text; (-1, "") when it is unreadable or old-style."""
    pid_s, _, host = content.decode("utf-8", "replace").strip().partition(" ")
    try:
        return int(pid_s), host
    except ValueError:
        return -1, ""


def _claim_by_pid(running: Path) -> bool:
    """_claim where there is no flock: the mark is created exclusively; a dead pid's mark on
    this host is taken over.  True if a killed run's mark was found."""
    me = f"{os.getpid()} {socket.gethostname()}\n"
    stale = False
    for _ in range(2):
        try:
            fd = os.open(running, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                pid, host = _mark_owner(running.read_bytes())
            except OSError:
                pid, host = -1, ""
            if host and host != socket.gethostname():
                raise _in_use(running, pid, host) from None
            if pid > 0 and pid != os.getpid() and _alive(pid):
                raise _in_use(running, pid) from None
            with suppress(FileNotFoundError):
                running.unlink()
            stale = True
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(me)
        return stale
    raise OutputInUse(f"{running.parent}: could not take the output folder ({running} keeps coming back)")


def _sweep_temporaries(out: Path) -> None:
    """Remove the ``.NAME.pp-XXXXXXXX.tmp`` files write_atomic leaves when its process is
    killed — only those: OUT may hold the user's own files (an input folder inside it)."""
    for dirpath, _dirnames, filenames in os.walk(out):
        for name in filenames:
            if is_temporary(name):
                with suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))


def _table_source(
    out: Path, rels: list[str], entries: dict[str, dict[str, Any]], fmt: str | None = None
) -> Iterator[dict[str, Any]]:
    """The documents of these files' results, as JSON-lines records (see _jsonl_lines): each
    file converted (its manifest entry ok) in ``fmt``, or in either format when fmt is None."""
    ok = {
        r
        for r in rels
        if (e := entries.get(r)) and e.get("status") == "ok" and (fmt is None or e.get("format", "json") == fmt)
    }
    lines = {r for r in ok if entries[r].get("format", "json") == "jsonl"}
    for rel in rels:
        if rel not in ok or rel in lines:
            continue
        try:
            with open(_target(str(out), rel), encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        for i, doc in enumerate(data.get("documents") or []):
            rec = {
                "file_id": rel,
                "doc_index": i,
                "version": data.get("version"),
                "source": data.get("source"),
            }
            rec.update(doc)
            yield rec
    path = out / DOCUMENTS_JSONL
    if lines and path.exists():
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict) and rec.get("file_id") in lines:
                    yield rec
