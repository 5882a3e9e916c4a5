"""Hostile machine-translation answers from a server on 127.0.0.1: a drip, a gzip bomb, a huge, an empty or an
absurd answer are refused in one sentence; attempts are capped; secrets in server URLs are never printed."""

from __future__ import annotations

import contextlib
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.mt import transport
from tracker.mt.breaker import CircuitBreaker
from tracker.mt.client import MAX_ATTEMPTS, MTClient, MTError
from tracker.mt.providers import ProviderConfig, mask_url


class Hostile:
    """A LibreTranslate-shaped server whose every answer is the `mode` asked for; records what it sent."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.requests = 0
        self.sent = 0
        self.finished = threading.Event()
        self.stop = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.requests += 1
                with contextlib.suppress(OSError):  # the client gave up and closed: what these tests want to see
                    owner.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        if self.mode == "drip":
            body = json.dumps({"translatedText": "The summit " * 20}).encode()
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            for byte in body:
                if self.stop.wait(0.1):
                    return
                h.wfile.write(bytes([byte]))
                h.wfile.flush()
                self.sent += 1
            self.finished.set()
            return
        if self.mode == "bomb":
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Encoding", "gzip")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            pieces = [packer.compress(b'{"translatedText": "')]
            block = b"a" * (1024 * 1024)
            for _ in range(200):  # 200 MB once decompressed, about 200 KB on the wire
                pieces.append(packer.compress(block))
            pieces.append(packer.compress(b'"}') + packer.flush())
            for piece in filter(None, pieces):
                h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.sent += len(piece)
            h.wfile.write(b"0\r\n\r\n")
            self.finished.set()
            return
        text = {"huge": "word " * 2_000_000, "empty": "", "absurd": "la " * 30_000, "500": ""}[self.mode]
        body = json.dumps({"translatedText": text}).encode()
        h.send_response(500 if self.mode == "500" else 200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
        self.finished.set()

    def __enter__(self) -> Hostile:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True, scope="module")
def deep_translator_loaded() -> None:
    transport.install()


def _client(server: Hostile, *, timeout: float = 5.0, attempts: int = 1) -> MTClient:
    config = ProviderConfig("libre", url=server.url, timeout=timeout, attempts=attempts)
    return MTClient(config, breaker=CircuitBreaker(), backoff=0.0, sleep=lambda s: None)


def test_a_dripped_answer_stops_at_the_total_deadline_not_per_read() -> None:
    with Hostile("drip") as server:
        # each byte comes well within the timeout, so only a deadline over the whole answer can stop it
        with pytest.raises(MTError) as caught:
            _client(server, timeout=1.0).translate("Le sommet")
        assert caught.value.kind == "timeout"
        assert not server.finished.is_set() and server.sent < 100


@pytest.mark.parametrize("mode", ["bomb", "huge"])
def test_an_oversized_answer_is_refused_compressed_or_not(mode: str) -> None:
    with Hostile(mode) as server, pytest.raises(MTError, match="refused") as caught:
        _client(server, timeout=30.0).translate("Le sommet")
    assert caught.value.kind == "provider"
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("mode", "words"), [("empty", "empty translation"), ("absurd", "characters for a text")])
def test_an_empty_or_absurd_translation_is_refused(mode: str, words: str) -> None:
    with Hostile(mode) as server, pytest.raises(MTError, match=words):
        _client(server).translate("Le sommet s'ouvre")


def test_attempts_are_capped_whatever_the_configuration() -> None:
    with Hostile("500") as server:
        with pytest.raises(MTError):
            _client(server, attempts=1_000_000).translate("Le sommet")
        assert server.requests == MAX_ATTEMPTS


def test_a_normal_answer_still_reads() -> None:
    from tests.mt_servers import MTServer

    with MTServer() as server:
        config = ProviderConfig("libre", url=server.url, timeout=5.0)
        assert MTClient(config, breaker=CircuitBreaker()).translate("Le président a dit bonjour").startswith("The")


@pytest.mark.parametrize(
    ("url", "hidden"),
    [
        ("https://ana:hunter2@mt.example.org/translate", "hunter2"),
        ("https://mt.example.org/translate?api_key=s3cr3t&q=1", "s3cr3t"),
        ("https://mt.example.org/?token=t0k3n", "t0k3n"),
    ],
)
def test_secrets_in_server_urls_are_masked(url: str, hidden: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert hidden not in mask_url(url) and "mt.example.org" in mask_url(url)
    monkeypatch.setenv("TRACKER_MT_LIBRE_URL", url)
    result = CliRunner().invoke(cli, ["translate", "--providers"])
    assert result.exit_code == 0, result.output
    assert hidden not in result.output and "mt.example.org" in result.output


def test_a_failure_message_never_carries_a_secret_of_the_url() -> None:
    from tracker.mt.client import _first_line

    message = _first_line(ValueError("bad request to https://ana:hunter2@h.example/x?key=abc failed"))
    assert "hunter2" not in message and "abc" not in message and "h.example" in message
