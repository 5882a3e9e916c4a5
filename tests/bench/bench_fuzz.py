"""Fuzz every importer with Hypothesis for a bounded time; print inputs tried and crashes found per importer.

A crash is any exception other than an InputError (the clear refusal bad input must get). Hypothesis draws raw
bytes, mutated real samples and structure-aware documents built from each format's own element names; each
drawn input also yields `--amplify` cheap byte-level variants, since drawing costs far more than parsing.

Also fuzzed: sidecars (`tracker.json`), whole story folders read and judged, trees of story folders laid out by
the input (odd names, nesting, symbolic links out and to /dev/zero, FIFOs) checked and imported, and
machine-translation answers (bodies, statuses, Retry-After) through the real transport and client (a canned
session in place of the network; MTError is the clear refusal).

    python tests/bench/bench_fuzz.py [--seconds 20] [--only newsml_g2]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sources import detect, html, markdown, newsml1, newsml_g2, ninjs, text, xliff  # noqa: E402
from tracker.errors import InputError  # noqa: E402

DATA = ROOT / "tests" / "data" / "newsml"
SEEDS = {p.name: p.read_bytes() for p in sorted(DATA.rglob("*")) if p.is_file() and p.suffix in (".xml", ".json")}

G2_TAGS = ["newsItem", "newsMessage", "itemSet", "itemMeta", "contentMeta", "contentSet", "inlineXML", "inlineData",
           "headline", "pubStatus", "signal", "edNote", "link", "language", "itemClass", "versionCreated"]  # fmt: skip
NITF_TAGS = ["nitf", "body", "body.head", "body.content", "hedline", "hl1", "hl2", "p", "br", "byline", "html",
             "section", "h1", "h2", "div", "ul", "li", "blockquote", "header", "article", "span", "em"]  # fmt: skip
NEWSML1_TAGS = ["NewsML", "NewsItem", "Identification", "NewsIdentifier", "RevisionId", "PublicIdentifier",
                "NameLabel", "NewsManagement", "Status", "NewsComponent", "NewsLines", "HeadLine", "NewsLine",
                "NewsLineType", "NewsLineText", "ContentItem", "MediaType", "DataContent", "Role"]  # fmt: skip
XLIFF_TAGS = ["xliff", "file", "unit", "segment", "source", "target", "notes", "note", "mda:metadata", "mda:meta"]
ATTRS = ["guid", "version", "qcode", "FormalName", "xml:lang", "contenttype", "rel", "residref", "tag", "class",
         "srcLang", "state", "id", "type", "Update", "PreviousRevision"]  # fmt: skip

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def _attr_value(value: str) -> str:
    return value.replace('"', "").replace("<", "").replace("&", "")


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;")


def _node(tag: str, attrs: list[tuple[str, str]], kids: list[str], tail: str, broken: bool) -> str:
    attributes = "".join(f' {key}="{value}"' for key, value in attrs)
    close = "" if broken else f"</{tag}>"
    return f"<{tag}{attributes}>{''.join(kids)}{tail}{close}"


def element(tags: list[str]) -> st.SearchStrategy[str]:
    """Random XML over a format's element names, now and then left unclosed on purpose."""

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            _node,
            st.sampled_from(tags),
            st.lists(st.tuples(st.sampled_from(ATTRS), texts.map(_attr_value)), max_size=3),
            st.lists(children, max_size=4),
            texts.map(_escaped),
            st.integers(0, 40).map(lambda n: n == 0),
        )

    return st.recursive(texts.map(_escaped), extend, max_leaves=25)


def _document(prolog: str, tag: str, body: str) -> bytes:
    return f'{prolog}<{tag} xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0">{body}</{tag}>'.encode()


def xml_documents(tags: list[str]) -> st.SearchStrategy[bytes]:
    prologs = st.sampled_from(["", '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>\n'])
    return st.builds(_document, prologs, st.sampled_from(tags[:2]), element(tags))


NINJS_KEYS = ["uri", "headline", "headlines", "bodies", "value", "contentType", "version", "language", "body_html",
              "body_text", "pubStatus", "pubstatus", "versionCreated", "urgency", "role", "edNote"]  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.sampled_from(NINJS_KEYS) | texts, kids, max_size=6),
    max_leaves=20,
)
ninjs_like = st.fixed_dictionaries(
    {"uri": texts},
    optional={"headlines": json_values, "bodies": json_values, "body_html": texts, "version": texts, "language": texts},
)
ninjs_documents = st.one_of(json_values, ninjs_like).map(lambda value: json.dumps(value).encode())


