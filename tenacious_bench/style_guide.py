"""The style guide as data: loaded from YAML, validated, compiled once, identified by its hash."""

from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import regex
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveInt,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    WithJsonSchema,
    field_validator,
)

from tenacious_bench.literals import required_literals
from tenacious_bench.task import Handoff, Kind, ReplyClass, SignalType
from tenacious_bench.text import normalize, phrase_pattern

DEFAULT_STYLE_GUIDE = "style_guide.yaml"


class StyleGuideError(ValueError):
    """A style-guide file is unusable. `problems` holds one line per problem, each with its line and key path."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems if problems is not None else [message]


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

    @functools.cached_property
    def literals(self) -> tuple[str, ...] | None:
        """Strings one of which every match contains (None: unknown, always try the pattern)."""
        if not self.source.startswith("regex:"):
            return (self.literal,)
        return required_literals(self.source[len("regex:") :].strip())

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
    def _automaton(self) -> tuple[Any, tuple[tuple[int, ...], ...], tuple[int, ...]]:
        """One Aho-Corasick automaton over every phrase's required literals (ahocorasick-rs): a single
        pass over a text names the few phrases that can match, instead of trying each pattern.
        Returns (automaton or None, phrase indices per literal, phrases to always try)."""
        import ahocorasick_rs

        literals: dict[str, list[int]] = {}
        always = []
        for i, p in enumerate(self.phrases):
            if p.literals is None:
                always.append(i)
                continue
            for lit in p.literals:
                literals.setdefault(lit, []).append(i)
        keys = list(literals)
        automaton = ahocorasick_rs.AhoCorasick(keys) if keys else None
        return automaton, tuple(tuple(literals[k]) for k in keys), tuple(always)

    def _candidates(self, text: str) -> list[Phrase]:
        automaton, owners, always = self._automaton
        found = set(always)
        if automaton is not None:
            for k, _, _ in automaton.find_matches_as_indexes(text, overlapping=True):
                found.update(owners[k])
        return [self.phrases[i] for i in sorted(found)]

    def find(self, text: str) -> list[PhraseHit]:
        candidates = self._candidates(text)
        if not candidates:
            return []
        hits = sorted(
            (PhraseHit(p.source, m.start(), m.end(), p.category) for p in candidates for m in p.finditer(text)),
            key=lambda h: (h.start, -h.end),
        )
        # One problem is reported once: a hit inside a longer hit of the same set ("find attached" in
        # "please find attached") is the same phrase.
        out: list[PhraseHit] = []
        for h in hits:
            if not any(o.start <= h.start and h.end <= o.end for o in out):
                out.append(h)
        return out

    def any(self, text: str) -> bool:
        return any(next(p.finditer(text), None) is not None for p in self._candidates(text))

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
    _ = out._automaton
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
    spec: StyleGuideFile | None = field(default=None, repr=False)  # the validated file

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
        if kind == "next_message":
            raise StyleGuideError("a next_message reply's word limit is by class: reply_max_body_words(reply_class)")
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
            "negation_pre",
            "negation_pseudo",
            "negation_post",
            "refusal_phrases",
            "horizon_phrases",
            "generic_markers",
            "reader_change_cues",
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

    @functools.cached_property
    def ask_roles(self) -> PhraseSet:
        return phrase_set(self.raw["asks"]["roles"], "asks.roles")

    # -- clause scope (tenacious_bench/scope.py) -----------------------------------------------
    @property
    def negation_pre(self) -> PhraseSet:
        return self._honesty_sets["negation_pre"]

    @property
    def negation_pseudo(self) -> PhraseSet:
        return self._honesty_sets["negation_pseudo"]

    @property
    def negation_post(self) -> PhraseSet:
        return self._honesty_sets["negation_post"]

    @property
    def refusal_phrases(self) -> PhraseSet:
        return self._honesty_sets["refusal_phrases"]

    @functools.cached_property
    def negation_terminators(self) -> tuple[str, ...]:
        return tuple(normalize(w) for w in self.raw["honesty"]["negation_terminators"])

    # -- replies (next_message tasks) ----------------------------------------------------------
    @property
    def has_replies(self) -> bool:
        return self.raw.get("replies") is not None

    @property
    def replies(self) -> dict[str, Any]:
        """The `replies:` section; a guide without one cannot score next_message tasks."""
        section = self.raw.get("replies")
        if section is None:
            raise StyleGuideError(
                f"style guide {self.source} has no `replies:` section, which next_message tasks need "
                "(see the shipped tenacious_bench/data/style_guide.yaml)"
            )
        return section

    @property
    def no_reply_token(self) -> str:
        return self.replies["no_reply_token"]

    def reply_max_body_words(self, reply_class: str) -> int:
        """The body-word limit of a reply class; a hard_no sends no email (0 words)."""
        if reply_class == "hard_no":
            return 0
        return int(self.replies["max_body_words"][reply_class])

    @functools.cached_property
    def reply_sets(self) -> dict[str, PhraseSet]:
        """The replies section's phrase sets by path (next_touch.cues, objections.price.counter_offers,
        handoff.phrases, handoff.commitments.TRIGGER); empty when the guide has no replies section."""
        r = self.raw.get("replies")
        if r is None:
            return {}
        out = {
            "next_touch.cues": r["next_touch"]["cues"],
            "next_touch.vague_times": r["next_touch"]["vague_times"],
            "objections.price.counter_offers": r["objections"]["price"]["counter_offers"],
            "handoff.phrases": r["handoff"]["phrases"],
            **{f"handoff.commitments.{k}": v for k, v in r["handoff"]["commitments"].items()},
        }
        return {k: phrase_set(v, f"replies.{k}", k.rsplit(".", 1)[-1]) for k, v in out.items()}

    @property
    def max_first_call_minutes(self) -> int:
        return int(self.raw["asks"]["max_first_call_minutes"])

    def summary(self) -> str:
        """What validation checked, in one line (printed by `tenacious-bench validate`)."""
        sets = [
            self.banned_phrases, self.prospect_facing_banned, self.condescending_phrases, self.urgency_words,
            self.attachment_phrases, self.not_asks, *self._honesty_sets.values(),
            *self.invented_signal_cues.values(), *self.ask_cues.values(), *self.reply_sets.values(),
        ]
        n_phrases = sum(len(s.phrases) for s in sets)
        n_regex = sum(p.source.startswith("regex:") for s in sets for p in s.phrases)
        limits = self.raw["limits"]
        words = ", ".join(f"{k} {v}" for k, v in limits["max_body_words"].items())
        return (
            f"style guide OK: {self.source}: {len(sets)} phrase sets ({n_phrases} phrases, {n_regex} regexes "
            f"compiled), {len(self.service_facts)} service facts, {len(self.ask_cues)} ask categories; "
            f"company {self.company_name!r}, default sender {self.default_sender['first_name']!r}; "
            f"subject <= {self.max_subject_chars()} characters, body words {words}"
            + (
                "; replies: " + ", ".join(f"{k} {v}" for k, v in self.replies["max_body_words"].items())
                if self.has_replies
                else "; no replies section (first emails only)"
            )
        )

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
            self.ask_roles,
            self.negation_terminators,
            self.urgency_words,
            self.attachment_phrases,
            self.greetings,
            self.sign_offs,
            self.banned_openers,
            self.reply_sets,
        )
        return self


# -- the file's schema ---------------------------------------------------------------------------
# One pydantic model per section: extra keys are refused at every level, types are strict, and every
# phrase is compiled while validating, so a file that validates cannot fail later. To add a section,
# write one small class and one field on `StyleGuideFile`.


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Text = Annotated[StrictStr, Field(min_length=1)]


def _compile_phrase(source: str) -> str:
    """Compile a phrase or `regex:` entry now; refuse one that matches an empty text (it would hit
    every email)."""
    try:
        pattern = Phrase(source).pattern
    except StyleGuideError as err:
        raise ValueError(str(err).replace("style guide entry", "entry")) from None
    except ValueError as err:  # phrase_pattern: nothing left after normalisation
        raise ValueError(f"phrase {source!r} has no words after normalisation ({err})") from None
    if pattern.search("") is not None:
        raise ValueError(f"entry {source!r} matches an empty text, so it would match every email")
    return source


Pattern = Annotated[Text, AfterValidator(_compile_phrase)]


class PhraseSpec(_Section):
    """A phrase with a category and `unless` exceptions (longer phrases in which a hit does not count)."""

    phrase: Pattern
    category: StrictStr = ""
    unless: list[Pattern] = []


def _phrase_to_spec(value: Any) -> Any:
    return {"phrase": value} if isinstance(value, str) else value


# A phrase entry is a string or a {phrase, category, unless} mapping; validated as the mapping so an
# error names the one thing that is wrong (not one line per union member).
PhraseEntry = Annotated[
    PhraseSpec,
    BeforeValidator(_phrase_to_spec),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "a phrase, or `regex: PATTERN`"},
                {
                    "type": "object",
                    "properties": {
                        "phrase": {"type": "string", "minLength": 1},
                        "category": {"type": "string", "default": ""},
                        "unless": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    },
                    "required": ["phrase"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
Phrases = list[PhraseEntry]
Words = list[Annotated[Text, AfterValidator(_compile_phrase)]]


class CompanySection(_Section):
    name: Text
    website: Text


class SenderSection(_Section):
    first_name: Text
    title: Text


class SignatureSection(_Section):
    titles: list[Text]
    lines: list[Text]


class BodyWordLimits(_Section):
    cold: PositiveInt
    warm_reply: PositiveInt
    re_engagement: PositiveInt


class LimitsSection(_Section):
    max_subject_chars: PositiveInt
    max_body_words: BodyWordLimits


class SubjectSection(_Section):
    banned_openers: Words
    urgency_words: Phrases


class HonestySection(_Section):
    uncertainty_markers: Phrases
    conditional_markers: Phrases
    assertive_growth_phrases: Phrases
    recent_days: Annotated[StrictInt, Field(ge=0)]
    pressure_phrases: Phrases
    total_value_phrases: Phrases
    engineer_nouns: Phrases
    commitment_cues: Phrases
    role_nouns: Phrases
    invented_signal_cues: dict[SignalType, Phrases]
    ai_terms: Phrases
    gap_terms: Phrases
    month_names: Phrases
    # Clause scope (tenacious_bench/scope.py): negation triggers and the words that end a clause.
    negation_pre: Phrases
    negation_pseudo: Phrases
    negation_post: Phrases
    negation_terminators: Words
    refusal_phrases: Phrases
    # Numbers that are neither claims nor commitments; the reader as the subject of a signal.
    horizon_phrases: Phrases
    generic_markers: Phrases
    reader_change_cues: Phrases
    # Other names of a bench stack ("infrastructure" for infra).
    stack_aliases: dict[Text, Words] = Field(default_factory=dict)


class ServiceFactSpec(_Section):
    name: Text
    values: Annotated[list[StrictInt | StrictFloat], Field(min_length=1)]
    units: Annotated[list[Annotated[Text, AfterValidator(_compile_phrase)]], Field(min_length=1)]
    note: StrictStr | None = None

    @field_validator("values")
    @classmethod
    def _finite(cls, values: list[float]) -> list[float]:
        bad = [v for v in values if not math.isfinite(v)]
        if bad:
            raise ValueError(f"values must be finite numbers, got {bad}")
        return values


class AsksSection(_Section):
    max_first_call_minutes: PositiveInt
    cues: dict[Text, Phrases]
    # The sentence roles of a call to action (a request, an offer, a proposal).
    roles: Phrases
    not_asks: Phrases


class ReplyWordLimits(_Section):
    """Body words by reply class (a hard_no sends no email, so it has none)."""

    engaged: PositiveInt
    curious: PositiveInt
    soft_defer: PositiveInt
    objection: PositiveInt


class NextTouchSection(_Section):
    cues: Phrases  # a sentence scheduling the next touch ("I will check back in March")
    vague_times: Phrases  # times that name no month ("next quarter"), quoted in reasons


class PriceObjectionSection(_Section):
    counter_offers: Phrases


class SmallPocSection(_Section):
    floor_band: Text  # the task's pricing band whose price the reply names


class ObjectionsSection(_Section):
    price: PriceObjectionSection
    small_poc: SmallPocSection


class HandoffSection(_Section):
    role: Text
    phrases: Phrases  # the hand-off sentence
    commitments: dict[Handoff, Phrases]


class RepliesSection(_Section):
    """Next-message rules by reply class (replies.md), read by the five checks and the full prompt."""

    no_reply_token: Annotated[StrictStr, Field(pattern=r"^\S+$")]
    max_body_words: ReplyWordLimits
    no_ask_classes: list[ReplyClass]
    next_touch_month_classes: list[ReplyClass]
    no_list_classes: list[ReplyClass]
    next_touch: NextTouchSection
    objections: ObjectionsSection
    handoff: HandoffSection


class CompanyProfileSection(_Section):
    """The company's own words for what writes emails or prompts (the prompt builder, the composer)."""

    description: Text
    short_name: Text
    first_call: Text
    internal_word_rule: Text
    banned_categories: dict[Text, Text]
    regex_notes: dict[Text, Text]
    ask_kinds: dict[Text, Text]
    signal_kinds: dict[Text, Text]
    value_lines: Annotated[list[Text], Field(min_length=1)]
    # keys: segments 1-4 (YAML integers) and "4_ai"
    segment_framing: dict[StrictInt | Text, Annotated[list[Text], Field(min_length=1)]]


