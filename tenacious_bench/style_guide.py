"""The style guide as data: loaded from YAML, validated, compiled once, identified by its hash."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import regex
import yaml

from tenacious_bench.text import normalize, phrase_pattern

DEFAULT_STYLE_GUIDE = "style_guide.yaml"


class StyleGuideError(ValueError):
    pass


@dataclass(frozen=True)
class PhraseHit:
    phrase: str
    start: int
    end: int
    category: str = ""


@dataclass(frozen=True)
class Phrase:
    """One phrase (word-boundary match on normalised text) or `regex: ...` entry."""

    source: str
    category: str = ""
    unless: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> regex.Pattern[str]:
        if self.source.startswith("regex:"):
            try:
                return regex.compile(self.source[len("regex:") :].strip())
            except regex.error as err:
                raise StyleGuideError(f"bad regex in style guide entry {self.source!r}: {err}") from None
        return phrase_pattern(self.source)

    @functools.cached_property
    def unless_patterns(self) -> tuple[regex.Pattern[str], ...]:
        return tuple(phrase_pattern(u) for u in self.unless)

    @functools.cached_property
    def literal(self) -> str:
        """A substring every match of a plain phrase contains (its longest word): a cheap pre-test."""
        if self.source.startswith("regex:"):
            return ""
        return max(regex.split(r"[\s\-]+", normalize(self.source)), key=len)

    def finditer(self, text: str):
        if self.literal not in text:
            return
        for m in self.pattern.finditer(text):
            if any(
                u.start() <= m.start() and m.end() <= u.end()
                for p in self.unless_patterns
                for u in p.finditer(text)
            ):
                continue
            yield m


@dataclass(frozen=True)
class PhraseSet:
    phrases: tuple[Phrase, ...]

    @functools.cached_property
    def _prefilter(self) -> regex.Pattern[str] | None:
        """One alternation of the plain phrases' literal words: if it finds nothing, no plain phrase
        can match. None when the set holds a regex entry (those are always tried)."""
        if not self.phrases or any(p.source.startswith("regex:") for p in self.phrases):
            return None
        literals = sorted({p.literal for p in self.phrases}, key=len, reverse=True)
        return regex.compile("|".join(regex.escape(x) for x in literals))

    def _may_match(self, text: str) -> bool:
        return self._prefilter is None or self._prefilter.search(text) is not None

    def find(self, text: str) -> list[PhraseHit]:
        if not self._may_match(text):
            return []
        hits = [
            PhraseHit(p.source, m.start(), m.end(), p.category)
            for p in self.phrases
            for m in p.finditer(text)
        ]
        return sorted(hits, key=lambda h: (h.start, -h.end))

    @functools.cached_property
    def _combined(self) -> regex.Pattern[str] | None:
        """Every phrase in one alternation (None if an entry has `unless` exceptions)."""
        if not self.phrases or any(p.unless for p in self.phrases):
            return None
        return regex.compile("|".join(f"(?:{p.pattern.pattern})" for p in self.phrases))

    def any(self, text: str) -> bool:
        if not self._may_match(text):
            return False
        if self._combined is not None:
            return self._combined.search(text) is not None
        return any(next(p.finditer(text), None) is not None for p in self.phrases)

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """The normalised plain phrases of the set (for word-list lookups)."""
        return frozenset(normalize(p.source) for p in self.phrases if not p.source.startswith("regex:"))


def phrase_set(entries: list[Any], where: str, category: str = "") -> PhraseSet:
    phrases = []
    for e in entries:
        if isinstance(e, str):
            phrases.append(Phrase(e, category))
        elif isinstance(e, dict) and isinstance(e.get("phrase"), str):
            phrases.append(Phrase(e["phrase"], e.get("category", category), tuple(e.get("unless", ()))))
        else:
            raise StyleGuideError(f"style guide {where}: entry {e!r} must be a string or {{phrase: ...}}")
    out = PhraseSet(tuple(phrases))
    for p in out.phrases:  # compile now, so a bad entry is reported at load time
        _ = p.pattern, p.unless_patterns, p.literal
    _ = out._prefilter, out._combined
    return out


@dataclass(frozen=True)
class ServiceFact:
    name: str
    values: tuple[float, ...]
    units: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # identity hash: a guide is a loaded, immutable object
class StyleGuide:
    raw: dict[str, Any] = field(repr=False)
    sha256: str
    source: str

    # -- simple values -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.raw["name"]

    @property
    def company_name(self) -> str:
        return self.raw["company"]["name"]

    @property
    def company_profile(self) -> dict[str, Any]:
        """The company's own words for prompts and the composer (description, call length, ...)."""
        return self.raw["company_profile"]

    @property
    def default_sender(self) -> dict[str, str]:
        return self.raw["default_sender"]

    @property
    def signature_titles(self) -> list[str]:
        return self.raw["signature"]["titles"]

    @property
    def signature_lines(self) -> list[str]:
        return self.raw["signature"]["lines"]

    @functools.cached_property
    def greetings(self) -> tuple[str, ...]:
        return tuple(normalize(g) for g in self.raw["greetings"])

    @functools.cached_property
    def sign_offs(self) -> tuple[str, ...]:
        return tuple(normalize(s) for s in self.raw["sign_offs"])

    def max_subject_chars(self) -> int:
        return int(self.raw["limits"]["max_subject_chars"])

    def max_body_words(self, kind: str) -> int:
        return int(self.raw["limits"]["max_body_words"][kind])

    @functools.cached_property
    def banned_openers(self) -> tuple[str, ...]:
        return tuple(normalize(w) for w in self.raw["subject"]["banned_openers"])

    @functools.cached_property
    def urgency_words(self) -> PhraseSet:
        return phrase_set(self.raw["subject"]["urgency_words"], "subject.urgency_words")

    @property
    def emoji_allowed_kinds(self) -> list[str]:
        return self.raw["emoji_allowed_kinds"]

    @property
    def attachment_kinds_banned(self) -> list[str]:
        return self.raw["attachment_kinds_banned"]

    @functools.cached_property
    def attachment_phrases(self) -> PhraseSet:
        return phrase_set(self.raw["attachment_phrases"], "attachment_phrases")

    # -- phrase sets ---------------------------------------------------------------------------
    @functools.cached_property
    def banned_phrases(self) -> PhraseSet:
        return phrase_set(self.raw["banned_phrases"], "banned_phrases", "banned")

    @functools.cached_property
    def prospect_facing_banned(self) -> PhraseSet:
        return phrase_set(
            self.raw["prospect_facing_banned_words"], "prospect_facing_banned_words", "internal"
        )

    @functools.cached_property
    def condescending_phrases(self) -> PhraseSet:
        return phrase_set(self.raw["condescending_phrases"], "condescending_phrases", "condescending")

    def honesty_set(self, key: str) -> PhraseSet:
        return self._honesty_sets[key]

    @functools.cached_property
    def _honesty_sets(self) -> dict[str, PhraseSet]:
        h = self.raw["honesty"]
        keys = [
            "uncertainty_markers",
            "conditional_markers",
            "assertive_growth_phrases",
            "pressure_phrases",
            "total_value_phrases",
            "engineer_nouns",
            "commitment_cues",
            "role_nouns",
            "ai_terms",
            "gap_terms",
            "month_names",
        ]
        return {k: phrase_set(h[k], f"honesty.{k}") for k in keys}

    @functools.cached_property
    def invented_signal_cues(self) -> dict[str, PhraseSet]:
        return {
            t: phrase_set(v, f"honesty.invented_signal_cues.{t}", t)
            for t, v in self.raw["honesty"]["invented_signal_cues"].items()
        }

    @functools.cached_property
    def service_facts(self) -> tuple[ServiceFact, ...]:
        return tuple(
            ServiceFact(
                f["name"], tuple(float(v) for v in f["values"]), tuple(normalize(u) for u in f["units"])
            )
            for f in self.raw["service_facts"]
        )

    @functools.cached_property
    def ask_cues(self) -> dict[str, PhraseSet]:
        return {c: phrase_set(v, f"asks.cues.{c}", c) for c, v in self.raw["asks"]["cues"].items()}

    @functools.cached_property
    def not_asks(self) -> PhraseSet:
        return phrase_set(self.raw["asks"]["not_asks"], "asks.not_asks")

    @property
    def max_first_call_minutes(self) -> int:
        return int(self.raw["asks"]["max_first_call_minutes"])

    def compile_all(self) -> StyleGuide:
        """Touch every compiled property so a bad entry fails at load time, not mid-scoring."""
        _ = (
            self.banned_phrases,
            self.prospect_facing_banned,
            self.condescending_phrases,
            self._honesty_sets,
            self.invented_signal_cues,
            self.service_facts,
            self.ask_cues,
            self.not_asks,
            self.urgency_words,
            self.attachment_phrases,
            self.greetings,
            self.sign_offs,
            self.banned_openers,
        )
        return self


