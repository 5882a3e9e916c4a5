"""The HTTP layer under deep-translator: every request gets a timeout, may be redirected to a configured server,
and leaves its status behind, so failures can be told apart whatever exception a provider's wrapper raises.

deep-translator calls `requests.get/post` with no timeout; we swap the `requests` name inside its provider modules
for `TimedRequests`, which reads the current call's settings from a thread-local context.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

DEFAULT_TIMEOUT = 10.0

# deep-translator's modules that talk HTTP for the providers we offer.
_PROVIDER_MODULES = ("google", "mymemory", "libre", "deepl", "microsoft")


class TransportFailure(Exception):
    """A request got no HTTP answer; `kind` is `offline`, `timeout` or `dropped`."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


@dataclass
class CallContext:
    """Settings and observations of the calls made by one thread inside `calling()`."""

    timeout: float = DEFAULT_TIMEOUT
    redirects: tuple[tuple[str, str], ...] = ()
    status: int | None = None
    retry_after: float | None = None
    requests_made: int = 0
    urls: list[str] = field(default_factory=list)


_local = threading.local()


def current() -> CallContext:
    """The calling thread's context (a default one, with the default timeout, outside `calling()`)."""
    ctx: CallContext | None = getattr(_local, "ctx", None)
    if ctx is None:
        ctx = CallContext()
        _local.ctx = ctx
    return ctx


@contextmanager
def calling(timeout: float, redirects: tuple[tuple[str, str], ...] = ()) -> Iterator[CallContext]:
    """Run deep-translator calls in this block with this timeout and these URL prefix redirects."""
    previous = getattr(_local, "ctx", None)
    ctx = CallContext(timeout=timeout, redirects=redirects)
    _local.ctx = ctx
    try:
        yield ctx
    finally:
        _local.ctx = previous


def redirect(url: str, redirects: tuple[tuple[str, str], ...]) -> str:
    """The URL with the first matching official prefix replaced by the configured server's base."""
    for prefix, replacement in redirects:
        if url.startswith(prefix):
            return replacement + url[len(prefix) :]
    return url


def _session() -> Any:
    session = getattr(_local, "session", None)
    if session is None:
        import requests

        session = requests.Session()
        _local.session = session
    return session


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare for translation APIs, and the breaker's own cooldown applies


def classify(exc: BaseException) -> TransportFailure:
    """Turn a requests exception into offline / timeout / dropped, with a short detail."""
    import requests
    import urllib3.exceptions as u3

    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return TransportFailure("offline", "could not connect in time")
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return TransportFailure("timeout", "no answer in time")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return TransportFailure("dropped", "the connection was cut mid-answer")
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason = exc.args[0] if exc.args else None
        inner = getattr(reason, "reason", reason)
        if isinstance(inner, u3.NameResolutionError):
            return TransportFailure("offline", "the name does not resolve")
        if isinstance(inner, u3.NewConnectionError):
            return TransportFailure("offline", "could not connect")
        if isinstance(inner, u3.ConnectTimeoutError):
            return TransportFailure("offline", "could not connect in time")
        return TransportFailure("dropped", "the connection was closed before an answer")
    return TransportFailure("dropped", type(exc).__name__)


def _classify_raw(exc: BaseException) -> TransportFailure:
    """A failure while reading an answer's body: timed out, undecodable (bad gzip) or cut."""
    import urllib3.exceptions as u3

    if isinstance(exc, u3.ReadTimeoutError | TimeoutError):
        return TransportFailure("timeout", "the answer stalled")
    if isinstance(exc, u3.DecodeError):
        return TransportFailure("malformed", "an answer that does not decompress")
    return TransportFailure("dropped", "the connection was cut mid-answer")


class TimedRequests:
    """Stands in for the `requests` module inside deep-translator: same names, but every call is bounded."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        import urllib3

        ctx = current()
        url = redirect(url, ctx.redirects)
        deadline = time.monotonic() + ctx.timeout
        kwargs["timeout"] = ctx.timeout
        kwargs["stream"] = True  # the body is read here, against the deadline and the size caps
        ctx.status = None
        ctx.retry_after = None
        ctx.requests_made += 1
        ctx.urls.append(url)
        try:
            response = _session().request(method, url, **kwargs)
            ctx.status = int(response.status_code)
            ctx.retry_after = _retry_after(response.headers.get("Retry-After"))
            read_body(response, deadline, ctx.timeout)
        except self._module.exceptions.RequestException as exc:
            raise classify(exc) from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:  # raised by the raw body reads
            raise _classify_raw(exc) from exc
        return response


# An answer is a few paragraphs of text: anything larger is refused, on the wire and once decompressed (a gzip
# bomb of a few KB would otherwise expand to gigabytes).
MAX_WIRE_BYTES = 4 * 1024 * 1024
MAX_ANSWER_BYTES = 8 * 1024 * 1024
_CHUNK = 16 * 1024  # decompressed at most ~16 MB per read even at deflate's best ratio


def read_body(response: Any, deadline: float, timeout: float) -> None:
    """Read a streamed answer into `response.content` within the total deadline (not per read: a reply
    dripped a byte at a time never ends otherwise) and the size caps; TransportFailure when either is passed."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_WIRE_BYTES:
        response.close()
        raise TransportFailure("too-large", f"an answer of {int(declared)} bytes (limit {MAX_WIRE_BYTES})")
    raw = response.raw
    chunks: list[bytes] = []
    total = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            response.close()
            raise TransportFailure("timeout", f"the answer was not complete within {timeout:g} s")
        _socket_timeout(raw, left)
        chunk = raw.read1(_CHUNK, decode_content=True)
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_ANSWER_BYTES or raw.tell() > MAX_WIRE_BYTES:
            response.close()
            raise TransportFailure("too-large", f"an answer over {MAX_ANSWER_BYTES // (1024 * 1024)} MiB")
        chunks.append(chunk)
    response._content = b"".join(chunks)


def _socket_timeout(raw: Any, left: float) -> None:
    """Shorten the socket's own timeout to what is left of the deadline, so one slow read cannot overrun it."""
    sock = getattr(getattr(raw, "_connection", None), "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):  # the connection closed meanwhile: the next read says so
            sock.settimeout(max(0.05, left))


_installed: set[str] = set()
_install_lock = threading.Lock()


def install() -> None:
    """Bind every deep-translator provider module to `TimedRequests` (idempotent; imports deep_translator)."""
    with _install_lock:
        if _installed:
            return
        import importlib

        import requests

        shim = TimedRequests(requests)
        for name in _PROVIDER_MODULES:
            module = importlib.import_module(f"deep_translator.{name}")
            module.requests = shim  # type: ignore[attr-defined]
            _installed.add(name)
