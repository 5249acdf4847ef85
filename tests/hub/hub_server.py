"""A loopback Hugging Face Hub-compatible server for tests (standard library only).

It implements the part of the Hub's HTTP API that the real `huggingface_hub`, `datasets`,
`transformers` and `peft` clients use to create a repo, commit files (regular and LFS) and read them
back by revision:

- ``POST /api/repos/create``, ``POST /api/validate-yaml``, ``GET /api/whoami-v2``
- ``POST /api/{type}s/{id}/preupload/{rev}`` (upload modes), the LFS batch API
  ``POST /[datasets/]{id}.git/info/lfs/objects/batch`` and ``PUT /lfs-upload/{oid}``
- ``POST /api/{type}s/{id}/commit/{rev}`` (NDJSON: header, file, lfsFile, deletedFile)
- ``GET /api/{type}s/{id}[/revision/{rev}]`` (repo info: sha, siblings, cardData),
  ``GET /api/{type}s/{id}/tree/{rev}[/{path}]``, ``POST /api/{type}s/{id}/paths-info/{rev}``,
  ``GET /api/{type}s/{id}/refs``, ``GET /api/{type}s/{id}/commits/{rev}``
- ``HEAD``/``GET /[datasets/]{id}/resolve/{rev}/{path}`` with ``ETag``, ``X-Repo-Commit``,
  ``Content-Length`` and ``Range``;
- errors as the Hub sends them: ``X-Error-Code`` RepoNotFound / RevisionNotFound / EntryNotFound,
  401 with ``X-Error-Message`` for a bad token, 403 for a read-only token writing.

Revisions are branch names (``main``) or full 40-hex commit shas; every commit is kept, so an old sha
still resolves after new commits. Tests inject faults with `fail_next` (status codes such as 503 for
the next N matching requests) and read `requests` (method, path, status) to see what the clients did.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

LFS_SUFFIXES = (".parquet", ".safetensors", ".bin", ".gguf", ".arrow", ".pt")
LFS_MIN_SIZE = 10 * 1024 * 1024  # the Hub's threshold for "regular" text files
SHA_RE = re.compile(r"^[0-9a-f]{40}$")


def git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class DiskBlob:
    """A seeded file served from disk (a 500 MB base model is never held in memory); digests cached."""

    def __init__(self, path: Path):
        self.path = path
        self.size = path.stat().st_size
        self._sha256: str | None = None

    @property
    def sha256(self) -> str:
        if self._sha256 is None:
            h = hashlib.sha256()
            with open(self.path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            self._sha256 = h.hexdigest()
        return self._sha256


def blob_size(blob: bytes | DiskBlob) -> int:
    return blob.size if isinstance(blob, DiskBlob) else len(blob)


def blob_sha256(blob: bytes | DiskBlob) -> str:
    return blob.sha256 if isinstance(blob, DiskBlob) else hashlib.sha256(blob).hexdigest()


def blob_bytes(blob: bytes | DiskBlob) -> bytes:
    return blob.path.read_bytes() if isinstance(blob, DiskBlob) else blob


@dataclass
class Commit:
    sha: str
    parent: str | None
    message: str
    files: dict[str, bytes | DiskBlob]  # path -> content (LFS files hold their real bytes)
    lfs: set[str]
    date: str


@dataclass
class Repo:
    repo_type: str
    repo_id: str
    private: bool
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)  # name -> sha

    def resolve(self, revision: str) -> Commit | None:
        rev = unquote(revision)
        if rev in self.branches:
            return self.commits[self.branches[rev]]
        return self.commits.get(rev) if SHA_RE.match(rev) else None


@dataclass
class Fault:
    pattern: re.Pattern[str]
    status: int
    remaining: int
    delay: float = 0.0


class HubState:
    """The server's repos, LFS store, valid tokens, faults and request log (thread-safe)."""

    def __init__(self, write_token: str, read_token: str | None = None, user: str = "tester"):
        self.lock = threading.RLock()
        self.repos: dict[tuple[str, str], Repo] = {}
        self.lfs_store: dict[str, bytes] = {}
        self.write_token = write_token
        self.read_token = read_token
        self.user = user
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, int]] = []
        self.seen_headers: list[dict[str, str]] = []

    # -- test helpers ---------------------------------------------------------------------------
    def fail_next(self, pattern: str, status: int = 503, times: int = 1, delay: float = 0.0) -> None:
        """The next `times` requests whose 'METHOD /path' matches `pattern` get `status` (after `delay` s)."""
        with self.lock:
            self.faults.append(Fault(re.compile(pattern), status, times, delay))

    def seed_folder(self, repo_type: str, repo_id: str, folder: Path, message: str = "seed") -> str:
        """Create a public repo holding every file of `folder` (e.g. a base model) in one commit."""
        files: dict[str, bytes | DiskBlob] = {}
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                rel = p.relative_to(folder).as_posix()
                files[rel] = DiskBlob(p) if p.stat().st_size >= LFS_MIN_SIZE else p.read_bytes()
        with self.lock:
            repo = self.repos.setdefault((repo_type, repo_id), Repo(repo_type, repo_id, private=False))
            lfs = {p for p, b in files.items() if p.endswith(LFS_SUFFIXES) or blob_size(b) >= LFS_MIN_SIZE}
            return self._commit(repo, "main", files, lfs, message)

    def _commit(self, repo: Repo, branch: str, files: dict[str, bytes | DiskBlob], lfs: set[str],
                message: str) -> str:
        parent = repo.branches.get(branch)
        h = hashlib.sha1()
        h.update((parent or "").encode() + message.encode() + str(time.time_ns()).encode())
        for path in sorted(files):
            h.update(path.encode() + blob_sha256(files[path]).encode())
        sha = h.hexdigest()
        repo.commits[sha] = Commit(sha, parent, message, dict(files), set(lfs),
                                   time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()))
        repo.branches[branch] = sha
        return sha


