"""The machine-translation providers we offer through deep-translator, and how each is configured: keys and
server addresses come from the environment or the `[mt]` table of the configuration file.

Environment: `TRACKER_MT_<NAME>_KEY`, `TRACKER_MT_<NAME>_URL` (and deep-translator's own `DEEPL_API_KEY`,
`MICROSOFT_API_KEY`, `LIBRE_API_KEY`), `TRACKER_MT_TIMEOUT`, `TRACKER_MT_ATTEMPTS`, `TRACKER_MT_PROVIDER`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.errors import InputError, TranslationError
from tracker.mt.transport import DEFAULT_TIMEOUT


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    """What we know about one provider: its deep-translator class, key, official addresses and limits."""

    name: str
    label: str
    class_name: str
    key_env: str | None
    needs_key: bool
    official: tuple[str, ...]
    max_chars: int  # per request; deep-translator sends LibreTranslate and DeepL text in the URL, so keep it short
    langs: tuple[tuple[str, str], ...] = ()  # our code -> the provider's, where they differ

    def code(self, lang: str) -> str:
        return dict(self.langs).get(lang, lang)


PROVIDERS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        ProviderSpec("google", "Google Translate (no key)", "GoogleTranslator", None, False,
                     ("https://translate.google.com/",), 4900),
        ProviderSpec("mymemory", "MyMemory (no key; email raises the quota)", "MyMemoryTranslator", None, False,
                     ("http://api.mymemory.translated.net/", "https://api.mymemory.translated.net/"), 490,
                     (("fr", "fr-FR"), ("en", "en-GB"))),
        ProviderSpec("libre", "LibreTranslate (self-hosted URL or key)", "LibreTranslator", "LIBRE_API_KEY", False,
                     ("https://libretranslate.com/", "https://libretranslate.de/"), 2000),
        ProviderSpec("deepl", "DeepL (key)", "DeeplTranslator", "DEEPL_API_KEY", True,
                     ("https://api-free.deepl.com/", "https://api.deepl.com/"), 2000),
        ProviderSpec("microsoft", "Microsoft Translator (key, region)", "MicrosoftTranslator", "MICROSOFT_API_KEY",
                     True, ("https://api.cognitive.microsofttranslator.com/",), 4900),
    )
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    """One provider as configured: key and server address (None = the official one), options, call limits."""

    name: str
    api_key: str | None = None
    url: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    attempts: int = 3  # per request, counting the first; only transient failures are tried again

    @property
    def spec(self) -> ProviderSpec:
        return PROVIDERS[self.name]

    @property
    def settings(self) -> str:
        """What changes the translation (server, options) but not the secret: part of the cache key."""
        opts = ",".join(f"{k}={v}" for k, v in self.options)
        return f"{self.url or ''}|{opts}"

    def redirects(self) -> tuple[tuple[str, str], ...]:
        if not self.url:
            return ()
        base = self.url if self.url.endswith("/") else self.url + "/"
        return tuple((prefix, base) for prefix in self.spec.official)


@dataclass(frozen=True, slots=True)
class ProviderStatus:
    name: str
    label: str
    configured: bool
    detail: str


def mt_table() -> dict[str, Any]:
    """The `[mt]` table of the configuration file."""
    from tracker.config import section

    return section("mt")


def _config_file() -> str:
    """The configuration file, named in errors so the person knows which file to open."""
    from tracker.config import config_path

    return str(config_path())


def _number(
    table: Mapping[str, Any], env: Mapping[str, str], key: str, env_key: str, default: float, where: str
) -> float:
    # name where the bad value came from: a stray environment variable is otherwise hunted for in the file
    source, what = (env_key, "") if env_key in env else (where, f"[mt] {key} ")
    raw = env.get(env_key, table.get(key, default))
    try:
        value = float(raw)
    except (TypeError, ValueError) as exc:
        raise InputError(source, f"{what}must be a number, not {raw!r}") from exc
    if value <= 0:
        raise InputError(source, f"{what}must be positive")
    return value


def load(name: str, table: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> ProviderConfig:
    """The configuration of provider `name` from the `[mt]` table and the environment (environment wins)."""
    name = name.lower()
    if name not in PROVIDERS:
        raise TranslationError(f"Unknown translation provider {name!r}: choose one of {', '.join(PROVIDERS)}.")
    where = _config_file() if table is None else "configuration"
    table = mt_table() if table is None else table
    env = os.environ if env is None else env
    spec = PROVIDERS[name]
    own = table.get(name, {})
    if not isinstance(own, dict):
        raise InputError(where, f"[mt.{name}] must be a table")
    upper = f"TRACKER_MT_{name.upper()}"
    key = env.get(f"{upper}_KEY") or own.get("api_key") or (env.get(spec.key_env) if spec.key_env else None)
    url = env.get(f"{upper}_URL") or own.get("url")
    options = tuple(sorted((k, str(v)) for k, v in own.items() if k not in {"api_key", "url"}))
    return ProviderConfig(
        name=name,
        api_key=str(key) if key else None,
        url=str(url) if url else None,
        options=options,
        timeout=_number(table, env, "timeout", "TRACKER_MT_TIMEOUT", DEFAULT_TIMEOUT, where),
        attempts=int(_number(table, env, "attempts", "TRACKER_MT_ATTEMPTS", 3, where)),
    )


def default_provider(table: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> str:
    """`TRACKER_MT_PROVIDER`, else `[mt] provider`, else Google (the one that needs no key)."""
    table = mt_table() if table is None else table
    env = os.environ if env is None else env
    return str(env.get("TRACKER_MT_PROVIDER") or table.get("provider") or "google").lower()


def check(config: ProviderConfig) -> str | None:
    """Why this provider cannot be used as configured (one sentence), or None."""
    spec = config.spec
    if spec.needs_key and not config.api_key:
        return f"{spec.label.split(' (')[0]} needs a key: set TRACKER_MT_{spec.name.upper()}_KEY or [mt.{spec.name}]."
    if spec.name == "libre" and not (config.api_key or config.url):
        return "LibreTranslate needs a server: set TRACKER_MT_LIBRE_URL or [mt.libre] url (or a key)."
    return None


_SECRET_PARAM = re.compile(r"(key|token|secret|pass|auth|sig|credential)", re.IGNORECASE)


def mask_url(url: str) -> str:
    """A server URL fit to print: a password in it and the values of secret-looking query parameters hidden."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        host = f"[{host}]" if ":" in host else host
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(a URL that does not parse)"
    user = f"{parts.username}:***@" if parts.password is not None else f"{parts.username}@" if parts.username else ""
    query = urlencode(
        [(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)],
        safe="*",
    )
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, query, ""))


