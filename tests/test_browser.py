"""End to end in a real browser: Debian's headless Chromium opens the rendered
pages, clicks an outline entry and a target in the side list, and checks the
span scrolled into view, that every highlighted element is rendered and marked,
and that the report's filters and sorting work.

No driver library: the pages carry a small self-test enabled by ``?autotest=…``
that performs the clicks on load and writes its findings into
``<output id="autotest">``; ``chromium --dump-dom`` prints the DOM after that.

Skipped when no chromium binary is found, unless POLICYPARSE_REQUIRE_BROWSER=1
(set by .ci/run, which installs chromium), where a missing browser fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from conftest import CORPUS, CORPUS_FILES

from policyparse.cli import main
from policyparse.render import render_html, walk_sections

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,900",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="module")
def chromium():
    path = find_chromium()
    if path is None:
        if os.environ.get("POLICYPARSE_REQUIRE_BROWSER") == "1":
            pytest.fail("POLICYPARSE_REQUIRE_BROWSER=1 but no chromium binary was found")
        pytest.skip(
            "no chromium binary found (Debian: apt-get install chromium); "
            "set POLICYPARSE_REQUIRE_BROWSER=1 to fail instead of skipping"
        )
    return path


def run_chromium(binary: str, tmp_path: Path, url: str, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [binary, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args, url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def autotest(
    binary: str, tmp_path: Path, page: Path, arg: str
) -> tuple[dict, lxml.html.HtmlElement]:
    dom = run_chromium(binary, tmp_path, f"{page.as_uri()}?autotest={arg}", "--dump-dom")
    root = lxml.html.fromstring(dom)
    (out,) = root.xpath('//output[@id="autotest"]')
    assert out.text_content(), "the page's self-test did not run"
    return json.loads(out.text_content()), root


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_outline_click_scrolls_heading_into_view(path, chromium, parsed_corpus, tmp_path):
    data = parsed_corpus[path.name].model_dump(mode="json")
    page = tmp_path / "page.html"
    page.write_text(render_html(data), encoding="utf-8")
    # the last heading of the first document: far below the first screen
    sections = list(walk_sections(data["documents"][0]["sections"]))
    last = len(sections) - 1
    res, root = autotest(chromium, tmp_path, page, f"d0-h{last}")
    assert res["found"]
    assert res["before"] is False and res["after"] is True, res
    sp = sections[last]["span"]
    assert data["text"][sp["start"] :].startswith(res["text"])
    # every heading, assignment, target, citation (and agency, repair) is rendered and marked
    assert res["invisibleCount"] == 0, res["invisible"]
    expected = root.xpath(
        '//*[@id="text"]//*[@data-kind][not(@data-kind="document")][not(@data-kind="section")]'
        '[not(contains(@class, "point"))]'
    )
    assert res["checked"] == len(expected) > 0
    # and the browser's DOM holds each span at its place
    text = data["text"]
    for d, doc in enumerate(data["documents"]):
        for kind, objs in (
            ("section", list(walk_sections(doc["sections"]))),
            ("assignment", doc["assignments"]),
            ("target", doc["targets"]),
        ):
            for i, obj in enumerate(objs):
                (el,) = root.xpath(
                    f'//*[@data-kind="{kind}"][@data-doc="{d}"][@data-index="{i}"][not(@data-part)]'
                )
                assert el.text_content() == text[obj["span"]["start"] : obj["span"]["end"]]


def test_target_list_click_and_screenshot(chromium, parsed_corpus, tmp_path):
    data = parsed_corpus["002_a1c8db2d6f6467ff.txt"].model_dump(mode="json")
    page = tmp_path / "page.html"
    page.write_text(render_html(data), encoding="utf-8")
    n = len(data["documents"][0]["targets"]) - 1
    res, _ = autotest(chromium, tmp_path, page, f"d0-t{n}")
    assert res["found"] and res["before"] is False and res["after"] is True, res
    assert res["text"] == data["documents"][0]["targets"][n]["raw"]
    shot = tmp_path / "page.png"
    run_chromium(chromium, tmp_path, f"{page.as_uri()}?autotest=d0-t{n}", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_phone_width_layout(chromium, parsed_corpus, tmp_path):
    data = parsed_corpus["004_7987ea6d96b72cd9.txt"].model_dump(mode="json")
    page = tmp_path / "page.html"
    page.write_text(render_html(data), encoding="utf-8")
    dom = run_chromium(
        chromium,
        tmp_path,
        f"{page.as_uri()}?autotest=d0-h10",
        "--dump-dom",
        "--window-size=390,844",
    )
    res = json.loads(lxml.html.fromstring(dom).xpath('//output[@id="autotest"]')[0].text_content())
    assert res["viewport"][0] < 800 and res["after"] is True and res["invisibleCount"] == 0
    shot = tmp_path / "phone.png"
    run_chromium(chromium, tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=390,844")
    assert shot.exists()


def test_report_filter_and_sort(chromium, tmp_path):
    out = tmp_path / "out"
    assert main(["convert", str(CORPUS), "-o", str(out), "-q", "-j", "0"]) == 0
    page = tmp_path / "report.html"
    assert main(["report", str(out), "-o", str(page)]) == 0
    res, root = autotest(chromium, tmp_path, page, "1")
    n_targets = sum(
        len(d["targets"])
        for f in out.glob("*.json")
        for d in json.loads(f.read_text(encoding="utf-8"))["documents"]
    )
    assert res["targets"] == n_targets > 0
    assert res["agencies"] > 0
    assert res["yearOk"] and res["yearShown"] > 0
    assert (
        res["queryOk"]
        and res["queryShown"] >= 1
        and res["countText"] == f"{res['queryShown']} / {n_targets}"
    )
    assert res["yearAsc"] and res["yearDesc"] and res["ledDesc"]
    shot = tmp_path / "report.png"
    run_chromium(chromium, tmp_path, page.as_uri(), f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
