"""Local HTTP servers that speak the translation providers' real formats, with scripted faults, for MT tests.

One server answers LibreTranslate (`POST /translate`), Google's mobile page (`GET /m`), MyMemory (`GET /get`),
DeepL (`GET /v2/translate`) and Microsoft (`GET /languages`, `POST /translate?api-version=3.0`). Each translation
request takes the next fault from `script` (`ok`, `slow`, `429`, `429-long`, `500`, `403`, `414`, `malformed`,
`drop`, `collapse`); it translates word by word with a glossary, so a test can tell a translation from an echo.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

GLOSSARY = {
    "le": "the", "la": "the", "les": "the", "un": "a", "une": "a", "de": "of", "des": "of", "et": "and",
    "président": "president", "sommet": "summit", "ministre": "minister", "a": "has", "dit": "said",
    "paix": "peace", "accord": "agreement", "bonjour": "hello", "monde": "world", "chat": "cat", "noir": "black",
}  # fmt: skip
_WORD = re.compile(r"\w+", re.UNICODE)


def glossary_translate(text: str, glossary: dict[str, str] | None = None) -> str:
    """Word-by-word translation: known words replaced (case kept for a capital), everything else untouched."""
    table = GLOSSARY if glossary is None else glossary

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        out = table.get(word.lower())
        if out is None:
            return word
        return out[:1].upper() + out[1:] if word[:1].isupper() else out

    return _WORD.sub(one, text)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and left is the point of some tests, not an error


class MTServer:
    """A threaded server on 127.0.0.1 (a free port); counts requests; use as a context manager."""

    def __init__(self, translate: Callable[[str], str] = glossary_translate, slow_seconds: float = 5.0) -> None:
        self.translate = translate
        self.slow_seconds = slow_seconds
        self.script: list[str] = []
        self.requests = 0
        self.paths: list[str] = []
        self.texts: list[str] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def __enter__(self) -> MTServer:
        self._thread.start()
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def next_fault(self, path: str) -> str:
        with self._lock:
            self.requests += 1
            self.paths.append(path)
            return self.script.pop(0) if self.script else "ok"

    def pause(self) -> None:
        self._stopping.wait(self.slow_seconds)


def _handler(server: MTServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one segment: no delayed-ACK stall per request

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output clean
            pass

        def do_GET(self) -> None:
            self._serve(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length) if length else b"")

        def _serve(self, body: bytes) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/languages":
                self._send(200, {"translation": {"fr": {"name": "French"}, "en": {"name": "English"}}})
                return
            fault = server.next_fault(self.path)
            if fault == "drop":
                self.close_connection = True
                return
            if fault == "slow":
                server.pause()
            if fault in {"429", "500", "403", "414"}:
                self._send(int(fault), {"error": f"scripted {fault}"}, {"Retry-After": "0"} if fault == "429" else {})
                return
            if fault == "429-long":
                self._send(429, {"error": "come back later"}, {"Retry-After": "120"})
                return
            route = _ROUTES.get(parts.path)
            if route is None:
                self._send(404, {"error": "no such endpoint"})
                return
            route(self, server, query, body, fault)

        def _send(
            self, status: int, data: Any, headers: dict[str, str] | None = None, raw: bytes | None = None
        ) -> None:
            payload = raw if raw is not None else json.dumps(data).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html" if raw is not None else "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _out(server: MTServer, text: str, fault: str) -> str:
    server.texts.append(text)
    out = server.translate(text)
    return re.sub(r"\s*\n\s*\n\s*", " ", out) if fault == "collapse" else out


def _libre_or_microsoft(h: Any, server: MTServer, query: dict[str, str], body: bytes, fault: str) -> None:
    if "api-version" in query:  # Microsoft: a JSON list of {"text": ...}
        items = json.loads(body or b"[]")
        if fault == "malformed":
            h._send(200, [{"nothing": "here"}])
            return
        h._send(200, [{"translations": [{"text": _out(server, i["text"], fault), "to": "en"}]} for i in items])
        return
    text = query.get("q")
    if text is None and body:
        text = json.loads(body).get("q")
    if fault == "malformed":
        h._send(200, None, raw=b"<html>not json")
        return
    h._send(200, {"translatedText": _out(server, text or "", fault)})


def _google(h: Any, server: MTServer, query: dict[str, str], body: bytes, fault: str) -> None:
    if fault == "malformed":
        h._send(200, None, raw=b"<html><body><p>Sorry, something went wrong</p></body></html>")
        return
    out = html.escape(_out(server, query.get("q", ""), fault))
    h._send(200, None, raw=f'<html><body><div class="result-container">{out}</div></body></html>'.encode())


def _mymemory(h: Any, server: MTServer, query: dict[str, str], body: bytes, fault: str) -> None:
    if fault == "malformed":
        h._send(200, None, raw=b"{ broken")
        return
    h._send(200, {"responseData": {"translatedText": _out(server, query.get("q", ""), fault)}, "matches": []})


def _deepl(h: Any, server: MTServer, query: dict[str, str], body: bytes, fault: str) -> None:
    if fault == "malformed":
        h._send(200, {"translations": []})
        return
    h._send(200, {"translations": [{"text": _out(server, query.get("text", ""), fault)}]})


_ROUTES: dict[str, Callable[[Any, MTServer, dict[str, str], bytes, str], None]] = {
    "/translate": _libre_or_microsoft,
    "/m": _google,
    "/get": _mymemory,
    "/v2/translate": _deepl,
}