INSERTS = [b"<", b"&", b"]]>", b"<!ENTITY a 'b'>", b"\x00", b"\xff\xfe", b"<p/>", b"<!DOCTYPE x>", b"&#0;", b"&#xD800;",
           b'"', b"{", b"}"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(sorted(SEEDS.values()))))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
    return bytes(data)


raw = st.binary(max_size=2000)
MARKDOWN_BITS = ["# ", "## ", "- ", "> ", "```", "**", "_", "[a](b)", "\n", "\n\n", "---\n", "x", "é", "<b>"]
markdownish = st.lists(st.sampled_from(MARKDOWN_BITS) | texts, max_size=60).map(lambda parts: "".join(parts).encode())
ALL_TAGS = G2_TAGS + NITF_TAGS + NEWSML1_TAGS

TARGETS: dict[str, tuple[Callable[[bytes, str], Any], st.SearchStrategy[bytes]]] = {
    "newsml_g2": (newsml_g2.read_newsml_g2, st.one_of(xml_documents(G2_TAGS + NITF_TAGS), mutated(), raw)),
    "newsml1": (newsml1.read_newsml1, st.one_of(xml_documents(NEWSML1_TAGS + NITF_TAGS), mutated(), raw)),
    "ninjs": (ninjs.read_ninjs, st.one_of(ninjs_documents, mutated(), raw)),
    "html": (html.read_html, st.one_of(xml_documents(NITF_TAGS), mutated(), raw)),
    "markdown": (markdown.read_markdown, st.one_of(markdownish, raw)),
    "text": (text.read_text, st.one_of(markdownish, raw)),
    "xliff": (xliff.read_xliff, st.one_of(xml_documents(XLIFF_TAGS), mutated(), raw)),
    "detect.load": (detect.load, st.one_of(xml_documents(ALL_TAGS), ninjs_documents, mutated(), raw, markdownish)),
}


SIDECAR_KEYS = ["format", "version", "story", "files", "adapted_from", "links", "acknowledgements", "waivers",
                "approvals", "fr", "en", "hash", "text", "at", "by", "kind", "note", "check", "verdict", "fr_hash",
                "en_hash", "excerpt", "reason"]  # fmt: skip
sidecar_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(
        [
            "tracker-sidecar",
            "2026-11-01T09:30:00Z",
            "0001-01-01T00:00:00+23:59",
            "a" * 64,
            "fr.txt",
            "../x",
            "fr\x00.txt",
            "omitted",
        ]
    )
    | texts,  # fmt: skip
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.sampled_from(SIDECAR_KEYS) | texts, kids, max_size=6),
    max_leaves=25,
)
sidecar_like = st.fixed_dictionaries(
    {"format": st.just("tracker-sidecar"), "version": st.integers(-2, 3)},
    optional=dict.fromkeys(SIDECAR_KEYS[2:9], sidecar_values),
)
sidecar_documents = st.one_of(sidecar_values, sidecar_like).map(lambda value: json.dumps(value).encode())


def read_sidecar_bytes(data: bytes, source: str) -> Any:
    from tracker.check.sidecar import parse

    return parse(data.decode("utf-8", "replace"), source)


_FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-folder-"))
paragraphs = st.lists(texts, min_size=1, max_size=6).map(lambda ps: "\n\n".join(ps).encode())


def check_story_folder(data: bytes, source: str) -> Any:
    """A story folder made of the input (as the sidecar, and cut in three as fr, en and sidecar): read and judged."""
    from tracker.check import judge
    from tracker.services.check import folder_texts

    third = len(data) // 3
    for sidecar, fr, en in (
        (data, b"Le sommet.\n", b"The summit.\n"),
        (data[2 * third :], data[:third], data[third : 2 * third]),
    ):
        (_FOLDER / "fr.txt").write_bytes(fr)
        (_FOLDER / "en.txt").write_bytes(en)
        (_FOLDER / "tracker.json").write_bytes(sidecar)
        judge(folder_texts(_FOLDER))