class _Handler(BaseHTTPRequestHandler):
    server_version = "LoopbackHub/1.0"
    protocol_version = "HTTP/1.1"

    @property
    def state(self) -> HubState:
        return self.server.state  # type: ignore[attr-defined]

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]  # type: ignore[misc]
        return f"http://{host}:{port}"

    def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr log
        pass

    # -- plumbing -------------------------------------------------------------------------------
    def _body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str = "application/json", head: bool = False) -> None:
        # Record before answering: a client may act on the answer (and a test read `requests`) before
        # this thread gets the lock again.
        with self.state.lock:
            self.state.requests.append((self.command, self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj).encode(), headers)

    def _error(self, status: int, message: str, code: str | None = None, head: bool = False) -> None:
        headers = {"X-Error-Message": message}
        if code:
            headers["X-Error-Code"] = code
        self._send(status, json.dumps({"error": message}).encode(), headers, head=head)

    def _token(self) -> str | None:
        auth = self.headers.get("Authorization") or ""
        return auth[len("Bearer "):] if auth.startswith("Bearer ") else None

    def _auth(self, write: bool, head: bool = False) -> bool | None:
        """None if the request was answered with an auth error; else whether it may write."""
        token = self._token()
        st = self.state
        if token is None:
            if write:
                self._error(401, "You must be authenticated to do this", head=head)
                return None
            return False
        if token == st.write_token:
            return True
        if st.read_token is not None and token == st.read_token:
            if write:
                self._error(403, "You don't have the rights to write to this repo (read-only token)", head=head)
                return None
            return False
        self._error(401, "Invalid credentials in Authorization header", head=head)
        return None

    def _fault(self) -> bool:
        key = f"{self.command} {self.path}"
        with self.state.lock:
            for f in self.state.faults:
                if f.remaining > 0 and f.pattern.search(key):
                    f.remaining -= 1
                    fault = f
                    break
            else:
                return False
        if fault.delay:
            time.sleep(fault.delay)
        if self.command in ("POST", "PUT"):
            self._body()
        self._error(fault.status, f"injected fault {fault.status}", head=self.command == "HEAD")
        return True

    def _repo(self, repo_type: str, repo_id: str, may_read_private: bool, head: bool = False) -> Repo | None:
        repo = self.state.repos.get((repo_type, repo_id))
        if repo is None or (repo.private and not may_read_private):
            self._error(404, "Repository not found", "RepoNotFound", head=head)
            return None
        return repo

    def _commit_of(self, repo: Repo, revision: str, head: bool = False) -> Commit | None:
        commit = repo.resolve(revision)
        if commit is None:
            self._error(404, f"Invalid rev id: {unquote(revision)}", "RevisionNotFound", head=head)
        return commit

    def _readable_repo(self, repo_type: str, repo_id: str, head: bool = False) -> Repo | None:
        """The repo if this request may read it; otherwise the 401/404 has been sent and None returned."""
        may = self._auth(write=False, head=head)
        return None if may is None else self._repo(repo_type, repo_id, may, head=head)

    def _readable(self, repo_type: str, g: dict[str, Any], head: bool = False) -> tuple[Repo, Commit] | None:
        """(repo, commit at g["rev"] or main) if readable; otherwise the error has been sent."""
        repo = self._readable_repo(repo_type, g["id"], head=head)
        commit = repo and self._commit_of(repo, g.get("rev") or "main", head=head)
        return (repo, commit) if repo and commit else None

    # -- dispatch -------------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self._dispatch()

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    ROUTES: tuple[tuple[str, str, str], ...] = (
        ("POST", r"^/api/repos/create$", "create_repo"),
        ("POST", r"^/api/validate-yaml$", "validate_yaml"),
        ("GET", r"^/api/whoami-v2$", "whoami"),
        ("POST", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)/preupload/(?P<rev>[^/]+)$", "preupload"),
        ("POST", r"^/(?P<prefix>datasets/)?(?P<id>[^/]+/[^/]+)\.git/info/lfs/objects/batch$", "lfs_batch"),
        ("PUT", r"^/lfs-upload/(?P<oid>[0-9a-f]{64})$", "lfs_put"),
        ("POST", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)/commit/(?P<rev>[^/]+)$", "commit"),
        ("GET", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)(?:/revision/(?P<rev>[^/]+))?$", "info"),
        ("GET", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)/tree/(?P<rev>[^/]+)(?:/(?P<path>.+))?$", "tree"),
        ("POST", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)/paths-info/(?P<rev>[^/]+)$", "paths_info"),
        ("GET", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)/refs$", "refs"),
        ("GET", r"^/api/(?P<t>model|dataset)s/(?P<id>[^/]+/[^/]+)/commits/(?P<rev>[^/]+)$", "commits"),
        ("GET", r"^/(?P<prefix>datasets/)?(?P<id>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<path>.+)$", "resolve"),
        ("HEAD", r"^/(?P<prefix>datasets/)?(?P<id>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<path>.+)$", "resolve"),
    )

    def _dispatch(self) -> None:
        if self._fault():
            return
        url = urlsplit(self.path)
        with self.state.lock:
            self.state.seen_headers.append({k: v for k, v in self.headers.items()})
        for method, pattern, name in self.ROUTES:
            if method != self.command:
                continue
            m = re.match(pattern, url.path)
            if m:
                try:
                    getattr(self, f"h_{name}")(m.groupdict(), parse_qs(url.query))
                except Exception as err:  # a fixture bug must show up as a 500 with its message
                    self._error(500, f"loopback hub error: {type(err).__name__}: {err}")
                return
        if self.command in ("POST", "PUT"):
            self._body()
        self._error(404, f"loopback hub: no route for {self.command} {url.path}", head=self.command == "HEAD")

    # -- handlers -------------------------------------------------------------------------------
    def h_whoami(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        write = self._auth(write=True)
        if write is None:
            return
        self._json(200, {"type": "user", "name": self.state.user,
                         "auth": {"accessToken": {"displayName": "test", "role": "write"}}})

    def h_create_repo(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        body = json.loads(self._body() or b"{}")
        if self._auth(write=True) is None:
            return
        repo_type = body.get("type") or "model"
        name, org = body["name"], body.get("organization") or self.state.user
        repo_id = f"{org}/{name}"
        prefix = "datasets/" if repo_type == "dataset" else ""
        url = f"{self.base}/{prefix}{repo_id}"
        with self.state.lock:
            if (repo_type, repo_id) in self.state.repos:
                self._json(409, {"error": "You already created this repo", "url": url})
                return
            repo = Repo(repo_type, repo_id, private=bool(body.get("private")) or body.get("visibility") == "private")
            self.state.repos[(repo_type, repo_id)] = repo
            self.state._commit(repo, "main", {".gitattributes": b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
                                              b"*.safetensors filter=lfs diff=lfs merge=lfs -text\n"},
                               set(), "initial commit")
        self._json(200, {"url": url, "name": repo_id, "id": repo_id})

    def h_validate_yaml(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        body = json.loads(self._body() or b"{}")
        content = body.get("content", "")
        m = re.match(r"^---\n(.*?)\n---\n", content, re.S)
        try:
            data = yaml.safe_load(m.group(1)) if m else {}
        except yaml.YAMLError as err:
            self._send(400, f"invalid YAML front matter: {err}".encode(), content_type="text/plain")
            return
        if not isinstance(data, dict):
            self._send(400, b"front matter must be a mapping", content_type="text/plain")
            return
        self._json(200, {"errors": [], "warnings": []})

    def h_preupload(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        body = json.loads(self._body() or b"{}")
        if self._auth(write=True) is None:
            return
        repo = self._repo(g["t"], g["id"], True)
        if repo is None or self._commit_of(repo, g["rev"]) is None:
            return
        files = []
        for f in body.get("files", []):
            lfs = f["path"].endswith(LFS_SUFFIXES) or f["size"] >= LFS_MIN_SIZE
            files.append({"path": f["path"], "uploadMode": "lfs" if lfs else "regular", "shouldIgnore": False,
                          "oid": None})
        self._json(200, {"files": files, "commitOid": repo.branches.get(unquote(g["rev"]))})

    def h_lfs_batch(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        body = json.loads(self._body() or b"{}")
        if self._auth(write=True) is None:
            return
        repo_type = "dataset" if g.get("prefix") else "model"
        if self._repo(repo_type, g["id"], True) is None:
            return
        objects = []
        for o in body.get("objects", []):
            entry: dict[str, Any] = {"oid": o["oid"], "size": o["size"]}
            if o["oid"] not in self.state.lfs_store:
                entry["actions"] = {"upload": {"href": f"{self.base}/lfs-upload/{o['oid']}", "header": {}}}
            objects.append(entry)
        self._send(200, json.dumps({"transfer": "basic", "objects": objects}).encode(),
                   content_type="application/vnd.git-lfs+json")

    def h_lfs_put(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        data = self._body()
        if hashlib.sha256(data).hexdigest() != g["oid"]:
            self._error(400, "sha256 of the uploaded object does not match its oid")
            return
        with self.state.lock:
            self.state.lfs_store[g["oid"]] = data
        self._send(200, b"")

    def h_commit(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        raw = self._body()
        if self._auth(write=True) is None:
            return
        repo = self._repo(g["t"], g["id"], True)
        if repo is None:
            return
        branch = unquote(g["rev"])
        with self.state.lock:
            if branch not in repo.branches:
                self._error(404, f"Invalid rev id: {branch}", "RevisionNotFound")
                return
            current = repo.commits[repo.branches[branch]]
            files, lfs = dict(current.files), set(current.lfs)
            summary = ""
            for line in raw.splitlines():
                if not line.strip():
                    continue
                item = json.loads(line)
                key, value = item["key"], item["value"]
                if key == "header":
                    summary = value.get("summary", "")
                    parent = value.get("parentCommit")
                    if parent and parent != current.sha:
                        self._error(412, "A commit has happened since. Please refresh and try again.")
                        return
                elif key == "file":
                    files[value["path"]] = base64.b64decode(value["content"])
                    lfs.discard(value["path"])
                elif key == "lfsFile":
                    data = self.state.lfs_store.get(value["oid"])
                    if data is None:
                        self._error(422, f"LFS object {value['oid']} for {value['path']} was never uploaded")
                        return
                    files[value["path"]] = data
                    lfs.add(value["path"])
                elif key == "deletedFile":
                    files.pop(value["path"], None)
                    lfs.discard(value["path"])
                elif key == "deletedFolder":
                    for p in [p for p in files if p.startswith(value["path"].rstrip("/") + "/")]:
                        files.pop(p)
                        lfs.discard(p)
                else:
                    self._error(400, f"unknown commit operation {key!r}")
                    return
            sha = self.state._commit(repo, branch, files, lfs, summary)
        prefix = "datasets/" if repo.repo_type == "dataset" else ""
        self._json(200, {"success": True, "commitOid": sha, "commitMessage": summary,
                         "commitUrl": f"{self.base}/{prefix}{repo.repo_id}/commit/{sha}",
                         "pullRequestUrl": None})

    def _entry(self, commit: Commit, path: str) -> dict[str, Any]:
        blob = commit.files[path]
        size = blob_size(blob)
        if path in commit.lfs:  # the oid of an LFS file is that of its pointer; any stable hash does here
            return {"type": "file", "path": path, "size": size, "oid": blob_sha256(blob)[:40],
                    "lfs": {"oid": blob_sha256(blob), "size": size, "pointerSize": 134}}
        return {"type": "file", "path": path, "size": size, "oid": git_blob_sha1(blob_bytes(blob))}

    def _folders(self, commit: Commit) -> set[str]:
        out = set()
        for p in commit.files:
            parts = p.split("/")[:-1]
            out.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
        return out

    def h_info(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        found = self._readable(g["t"], g)
        if found is None:
            return
        repo, commit = found
        card: dict[str, Any] | None = None
        readme = blob_bytes(commit.files.get("README.md", b"")).decode("utf-8", "replace")
        m = re.match(r"^---\n(.*?)\n---\n", readme, re.S)
        if m:
            card = yaml.safe_load(m.group(1))
        info = {
            "_id": hashlib.md5(repo.repo_id.encode()).hexdigest()[:24], "id": repo.repo_id,
            "author": repo.repo_id.split("/")[0], "sha": commit.sha, "private": repo.private,
            "gated": False, "disabled": False, "downloads": 0, "likes": 0, "tags": [],
            "lastModified": commit.date, "createdAt": commit.date,
            "siblings": [{"rfilename": p} for p in sorted(commit.files)],
        }
        if card is not None:
            info["cardData"] = card
        if repo.repo_type == "model":
            info["modelId"] = repo.repo_id
        self._json(200, info)

    def h_tree(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        found = self._readable(g["t"], g)
        if found is None:
            return
        _, commit = found
        base = unquote(g.get("path") or "").strip("/")
        recursive = (q.get("recursive") or ["false"])[0].lower() in ("1", "true")
        folders = self._folders(commit)
        if base and base not in folders:
            self._error(404, f"{base} does not exist on {g['rev']}", "EntryNotFound")
            return
        prefix = base + "/" if base else ""
        out: list[dict[str, Any]] = []
        for f in sorted(folders):
            rest = f[len(prefix):] if f.startswith(prefix) else None
            if rest and (recursive or "/" not in rest):
                out.append({"type": "directory", "path": f, "oid": hashlib.sha1(f.encode()).hexdigest(), "size": 0})
        for p in sorted(commit.files):
            rest = p[len(prefix):] if p.startswith(prefix) else None
            if rest and (recursive or "/" not in rest):
                out.append(self._entry(commit, p))
        self._json(200, out)

    def h_paths_info(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        raw = self._body().decode()
        found = self._readable(g["t"], g)
        if found is None:
            return
        _, commit = found
        ctype = self.headers.get("Content-Type") or ""
        paths = json.loads(raw).get("paths", []) if "json" in ctype else parse_qs(raw).get("paths", [])
        folders = self._folders(commit)
        out = []
        for p in paths:
            p = p.strip("/")
            if p in commit.files:
                out.append(self._entry(commit, p))
            elif p in folders:
                out.append({"type": "directory", "path": p, "oid": hashlib.sha1(p.encode()).hexdigest(), "size": 0})
        self._json(200, out)

    def h_refs(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        repo = self._readable_repo(g["t"], g["id"])
        if repo is None:
            return
        self._json(200, {"branches": [{"name": b, "ref": f"refs/heads/{b}", "targetCommit": s}
                                      for b, s in repo.branches.items()], "tags": [], "converts": []})

    def h_commits(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        found = self._readable(g["t"], g)
        if found is None:
            return
        repo, commit = found
        out = []
        while commit is not None:
            out.append({"id": commit.sha, "title": commit.message, "message": "", "authors": [{"user": "tester"}],
                        "date": commit.date})
            commit = repo.commits.get(commit.parent) if commit.parent else None
        self._json(200, out)

    def h_resolve(self, g: dict[str, Any], q: dict[str, Any]) -> None:
        head = self.command == "HEAD"
        found = self._readable("dataset" if g.get("prefix") else "model", g, head=head)
        if found is None:
            return
        commit = found[1]
        path = unquote(g["path"])
        if path not in commit.files:
            self._error(404, f"Entry not found: {path}", "EntryNotFound", head=head)
            return
        blob = commit.files[path]
        size = blob_size(blob)
        etag = blob_sha256(blob) if path in commit.lfs else git_blob_sha1(blob_bytes(blob))
        headers = {"ETag": f'"{etag}"', "X-Repo-Commit": commit.sha, "Accept-Ranges": "bytes"}
        if path in commit.lfs:
            headers["X-Linked-Etag"] = f'"{etag}"'
            headers["X-Linked-Size"] = str(size)
        start, end, status = 0, size - 1, 200
        rng = self.headers.get("Range")
        if rng and not head:
            m = re.match(r"bytes=(\d*)-(\d*)", rng)
            if m:
                start = int(m.group(1)) if m.group(1) else max(0, size - int(m.group(2)))
                end = min(int(m.group(2)) if m.group(1) and m.group(2) else size - 1, size - 1)
                if start >= size > 0:
                    self._send(416, b"", {**headers, "Content-Range": f"bytes */{size}"},
                               content_type="application/octet-stream")
                    return
                headers["Content-Range"] = f"bytes {start}-{end}/{size}"
                status = 206
        with self.state.lock:
            self.state.requests.append((self.command, self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(size if head else end - start + 1))
        self.end_headers()
        if not head:
            if isinstance(blob, DiskBlob):
                with open(blob.path, "rb") as fh:
                    fh.seek(start)
                    left = end - start + 1
                    while left > 0:
                        chunk = fh.read(min(1 << 20, left))
                        if not chunk:
                            break
                        self.wfile.write(chunk)
                        left -= len(chunk)
            else:
                self.wfile.write(blob[start:end + 1])


class LoopbackHub:
    """Start/stop the server on 127.0.0.1 (a free port) in a daemon thread."""

    def __init__(self, write_token: str, read_token: str | None = None):
        self.state = HubState(write_token, read_token)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.state = self.state  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="loopback-hub", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LoopbackHub:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