def statuses(table: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> list[ProviderStatus]:
    """Every provider with whether it is configured and how."""
    table = mt_table() if table is None else table
    out = []
    for name, spec in PROVIDERS.items():
        config = load(name, table, env)
        problem = check(config)
        bits = [f"server {mask_url(config.url)}" if config.url else "official server"]
        if config.api_key:
            bits.append("key set")
        out.append(ProviderStatus(name, spec.label, problem is None, problem or ", ".join(bits)))
    return out


def make_translator(config: ProviderConfig, source: str, target: str) -> Any:
    """A deep-translator object for this configuration (imports deep_translator: call it only to translate)."""
    import deep_translator

    from tracker.mt import transport

    transport.install()
    spec = config.spec
    cls = getattr(deep_translator, spec.class_name)
    kwargs: dict[str, Any] = {"source": spec.code(source), "target": spec.code(target)}
    opts = dict(config.options)
    if spec.name == "libre":
        # deep-translator refuses a missing key even for a keyless self-hosted server; the server ignores it.
        kwargs["api_key"] = config.api_key or "-"
        if config.url:
            kwargs["custom_url"] = config.url if config.url.endswith("/") else config.url + "/"
    elif spec.name == "deepl":
        kwargs["api_key"] = config.api_key
        free = opts.get("free", str(bool(config.api_key and config.api_key.endswith(":fx"))))
        kwargs["use_free_api"] = free.lower() in {"1", "true", "yes"}
    elif spec.name == "microsoft":
        kwargs["api_key"] = config.api_key
        if opts.get("region"):
            kwargs["region"] = opts["region"]
    elif spec.name == "mymemory" and opts.get("email"):
        kwargs["email"] = opts["email"]
    return cls(**kwargs)