class StyleGuideFile(_Section):
    """The style-guide YAML file (published as data/style_guide.schema.json)."""

    name: Text
    version: StrictInt
    company: CompanySection
    default_sender: SenderSection
    signature: SignatureSection
    greetings: Words
    sign_offs: Words
    limits: LimitsSection
    subject: SubjectSection
    emoji_allowed_kinds: list[Kind]
    attachment_kinds_banned: list[Kind]
    attachment_phrases: Phrases
    banned_phrases: Phrases
    prospect_facing_banned_words: Phrases
    condescending_phrases: Phrases
    honesty: HonestySection
    service_facts: list[ServiceFactSpec]
    asks: AsksSection
    # Optional: a guide without it scores first emails only (a next_message task then names the gap).
    replies: RepliesSection | None = None
    company_profile: CompanyProfileSection


def style_guide_json_schema() -> dict[str, Any]:
    schema = StyleGuideFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _node_lines(node: yaml.Node, path: tuple[Any, ...], out: dict, dupes: list[str], source: str) -> None:
    """Record the 1-based line of every key and item of a composed YAML document, by path; note
    keys given twice in one mapping (PyYAML would silently keep the last)."""
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else None
            if k in seen:
                dotted = ".".join(str(p) for p in (*path, k))
                dupes.append(f"{source}:{key.start_mark.line + 1}: {dotted}: key given twice")
            seen.add(k)
            out.setdefault((*path, k), key.start_mark.line + 1)
            _node_lines(value, (*path, k), out, dupes, source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _node_lines(item, (*path, i), out, dupes, source)


def _problems(err: ValidationError | None, lines: dict, source: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if err is None:
        return out
    for e in err.errors(include_url=False):
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith(("function-", "[key]"))))
        path = loc
        while path and path not in lines:
            path = path[:-1]
        line = lines.get(path, 1)
        dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "(top level)"
        msg = e["msg"].removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown key (not in the style-guide schema)"
        elif e["type"] == "missing":
            msg = "missing key"
        elif "input" in e and e["type"] != "value_error":
            msg += f", got {e['input']!r}"[:120]
        out.append((line, f"{source}:{line}: {dotted}: {msg}"))
    return out


def parse_style_guide(text: bytes, source: str) -> StyleGuide:
    """Validate a style-guide file against the schema; raise StyleGuideError listing every problem,
    each with its key path and line."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise StyleGuideError(f"style guide {source}: invalid YAML: {err}") from None
    if not isinstance(raw, dict) or node is None:
        raise StyleGuideError(f"style guide {source}: top level must be a mapping")
    lines: dict[tuple[Any, ...], int] = {}
    dupes: list[str] = []
    _node_lines(node, (), lines, dupes, source)
    spec, error = None, None
    try:
        spec = StyleGuideFile.model_validate(raw)
    except ValidationError as err:
        error = err
    problems = [p for _, p in sorted(_problems(error, lines, source), key=lambda x: x[0])]
    problems = dupes + problems
    if problems or spec is None:
        raise StyleGuideError(
            f"style guide {source}: {len(problems)} problem(s)\n" + "\n".join(problems), problems
        )
    guide = StyleGuide(raw=raw, sha256=hashlib.sha256(text).hexdigest(), source=source, spec=spec)
    try:
        return guide.compile_all()
    except (KeyError, TypeError, ValueError) as err:  # the schema should make this unreachable
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
