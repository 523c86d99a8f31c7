"""A parse function for tests/test_batch_hostile.py whose module is slow to import in a
worker process: the worker unpickles its first task (importing this module) before it
begins the file, as a worker still starting up on a loaded machine would be slow."""

from __future__ import annotations

import multiprocessing
import time

from policyparse.batch import parse_bytes

if multiprocessing.parent_process() is not None:  # in a worker process, not in pytest's own
    time.sleep(6.5)


def parse(data: bytes, path: str):
    return parse_bytes(data, path)
