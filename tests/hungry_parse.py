"""A parse function for tests/test_batch_hostile.py that, for a file named hungry*, asks for
more memory than any test worker is allowed (as the DOCX list-numbering bomb did: 24 GB)."""

from __future__ import annotations

from policyparse.batch import parse_bytes


def parse(data: bytes, path: str):
    if "hungry" in path:
        hog = bytearray(3 << 30)  # (3 GiB: refused under the test's 1 GiB worker limit)
        hog[-1] = 1
    return parse_bytes(data, path)
