"""SSH signatures, as git signs commits: `ssh-keygen -Y sign` with a person's key, `-Y verify` against an
allowed-signers file (one `PRINCIPAL KEYTYPE KEY` a line). Each kind of signed thing has its own namespace, so a
signature made for one can never pass for another.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tracker.errors import InputError

AUDIT_NAMESPACE = "tracker-audit"
DECISION_NAMESPACE = "tracker-decision"  # approvals, acknowledgements and waivers in a story folder
BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"
_TIMEOUT_S = 20


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise InputError("ssh-keygen", "not installed (apt-get install openssh-client): signatures need it")
    return found


def _run(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([_ssh_keygen(), *args], input=data, capture_output=True, timeout=_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise InputError("ssh-keygen", f"gave no answer in {_TIMEOUT_S} s (a key asking for a passphrase?)") from exc


def sign(data: bytes, key: Path, namespace: str) -> str:
    """An armored SSH signature of `data` by the private key at `key` (its agent or an unencrypted key file)."""
    if not key.is_file():
        raise InputError(str(key), "no such key file")
    done = _run(["-Y", "sign", "-q", "-f", str(key), "-n", namespace], data)
    text = done.stdout.decode("utf-8", "replace").strip()
    if done.returncode != 0 or BEGIN not in text:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(str(key), f"cannot sign with it ({problem[-1] if problem else 'ssh-keygen failed'})")
    return text


def split_signed(text: str) -> tuple[str, str | None]:
    """A text's content and the armored signature that follows it, if any."""
    if BEGIN not in text:
        return text, None
    content, _, rest = text.partition(BEGIN)
    return content, BEGIN + rest.split(END, 1)[0] + END


def signer_in(
    data: bytes, signature: str, allowed_signers: str, namespace: str, expected: str | None = None
) -> str | None:
    """`signer` against an allowed-signers file's text (read from a git revision, say)."""
    with tempfile.TemporaryDirectory(prefix="tracker-signers-") as tmp:
        path = Path(tmp) / "allowed_signers"
        path.write_text(allowed_signers, encoding="utf-8")
        return signer(data, signature, path, namespace, expected)


def signer(
    data: bytes, signature: str, allowed_signers: Path, namespace: str, expected: str | None = None
) -> str | None:
    """The principal of `allowed_signers` whose key made `signature` over `data` in `namespace` (`expected`
    first); None when the signature is forged, made for other data or another
    namespace, or by a key the file does not list."""
    if not allowed_signers.is_file():
        raise InputError(str(allowed_signers), "no such allowed-signers file")
    with tempfile.TemporaryDirectory(prefix="tracker-sig-") as tmp:
        sig = Path(tmp) / "data.sig"
        sig.write_text(signature.strip() + "\n", encoding="utf-8")
        # find-principals names only the first principal listing the key: try the expected one first
        found = _run(["-Y", "find-principals", "-s", str(sig), "-f", str(allowed_signers)], b"")
        listed = found.stdout.decode("utf-8", "replace").replace(",", " ").split() if found.returncode == 0 else []
        principals = [expected] if expected else []
        for principal in [*principals, *(p for p in listed if p != expected)]:
            args = ["-Y", "verify", "-f", str(allowed_signers), "-I", principal, "-n", namespace, "-s", str(sig)]
            if _run(args, data).returncode == 0:
                return principal
    return None
