"""The sidecar file: validated on read with errors naming the file and the field, deterministic on write."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.check.sidecar import HashLink, Sidecar, SidecarError, canonical, dumps, parse
from tracker.model import Acknowledgement, Approval, Waiver, text_hash

TEXTS = [f"Paragraph {i} of a story, long enough to need an excerpt when it is shown in a sidecar." for i in range(8)]
H = [text_hash(t) for t in TEXTS]
AT = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)


def _sample() -> Sidecar:
    return Sidecar(
        story="sochi",
        files=(("en", "en.txt"), ("fr", "fr.txt")),
        adapted_from=(H[0], H[1], H[2]),
        links=(HashLink(fr=(H[1],), en=(H[4],)), HashLink(fr=(H[0],), en=())),
        acknowledgements=(Acknowledgement("sochi", H[2], "omitted", "ann", AT, "background"),),
        waivers=(Waiver("sochi", "numbers", (H[1],), (H[4],), "ed", AT, "rounded on purpose"),),
        approvals=(Approval("sochi", 2, 1, H[5], H[6], H[7], "approved", "ed", AT, note="ok"),),
    )


def test_a_sidecar_reads_back_what_was_written() -> None:
    sidecar = _sample()
    assert parse(dumps(sidecar)) == canonical(sidecar)


def test_writing_is_deterministic_whatever_the_order_of_entries() -> None:
    sidecar = _sample()
    shuffled = Sidecar(
        story=sidecar.story,
        files=tuple(reversed(sidecar.files)),
        adapted_from=sidecar.adapted_from,
        links=tuple(reversed(sidecar.links)),
        acknowledgements=sidecar.acknowledgements,
        waivers=sidecar.waivers,
        approvals=sidecar.approvals,
    )
    assert dumps(shuffled) == dumps(sidecar)


def test_every_entry_sits_on_its_own_line_so_merges_touch_single_lines() -> None:
    text = dumps(_sample(), texts={H[4]: "The summit was held in Sochi, in southwestern Russia"})
    lines = text.splitlines()
    assert lines[1] == '  "format": "tracker-sidecar",'
    assert lines[2] == '  "version": 1,'
    link_lines = [line for line in lines if '"fr": [' in line and '"en": [' in line and "check" not in line]
    assert len(link_lines) == 2
    assert any("The summit was held in Sochi" in line for line in link_lines)
    json.loads(text)


def test_excerpts_are_informative_only_and_ignored_on_read() -> None:
    sidecar = _sample()
    text = dumps(sidecar, texts=dict(zip(H, TEXTS, strict=True)))
    assert "…" in text
    assert parse(text) == canonical(sidecar)


def test_the_french_the_english_was_adapted_from_is_kept_in_full_and_checked_against_its_hash() -> None:
    text = dumps(_sample(), texts=dict(zip(H, TEXTS, strict=True)))
    again = parse(text)
    assert dict(again.adapted_texts) == {H[i]: TEXTS[i] for i in range(3)}
    with pytest.raises(SidecarError, match=r"adapted_from\[0\]\.text: does not match its hash"):
        parse(text.replace(TEXTS[0], TEXTS[0] + " edited"))


def test_a_sidecar_without_adapted_from_says_so() -> None:
    sidecar = parse('{"format": "tracker-sidecar", "version": 1}')
    assert sidecar.adapted_from is None
    assert sidecar.approvals == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", "line 1 column 2: invalid JSON"),
        ("[]", "must be an object"),
        ('{"format": "tracker-sidecar"}', "missing key 'version'"),
        ('{"format": "other", "version": 1}', "format: must be 'tracker-sidecar'"),
        ('{"format": "tracker-sidecar", "version": 9}', "version: 9 is newer than this tracker reads"),
        ('{"format": "tracker-sidecar", "version": 1, "colour": 1}', "unknown key 'colour'"),
        (
            '{"format": "tracker-sidecar", "version": 1, "links": [{"fr": ["abc"], "en": []}]}',
            "links[0].fr[0]: must be",
        ),
        ('{"format": "tracker-sidecar", "version": 1, "links": [{"fr": [], "en": []}]}', "links[0]: a link needs"),
        ('{"format": "tracker-sidecar", "version": 1, "files": {"fr": "../x.txt"}}', "files.fr: must be a plain"),
    ],
)
def test_an_invalid_sidecar_is_refused_naming_the_file_and_the_problem(text: str, problem: str) -> None:
    with pytest.raises(SidecarError) as caught:
        parse(text, "stories/a/tracker.json")
    assert str(caught.value).startswith("stories/a/tracker.json: ")
    assert problem in str(caught.value)


def test_an_approval_with_a_bad_date_or_verdict_is_refused() -> None:
    base = json.loads(dumps(_sample()))
    base["approvals"][0]["at"] = "yesterday"
    with pytest.raises(SidecarError, match=r"approvals\[0\]\.at: not an ISO 8601"):
        parse(json.dumps(base))
    base["approvals"][0]["at"] = "2026-11-26T20:00:00"
    with pytest.raises(SidecarError, match="without a time zone"):
        parse(json.dumps(base))
    base["approvals"][0]["at"] = "2026-11-26T20:00:00Z"
    base["approvals"][0]["verdict"] = "fine"
    with pytest.raises(SidecarError, match=r"approvals\[0\]\.verdict"):
        parse(json.dumps(base))


_hash = st.sampled_from(H)
_when = st.integers(min_value=0, max_value=10**6).map(lambda s: AT + timedelta(seconds=s))
_name = st.text(min_size=1, max_size=8)
_acks = st.builds(
    Acknowledgement, st.just("s"), _hash, st.sampled_from(["no-change", "omitted"]), _name, _when, st.text(max_size=10)
)
_links = st.builds(HashLink, st.lists(_hash, min_size=1, max_size=2).map(tuple), st.lists(_hash, max_size=2).map(tuple))
_approvals = st.builds(
    Approval,
    st.just("s"),
    st.integers(0, 5),
    st.integers(0, 5),
    _hash,
    _hash,
    _hash,
    st.sampled_from(["approved", "rejected"]),
    _name,
    _when,
    note=st.text(max_size=10),
    forced=st.booleans(),
    paragraph=st.none() | _hash,
)


@given(
    adapted=st.none() | st.lists(_hash, max_size=5).map(tuple),
    links=st.lists(_links, max_size=5),
    acks=st.lists(_acks, max_size=4),
    approvals=st.lists(_approvals, max_size=4),
)
def test_any_sidecar_round_trips_and_rewrites_identically(
    adapted: tuple[str, ...] | None, links: list[HashLink], acks: list[Acknowledgement], approvals: list[Approval]
) -> None:
    sidecar = Sidecar("s", (), adapted, tuple(links), tuple(acks), (), tuple(approvals))
    text = dumps(sidecar)
    again = parse(text)
    assert again == canonical(sidecar)
    assert dumps(again) == text


def test_an_invalid_entry_is_located_on_its_line_for_annotations() -> None:
    text = dumps(_sample()).replace('"verdict": "approved"', '"verdict": "maybe"')
    with pytest.raises(SidecarError) as caught:
        parse(text)
    line = text.splitlines()[caught.value.line - 1]
    assert '"verdict": "maybe"' in line
    with pytest.raises(SidecarError) as caught:
        parse(text.replace('"version": 1', '"version": 7'))
    assert caught.value.line == 3