_REQUIRED_KEYS = (
    "name",
    "company",
    "default_sender",
    "signature",
    "greetings",
    "sign_offs",
    "limits",
    "subject",
    "emoji_allowed_kinds",
    "attachment_kinds_banned",
    "attachment_phrases",
    "banned_phrases",
    "prospect_facing_banned_words",
    "condescending_phrases",
    "honesty",
    "service_facts",
    "asks",
    "company_profile",
)


def parse_style_guide(text: bytes, source: str) -> StyleGuide:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise StyleGuideError(f"style guide {source}: invalid YAML: {err}") from None
    if not isinstance(raw, dict):
        raise StyleGuideError(f"style guide {source}: top level must be a mapping")
    missing = [k for k in _REQUIRED_KEYS if k not in raw]
    if missing:
        raise StyleGuideError(f"style guide {source}: missing keys {missing}")
    for kind in ("cold", "warm_reply", "re_engagement"):
        if kind not in raw["limits"].get("max_body_words", {}):
            raise StyleGuideError(f"style guide {source}: limits.max_body_words.{kind} is missing")
    guide = StyleGuide(raw=raw, sha256=hashlib.sha256(text).hexdigest(), source=source)
    try:
        return guide.compile_all()
    except (KeyError, TypeError) as err:
        raise StyleGuideError(f"style guide {source}: malformed section ({err!r})") from None


@functools.cache
def _load_cached(path: str, mtime_ns: int) -> StyleGuide:
    return parse_style_guide(Path(path).read_bytes(), path)


@functools.cache
def default_style_guide() -> StyleGuide:
    data = resources.files("tenacious_bench").joinpath("data", DEFAULT_STYLE_GUIDE).read_bytes()
    return parse_style_guide(data, f"tenacious_bench/data/{DEFAULT_STYLE_GUIDE}")


def load_style_guide(path: str | Path | StyleGuide | None = None) -> StyleGuide:
    """The default style guide, or the one at `path` (cached per file and modification time)."""
    if path is None:
        return default_style_guide()
    if isinstance(path, StyleGuide):
        return path
    p = Path(path)
    if not p.is_file():
        raise StyleGuideError(f"style guide file not found: {p}")
    return _load_cached(str(p.resolve()), p.stat().st_mtime_ns)
