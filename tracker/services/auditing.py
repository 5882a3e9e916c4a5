"""Checking the audit chain: its hashes, the fact rows it recorded, and a head kept outside the database (CI logs,
a file in git, an admin's note), optionally signed with an admin's SSH key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.audit import check_head, format_head, head, parse_head, verify
from tracker.errors import InputError
from tracker.services.signing import AUDIT_NAMESPACE, sign, signer, split_signed
from tracker.storage import Store


@dataclass(frozen=True)
class AuditCheck:
    """What `tracker audit --verify` found: the chain's size and head, problems, who signed the expected head."""

    entries: int
    head: str
    problems: tuple[str, ...]
    signed_by: str | None = None


def head_line(store: Store) -> str:
    """The chain's head as one line: COUNT HASH."""
    return format_head(*head(store.audit()))


def signed_head(store: Store, key: Path) -> str:
    """The head line followed by its SSH signature with `key` (namespace tracker-audit)."""
    line = head_line(store)
    return f"{line}\n{sign((line + chr(10)).encode(), key, AUDIT_NAMESPACE)}\n"


def read_expected(expect: str) -> tuple[str, str | None]:
    """A head given on the command line or in a file (what `--head`/`--head --sign` printed): (line, signature)."""
    path = Path(expect)
    text = expect
    if parse_head(expect) is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(expect, "neither a head (COUNT HASH) nor a readable file holding one") from exc
    content, signature = split_signed(text)
    line = content.strip()
    if parse_head(line) is None:
        raise InputError(expect, "does not hold an audit head (COUNT HASH, as `tracker audit --head` prints)")
    return line, signature


def check_audit(store: Store, *, expect: str | None = None, allowed_signers: Path | None = None) -> AuditCheck:
    """Every problem of the chain: edited, removed or reordered entries, fact rows changed behind it, and (with
    `expect`) a chain cut or rewritten since that head; with `allowed_signers` the head must carry a good signature."""
    entries = store.audit()
    problems = [*verify(entries), *store.fact_problems(entries)]
    signed_by = None
    if expect is not None:
        line, signature = read_expected(expect)
        parsed = parse_head(line)
        assert parsed is not None  # read_expected checked it
        problems += check_head(entries, parsed)
        if allowed_signers is not None:
            if signature is None:
                problems.append("the expected head is not signed (sign it with `tracker audit --head --sign KEY`)")
            else:
                signed_by = signer((line + "\n").encode(), signature, allowed_signers, AUDIT_NAMESPACE)
                if signed_by is None:
                    problems.append(f"the expected head's signature does not verify against {allowed_signers}")
    return AuditCheck(len(entries), format_head(*head(entries)), tuple(problems), signed_by)
