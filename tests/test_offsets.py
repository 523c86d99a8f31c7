"""The offset map's fast paths against their plain definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.offsets import Edit, OffsetMap, apply_edits


@st.composite
def layered(draw):
    """A text, two or three layers of random edits over it (insertions, deletions,
    replacements longer, shorter and as long as what they replace), and the final text."""
    text = draw(st.text(alphabet="abcdef", min_size=0, max_size=30))
    omap = OffsetMap()
    for _ in range(draw(st.integers(0, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
        edits = []
        for a, b in zip(cuts[::2], cuts[1::2], strict=False):
            if edits and a < edits[-1].end:
                continue
            edits.append(Edit(a, b, draw(st.text(alphabet="XYZ", max_size=4))))
        text, emap = apply_edits(text, edits)
        omap.add(emap)
    return text, omap


def _plain(omap: OffsetMap, start: int, end: int) -> tuple[int, int]:
    s = omap.to_source(start)
    e = omap.to_source(end, end=True) if end > start else s
    return s, max(s, e)


@settings(max_examples=400, deadline=None)
@given(layered(), st.data())
def test_span_to_source_is_to_source_of_both_ends(case, data):
    text, omap = case
    n = len(text)
    for _ in range(10):
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(0, n))
        assert omap.span_to_source(start, end) == _plain(omap, start, end), (start, end)


def test_span_to_source_cases():
    # deletion of 'bc', replacement of 'e' by 'XYZ': "abcdef" -> "adXYZf"
    text, emap = apply_edits("abcdef", [Edit(1, 3, ""), Edit(4, 5, "XYZ")])
    omap = OffsetMap([emap])
    assert text == "adXYZf"
    assert omap.span_to_source(0, 1) == (0, 1)  # 'a' stays before the deletion
    assert omap.span_to_source(1, 2) == (3, 4)  # 'd'
    assert omap.span_to_source(2, 5) == (4, 5)  # the whole replacement
    assert omap.span_to_source(3, 4) == (4, 5)  # inside a longer replacement: all of it
    assert omap.span_to_source(1, 1) == (3, 3)  # empty
    assert omap.span_to_source(4, 2) == (4, 4)  # reversed: empty, at its start (inside the replacement)


def test_span_to_source_follows_a_replaced_layer():
    """The per-layer tables span_to_source builds once are rebuilt when a layer is replaced in
    the (public) list, not only when one is added (they were keyed on the count)."""
    _, deletion = apply_edits("abcdef", [Edit(1, 3, "")])
    _, insertion = apply_edits("abcdef", [Edit(0, 0, "XX")])
    omap = OffsetMap([deletion])
    assert omap.span_to_source(2, 3) == (4, 5)
    omap.layers[0] = insertion
    assert omap.span_to_source(2, 3) == (0, 1) == _plain(omap, 2, 3)
    omap.layers.pop()
    omap.add(deletion)
    assert omap.span_to_source(2, 3) == (4, 5)


@settings(max_examples=200, deadline=None)
@given(layered(), st.data())
def test_span_to_source_between_adds(case, data):
    """Mapping while the layers are still being added (the tables are built, then a layer
    comes): every answer is still to_source's."""
    text, omap = case
    partial = OffsetMap()
    for layer in omap.layers:
        partial.add(layer)
        n = max(layer.new_ends[-1] if layer.new_ends else 0, 1)
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(0, n))
        assert partial.span_to_source(start, end) == _plain(partial, start, end)
