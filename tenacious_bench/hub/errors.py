"""Errors, retries and token redaction for every Hub call of this package.

`huggingface_hub` already retries some requests (LFS batch and uploads, tree pages); `call` adds a
bounded retry with exponential backoff around a whole operation for what it leaves out (repo
creation, repo info, the commit, `datasets.load_dataset`), and turns the libraries' exceptions into
`HubError` subclasses whose messages say what to do. Every message passes through `redact`, so a
token never reaches output, logs or exception text (the original exception is not chained either,
since its text and request headers may hold the token).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Bounded retries: 4 attempts, waits 1, 2, 4 s (capped at 8 s), on 429/5xx and timeouts only.
RETRY_ATTEMPTS = 4
RETRY_BASE_SECONDS = 1.0
RETRY_MAX_WAIT_SECONDS = 8.0
RETRY_STATUS = (429, 500, 502, 503, 504)
_sleep = time.sleep  # tests replace it

_TOKEN_RE = re.compile(r"hf_[A-Za-z0-9]{8,}")


class HubError(RuntimeError):
    """A Hub operation failed; the message says which and what to do. Never holds a token."""


class HubAuthError(HubError):
    """401 (no, wrong or expired token) or 403 (the token lacks the permission)."""


class HubNotFoundError(HubError):
    """The repo, revision or file does not exist, or is private and the token cannot read it."""


class HubNetworkError(HubError):
    """The Hub cannot be reached (no network, DNS, refused connection, offline mode)."""


class HubTransientError(HubError):
    """5xx, 429 or timeouts persisted through every retry."""


def _known_tokens() -> list[str]:
    tokens = [os.environ.get(k) for k in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")]
    try:
        from huggingface_hub import get_token

        tokens.append(get_token())
    except Exception:
        pass
    return [t for t in tokens if t]


def redact(text: str, extra: list[str] | None = None) -> str:
    """`text` with every known token and anything shaped like a Hub token replaced by `hf_***`."""
    for token in [*(extra or []), *_known_tokens()]:
        if token and len(token) >= 4:
            text = text.replace(token, "hf_***")
    return _TOKEN_RE.sub("hf_***", text)


def _endpoint() -> str:
    from huggingface_hub import constants

    return constants.ENDPOINT


def _status(err: BaseException) -> int | None:
    response = getattr(err, "response", None)
    return getattr(response, "status_code", None) if response is not None else None


def _is_timeout(err: BaseException) -> bool:
    name = type(err).__name__.lower()
    return "timeout" in name or isinstance(err, TimeoutError)


def _is_connection(err: BaseException) -> bool:
    from huggingface_hub.errors import OfflineModeIsEnabled

    names = {type(e).__name__ for e in _chain(err)}
    return isinstance(err, OfflineModeIsEnabled | ConnectionError) or bool(
        names & {"ConnectError", "ConnectionError", "OfflineModeIsEnabled", "LocalEntryNotFoundError",
                 "NameResolutionError", "ConnectionRefusedError", "gaierror"}
    )


def _chain(err: BaseException) -> list[BaseException]:
    out, seen = [], set()
    e: BaseException | None = err
    while e is not None and id(e) not in seen:
        out.append(e)
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return out


def is_transient(err: BaseException) -> bool:
    return any(_status(e) in RETRY_STATUS or _is_timeout(e) for e in _chain(err))


def translate(err: BaseException, what: str) -> HubError:
    """A `HubError` naming `what` failed and why; `err`'s own text only after redaction."""
    from huggingface_hub.errors import (
        EntryNotFoundError,
        GatedRepoError,
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    if isinstance(err, HubError):
        return err
    chain = _chain(err)
    status = next((s for s in map(_status, chain) if s is not None), None)
    names = {type(e).__name__ for e in chain}
    if any(isinstance(e, RevisionNotFoundError) for e in chain) or "RevisionNotFoundError" in names:
        return HubNotFoundError(f"{what}: revision not found (check the commit sha, branch or tag)")
    if any(isinstance(e, GatedRepoError) for e in chain):
        return HubAuthError(f"{what}: the repo is gated; request access on the Hub, then use a token that has it")
    if status == 401 or status == 403:
        return HubAuthError(
            f"{what}: the Hub refused the token ({status}: "
            + ("missing, wrong or expired token" if status == 401 else "the token lacks this permission; "
               "publishing needs a token with write access to the namespace")
            + "). Set HF_TOKEN or run `hf auth login`."
        )
    if any(isinstance(e, RepositoryNotFoundError) for e in chain) or "DatasetNotFoundError" in names:
        return HubNotFoundError(
            f"{what}: repository not found (check the id; a private repo also needs a token that can read it)"
        )
    if any(isinstance(e, EntryNotFoundError) for e in chain):
        return HubNotFoundError(f"{what}: file not found in the repo at this revision")
    if _is_connection(err) and status is None:
        return HubNetworkError(
            f"{what}: cannot reach the Hub at {_endpoint()} (no network, a proxy, or HF_HUB_OFFLINE=1); "
            f"{type(err).__name__}: {redact(str(err))[:300]}"
        )
    if is_transient(err):
        return HubTransientError(
            f"{what}: the Hub kept failing ({status or 'timeout'}) after {RETRY_ATTEMPTS} attempts; try again later"
        )
    if isinstance(err, HfHubHTTPError):
        return HubError(f"{what}: the Hub answered {status}: {redact(str(err))[:500]}")
    return HubError(f"{what}: {type(err).__name__}: {redact(str(err))[:500]}")


def call(fn: Callable[[], T], what: str, *, attempts: int | None = None) -> T:
    """Run `fn`, retrying transient failures with exponential backoff; raise a translated `HubError`."""
    attempts = attempts or RETRY_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except HubError:
            raise
        except Exception as err:
            if attempt < attempts and is_transient(err) and not _is_connection_refused(err):
                _sleep(min(RETRY_BASE_SECONDS * 2 ** (attempt - 1), RETRY_MAX_WAIT_SECONDS))
                continue
            raise translate(err, what) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _is_connection_refused(err: BaseException) -> bool:
    return any(type(e).__name__ in ("ConnectError", "ConnectionRefusedError") for e in _chain(err))