_TREES = Path(tempfile.mkdtemp(prefix="fuzz-trees-"))
(_TREES / "secret.txt").write_text("root:x:0:0:secret\n")
DIR_NAMES = ["a", "b c", "line\nbreak", "é", "-rf", ".hidden", "node_modules", "s" * 200, "...", "tracker.json"]
FILE_NAMES = ["fr.txt", "en.txt", "tracker.json", "fr.md", "en.xml", "fr.html", "fr.r2.txt", "README", "en.json"]
GOOD = {"fr": b"Le sommet s'ouvre a Sotchi.\n\nPoutine recoit Pachinian.\n", "en": b"The summit opens in Sochi.\n",
        "tr": b'{"format": "tracker-sidecar", "version": 1, "story": "s"}'}  # fmt: skip
_stores: list[Any] = []


def _plant(root: Path, data: bytes, rng: random.Random) -> None:
    """Up to 24 entries laid out by the input: texts and sidecars cut from its bytes (or good texts), nested,
    with symbolic links out of the tree, to /dev/zero and to their own folder, and FIFOs."""
    import os

    folders = [root]
    for n in range(min(24, 1 + len(data) // 48)):
        # mostly more entries in a folder already made, so that story folders (a French and an English) form
        parent = rng.choice(folders)
        folder = parent if rng.random() < 0.7 else parent.joinpath(*rng.sample(DIR_NAMES, rng.randint(1, 2)))
        folders.append(folder)
        with contextlib.suppress(OSError):  # a name the file system refuses (too long with its parents)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / rng.choice(FILE_NAMES)
            if target.exists() or target.is_symlink():
                continue
            kind = rng.random()
            if kind < 0.06:
                target.symlink_to(_TREES / "secret.txt")
            elif kind < 0.1:
                target.symlink_to("/dev/zero")
            elif kind < 0.13:
                os.mkfifo(target)
            elif kind < 0.16:
                target.symlink_to(folder)
            elif kind < 0.6:
                target.write_bytes(GOOD.get(target.name[:2], b"{}"))
            else:
                target.write_bytes(data[n * 48 : n * 48 + rng.randint(0, 400)])


def story_tree(data: bytes, source: str) -> Any:
    """A tree of story folders laid out by the input (see _plant): checked as `tracker check` does, then every
    story folder found imported into one database as `tracker import-folder` does (a refusal is a TrackerError)."""
    import shutil
    from datetime import UTC, datetime

    from tracker.errors import TrackerError
    from tracker.services.check import run_check
    from tracker.services.folder_store import import_folder
    from tracker.services.folders import find_story_folders
    from tracker.storage import open_store

    if not _stores:
        _stores.append(open_store("sqlite://"))
    root = _TREES / "tree"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    _plant(root, data, random.Random(data))
    run_check([str(root)], cwd=_TREES)
    for n, folder in enumerate(find_story_folders([root])):
        with contextlib.suppress(TrackerError):  # the clear refusal a bad folder must get
            import_folder(_stores[0], folder, by="fuzz", at=datetime.now(UTC), slug=f"s{n}")


def translate_answer(data: bytes, source: str) -> Any:
    """An MT answer with these bytes as its body (plain, then as gzip), through the real transport and client;
    then with a status and a Retry-After taken from the bytes (refusals, throttling, absurd waits)."""
    from tracker.mt import transport
    from tracker.mt.breaker import CircuitBreaker
    from tracker.mt.client import MTClient, MTError
    from tracker.mt.providers import ProviderConfig

    transport.install()
    status = (200, 200, 429, 500, 503, 404, 302, 204)[data[0] % 8] if data else 200
    retry = data[1:24].decode("latin-1")
    for encoding, body, code in (("", data, 200), ("gzip", gzip.compress(data), 200), ("gzip", data, 200),
                                 ("", data, status)):  # fmt: skip
        transport._local.session = _CannedSession(body, encoding, code, retry)
        client = MTClient(ProviderConfig("libre", url="http://127.0.0.1:9/", timeout=2.0, attempts=2),
                          breaker=CircuitBreaker(), backoff=0.0, sleep=lambda s: None)  # fmt: skip
        with contextlib.suppress(MTError):  # the clear refusal a bad answer must get
            client.translate_many(["Le sommet s'ouvre.", "Deux."])


class _CannedSession:
    """Stands in for requests.Session: every request gets the same canned answer."""

    def __init__(self, body: bytes, encoding: str, status: int = 200, retry: str = "") -> None:
        self.body, self.encoding, self.status, self.retry = body, encoding, status, retry

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        import requests
        from urllib3.response import HTTPResponse

        headers = {"Content-Type": "application/json", **({"Content-Encoding": self.encoding} if self.encoding else {})}
        if self.status != 200:
            headers["Retry-After"] = "".join(c for c in self.retry if c.isprintable()) or "1"
        response = requests.Response()
        response.status_code = self.status
        response.headers = requests.structures.CaseInsensitiveDict(headers)
        response.raw = HTTPResponse(body=io.BytesIO(self.body), headers=headers, status=self.status,
                                    preload_content=False)  # fmt: skip
        response.url = url
        return response


mt_answers = st.one_of(
    st.builds(lambda v: json.dumps({"translatedText": v}).encode(), json_values),
    json_values.map(lambda v: json.dumps(v).encode()),
    raw,
)
TARGETS.update({
    "sidecar": (read_sidecar_bytes, st.one_of(sidecar_documents, raw)),
    "story-folder": (check_story_folder, st.one_of(sidecar_documents, paragraphs, raw)),
    "mt-answer": (translate_answer, mt_answers),
    "story-tree": (story_tree, st.one_of(sidecar_documents, paragraphs, raw)),
})  # fmt: skip


class TimeUp(Exception):
    """The time budget of one importer is spent."""


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few random byte-level edits: flips, cuts, inserted markup, duplicated runs."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(out))
        choice = rng.random()
        if choice < 0.3 and out:
            out[min(at, len(out) - 1)] = rng.randint(0, 255)
        elif choice < 0.5:
            del out[at : at + rng.randint(1, 64)]
        elif choice < 0.8:
            out[at:at] = rng.choice(INSERTS)
        else:
            out[at:at] = out[at : at + rng.randint(1, 128)]
    return bytes(out)


def fuzz(name: str, seconds: float, amplify: int = 10) -> tuple[int, dict[str, tuple[int, bytes, str]]]:
    """Inputs tried and crashes (by exception site) for one importer within `seconds`."""
    read, strategy = TARGETS[name]
    tried = 0
    crashes: dict[str, tuple[int, bytes, str]] = {}
    deadline = time.monotonic() + seconds

    def attempt(data: bytes) -> None:
        try:
            read(data, "fuzz-input")
        except InputError:
            pass
        except Exception as exc:  # a crash is what this benchmark counts
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            count, first, message = crashes.get(key, (0, data, str(exc)[:200]))
            crashes[key] = (count + 1, first, message)

    @settings(max_examples=300, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy, st.integers(0, 2**32))
    def run(data: bytes, seed: int) -> None:
        nonlocal tried
        if time.monotonic() > deadline:
            raise TimeUp  # only the generate phase runs, so Hypothesis stops here without shrinking
        # each Hypothesis input also yields cheap byte-level variants: generation costs far more than parsing
        for variant in [data, *(mutate(data, random.Random(seed + k)) for k in range(amplify))]:
            tried += 1
            attempt(variant)

    while time.monotonic() < deadline:
        try:
            run()
        except* TimeUp:  # Hypothesis may group several TimeUp it saw in one run
            pass
    return tried, crashes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="time budget per importer")
    parser.add_argument("--only", choices=sorted(TARGETS), action="append", help="fuzz only these importers")
    parser.add_argument("--amplify", type=int, default=10, help="byte-level variants tried per Hypothesis input")
    args = parser.parse_args()
    total_tried, total_crashes = 0, 0
    texts.validate()  # build Hypothesis's character tables once, outside every importer's time budget
    print(f"{'importer':<12} {'inputs':>8} {'rate/s':>8} {'crashes':>8}")
    for name in args.only or list(TARGETS):
        started = time.monotonic()
        tried, crashes = fuzz(name, args.seconds, args.amplify)
        elapsed = time.monotonic() - started
        count = sum(c for c, _, _ in crashes.values())
        total_tried, total_crashes = total_tried + tried, total_crashes + count
        print(f"{name:<12} {tried:>8} {tried / elapsed:>8.0f} {count:>8}")
        for key, (n, first, message) in crashes.items():
            print(f"    {n} x {key}: {message}\n      first input: {first[:160]!r}")
    print(f"{'total':<12} {total_tried:>8} {'':>8} {total_crashes:>8}")


if __name__ == "__main__":
    main()
