"""Retries, specific errors (401/403, missing repo or revision, no network) and a token that never leaks."""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import Any

import pytest

from tenacious_bench import cli
from tenacious_bench.hub import errors
from tenacious_bench.hub.dataset import load_hub_tasks, push_folder
from tenacious_bench.hub.errors import (
    HubAuthError,
    HubNetworkError,
    HubNotFoundError,
    HubTransientError,
    redact,
)
from tests.hub.conftest import PLANTED_TOKEN, READ_ONLY_TOKEN, point_clients_at

pytestmark = pytest.mark.xdist_group("hub")


@pytest.fixture
def small_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "README.md").write_text("---\nlicense: cc-by-4.0\n---\n# small\n")
    (folder / "data.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 8 + b"PAR1")
    return folder


def _assert_no_token(*texts: str) -> None:
    for text in texts:
        assert PLANTED_TOKEN not in text and READ_ONLY_TOKEN not in text


def test_transient_503s_are_retried_then_the_push_succeeds(hub: Any, small_folder: Path) -> None:
    hub.state.fail_next(r"POST /api/datasets/tenacious/retry503/commit/", status=503, times=2)
    sha = push_folder("tenacious/retry503", small_folder, repo_type="dataset", private=False, message="m")
    assert len(sha) == 40
    commits = [s for m, p, s in hub.state.requests if m == "POST" and "/tenacious/retry503/commit/" in p]
    assert commits == [503, 503, 200]


def test_persistent_5xx_stops_after_the_bounded_retries(hub: Any, small_folder: Path) -> None:
    hub.state.fail_next(r"POST /api/repos/create", status=502, times=50)
    with pytest.raises(HubTransientError, match=r"kept failing \(502\) after 4 attempts"):
        push_folder("tenacious/down", small_folder, repo_type="dataset", private=False, message="m")
    creates = [s for m, p, s in hub.state.requests if p == "/api/repos/create"]
    assert creates[-4:] == [502] * 4 and len([c for c in creates if c == 502]) >= 4
    hub.state.faults.clear()


def test_timeouts_are_retried_with_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx2

    waits: list[float] = []
    monkeypatch.setattr(errors, "_sleep", waits.append)
    monkeypatch.setattr(errors, "RETRY_BASE_SECONDS", 1.0)
    calls = iter([httpx2.ReadTimeout("slow"), httpx2.ReadTimeout("slow"), "ok"])

    def flaky() -> str:
        item = next(calls)
        if isinstance(item, Exception):
            raise item
        return item

    assert errors.call(flaky, "test") == "ok"
    assert waits == [1.0, 2.0]


def test_a_wrong_token_is_a_specific_401_and_never_shown(hub: Any, small_folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    wrong = "hf_WRONGtokenPlanted0123456789abcdefghij"
    monkeypatch.setenv("HF_TOKEN", wrong)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(HubAuthError, match=r"refused the token \(401: missing, wrong or expired") as info:
        push_folder("tenacious/auth401", small_folder, repo_type="dataset", private=False, message="m")
    text = str(info.value) + repr(info.value) + caplog.text
    assert wrong not in text and info.value.__cause__ is None


def test_a_read_only_token_is_a_specific_403(hub: Any, small_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", READ_ONLY_TOKEN)
    with pytest.raises(HubAuthError, match=r"403: the token lacks this permission.*write access") as info:
        push_folder("tenacious/auth403", small_folder, repo_type="dataset", private=False, message="m")
    _assert_no_token(str(info.value))


def test_missing_repo_and_missing_revision_are_named(hub: Any, published_dataset: dict[str, Any]) -> None:
    with pytest.raises(HubNotFoundError, match=r"dataset tenacious/no-such-repo.*repository not found"):
        load_hub_tasks("tenacious/no-such-repo", "dev", revision="a" * 40)
    with pytest.raises(HubNotFoundError, match=r"revision not found"):
        load_hub_tasks(published_dataset["repo_id"], "dev", revision="f" * 40)


def test_a_private_repo_without_a_token_reads_as_not_found(hub: Any, small_folder: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    sha = push_folder("tenacious/private-one", small_folder, repo_type="dataset", private=True, message="m")
    assert hub.state.repos[("dataset", "tenacious/private-one")].private
    monkeypatch.delenv("HF_TOKEN")
    with pytest.raises(HubNotFoundError, match="a private repo also needs a token"):
        load_hub_tasks("tenacious/private-one", "dev", revision=sha)


def test_no_network_is_a_clear_error(hub: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     small_folder: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    point_clients_at(monkeypatch, dead, tmp_path / "home", PLANTED_TOKEN)
    with pytest.raises(HubNetworkError, match=r"cannot reach the Hub at http://127\.0\.0\.1") as info:
        load_hub_tasks("tenacious/tenacious-bench", "dev", revision="a" * 40)
    with pytest.raises(HubNetworkError):
        push_folder("tenacious/offline", small_folder, repo_type="dataset", private=False, message="m")
    _assert_no_token(str(info.value))


def test_redact_removes_known_and_token_shaped_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_TOKEN", PLANTED_TOKEN)
    assert redact(f"Authorization: Bearer {PLANTED_TOKEN}") == "Authorization: Bearer hf_***"
    assert redact("token hf_abcdefghijklmnop1234 used") == "token hf_*** used"


@pytest.mark.xdist_group("smollm2")  # uses the LoRA adapter made on SmolLM2 (see test_adapter.py)
def test_cli_publish_prints_the_sha_and_never_the_token(hub: Any, embedding_stand_in: None, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       caplog: pytest.LogCaptureFixture,
                                                       lora_adapter: Path, held_out_log: Path) -> None:
    """Every CLI path, success and failure, with the planted token in the environment and DEBUG logging."""
    from huggingface_hub import HfApi

    caplog.set_level(logging.DEBUG)
    dry = tmp_path / "dry"
    assert cli.main(["publish", "dataset", "--repo-id", "tenacious/cli-ds", "--dry-run", str(dry)]) == 0
    staged_files = {p.relative_to(dry).as_posix() for p in dry.rglob("*") if p.is_file()}
    assert ("dataset", "tenacious/cli-ds") not in hub.state.repos  # a dry run pushes nothing
    assert cli.main(["publish", "dataset", "--repo-id", "tenacious/cli-ds", "--revision-message", "first"]) == 0
    out1 = capsys.readouterr()
    sha = out1.out.strip().splitlines()[-1]
    assert len(sha) == 40 and f"revision={sha!r}" in out1.err
    pushed = set(HfApi().list_repo_files("tenacious/cli-ds", repo_type="dataset", revision=sha))
    assert pushed - {".gitattributes"} == staged_files  # the dry run wrote exactly what was pushed
    commits = HfApi().list_repo_commits("tenacious/cli-ds", repo_type="dataset", revision=sha)
    assert commits[0].title == "first"

    adry = tmp_path / "adry"
    args = ["publish", "adapter", "--repo-id", "tenacious/cli-lora", "--adapter", str(lora_adapter),
            "--base-model-id", "HuggingFaceTB/SmolLM2-135M-Instruct", "--log", str(held_out_log)]
    assert cli.main([*args, "--dry-run", str(adry)]) == 0
    assert cli.main(args) == 0
    assert cli.main(["publish", "adapter", "--repo-id", "tenacious/cli-lora", "--adapter", str(lora_adapter)]) == 1
    assert cli.main(["publish", "dataset", "--repo-id", "not-an-id"]) == 2
    out2 = capsys.readouterr()
    assert "no Hub id is known for the base model" in out2.err and "must look like ORG/NAME" in out2.err

    cards = [(dry / "README.md").read_text(), (adry / "README.md").read_text()]
    _assert_no_token(out1.out, out1.err, out2.out, out2.err, caplog.text, *cards,
                     *(p.read_text(errors="replace") for p in [*dry.rglob("*.json"), *adry.rglob("*.json")]))
    # ... and yet the token was really sent to the Hub on every write.
    assert any({k.lower(): v for k, v in h.items()}.get("authorization") == f"Bearer {PLANTED_TOKEN}"
               for h in hub.state.seen_headers)
