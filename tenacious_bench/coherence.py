"""Mechanical coherence checks of a dataset's briefs and references (`tenacious-bench validate --dataset`).

A task can be valid (it parses, its ids resolve) and still incoherent: a segment label no signal
supports, a hedge that contradicts its own source, a thread that greets a CTO before they joined, a
template sentence whose "it" points at nothing, an anchor for a fact the prospect never stated, a
company called "Brightwaterfield", a reference that says the same thing twice. Each rule below is a
small class with a `problems(task)` method; `RULES` is the one registry. Dataset 1.1 passes every
rule; dataset 1.0 fails each of them (tests show both). The last eight rules come from the round-1
task-quality review of 1.1 (generator 1.1.0): a single-source qualifier on several sources, our own
earlier messages claiming what the brief does not hold, a segment resting on a very_low signal or on a
new leader of the recipient's own rank, company names and domains at odds with industry and location,
evidence a source cannot show, facts the prompt never renders, email subjects on LinkedIn messages,
and leaks rated high; tests/data holds the flagged train rows of that 1.1 build (generator 1.2.0 fixes them).
The round-2 review (of generator 1.2.0) added two: a data-error or rumour qualifier on a dated, named,
public source, and a reply whose required signals include one its thread never raised; segment_framing
now treats two technology-org leaders (C-level, VP or head of engineering/platform) as one rank
(generator 1.3.0 fixes them).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable

import regex

from tenacious_bench.task import Task

# Segment -> the signal type the segment's label asserts ("recently funded", "after layoffs", ...).
SEGMENT_SIGNAL = {1: "funding", 2: "layoff", 3: "leadership_change", 4: "capability_gap"}

_WORD = regex.compile(r"[\p{L}\p{N}$%][\p{L}\p{N}$%'\-]*")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "we", "our", "us", "you", "your", "i", "my", "me", "they", "their", "them", "he", "she", "his", "her", "so", "if", "than", "then", "there", "here", "about", "into", "over", "which", "who", "what", "when", "where", "how", "all", "any", "some", "can", "could", "would", "should", "will", "may", "might", "do", "does", "did", "not", "no", "have", "has", "had", "just", "very", "also"]
)


def content_words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


def sentences(text: str) -> list[str]:
    """Sentences of an email body's paragraphs (greeting and sign-off lines included as they stand)."""
    out = []
    for para in regex.split(r"\n\s*\n", text):
        for s in regex.split(r"(?<=[.?!])\s+(?=[\p{Lu}\"'])", para.replace("\n", " ").strip()):
            if s.strip():
                out.append(s.strip())
    return out


def overlap(a: str, b: str) -> float:
    """Content-word overlap of two sentences: shared words over the smaller sentence's words."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


class Rule:
    name = ""
    description = ""

    def problems(self, task: Task) -> list[str]:  # pragma: no cover - interface
        raise NotImplementedError


class SegmentSupported(Rule):
    name = "segment_support"
    description = "the ICP segment's label is supported by a signal of its type in the brief"

    def problems(self, task: Task) -> list[str]:
        want = SEGMENT_SIGNAL[task.segment]
        if any(s.type == want for s in task.signals):
            return []
        return [f"segment {task.segment} asserts a {want} signal, but the brief holds none"]


# Sources that speak for the company itself: a signal citing one is not a rumour.
_OFFICIAL = regex.compile(
    r"(?i)\b(?:press release|company statement|company blog|ceo memo|ceo's post|warn-style notice|team page|"
    r"investor update|newsletter to customers|engineering blog|announced|announces|confirms)\b"
)
# Qualifiers that name a source of their own (which then contradicts the text's source).
_QUALIFIER_SOURCE = regex.compile(r"(?i)\b(?:podcast|forum post|trade blog|aggregator|dataset)\b")


class QualifierConsistent(Rule):
    name = "qualifier_source"
    description = "a hedged signal does not cite an official source, and its qualifier names no other source"

    def problems(self, task: Task) -> list[str]:
        out = []
        for s in task.signals:
            if s.confidence == "high" or s.type == "thread":
                continue
            official = _OFFICIAL.search(s.text)
            if official:
                out.append(f"signal {s.id}: confidence {s.confidence} but the text cites an official source "
                           f"({official.group(0)!r})")
            elif len(set(m.lower() for m in _QUALIFIER_SOURCE.findall(s.text))) > 1:
                out.append(f"signal {s.id}: the text names two different sources")
        return out


class DatesOrdered(Rule):
    name = "date_order"
    description = ("signals and thread messages on or before as_of, the thread in order, and the recipient's "
                   "own start in a role before any thread message addressed to them")

    def problems(self, task: Task) -> list[str]:
        out = []
        as_of = dt.date.fromisoformat(task.as_of)
        for s in task.signals:
            if s.date and dt.date.fromisoformat(s.date) > as_of:
                out.append(f"signal {s.id} dated {s.date}, after as_of {task.as_of}")
        previous = None
        for i, m in enumerate(task.thread):
            d = dt.date.fromisoformat(m.date)
            if d > as_of:
                out.append(f"thread[{i}] dated {m.date}, after as_of {task.as_of}")
            if previous is not None and d < previous:
                out.append(f"thread[{i}] dated {m.date}, before the message above it")
            previous = d
        p = task.prospect
        for s in task.signals:
            own = s.type == "leadership_change" and s.facts.get("leader_name") == f"{p.first_name} {p.last_name}"
            if own and s.date:
                start = dt.date.fromisoformat(s.date)
                early = [i for i, m in enumerate(task.thread) if dt.date.fromisoformat(m.date) < start]
                if early:
                    out.append(f"signal {s.id}: {p.first_name} started as {s.facts.get('leader_title')} on {s.date}, "
                               f"after thread message(s) {early} addressed to them")
        return out


# Template sentences whose pronoun or promise points at nothing in their own message.
_DANGLING = (
    (regex.compile(r"(?i)how other teams handled it\b"), "'handled it' with nothing for 'it'"),
    (regex.compile(r"(?is)^(?!.*\b(?:write-up|case study|note|summary|one-pager|overview|brief)\b).*\bsend it\?"),
     "'send it' with nothing for 'it'"),
)
_MINUTES = regex.compile(r"(?i)\b\d+\s*minutes?\b|\bminutes?\b")
_CALL = regex.compile(r"(?i)\b(?:minutes?|call|chat|meeting|time)\b")


class ThreadResolved(Rule):
    name = "thread_references"
    description = "thread messages hold no unresolved template reference, and a subject's promise matches its body"

    def problems(self, task: Task) -> list[str]:
        out = []
        for i, m in enumerate(task.thread):
            for pattern, why in _DANGLING:
                if pattern.search(m.body):
                    out.append(f"thread[{i}]: {why}")
            opener = m.from_ == "tenacious" and m.subject and not m.subject.lower().startswith("re:")
            if opener and _MINUTES.search(m.subject) and not _CALL.search(m.body):
                out.append(f"thread[{i}]: subject {m.subject!r} promises a call the body never offers")
        return out


class AnchorsStated(Rule):
    name = "anchor_in_brief"
    description = "a thread signal's anchor is a fact the prospect actually wrote in the thread"

    def problems(self, task: Task) -> list[str]:
        out = []
        said = " ".join(m.body for m in task.thread if m.from_ == "prospect").lower()
        for s in task.signals:
            if s.type != "thread" or not s.anchors:
                continue
            if not any(a.lower() in said for a in s.anchors):
                out.append(f"signal {s.id}: none of its anchors {s.anchors} is in the prospect's messages")
        return out


_PLURAL_AFTER_ONE = regex.compile(r"(?i)^(?:1|one)\s+(?:\S+\s+)*?\S*s$")


class AnchorsGrammatical(Rule):
    name = "anchor_grammar"
    description = "anchors read as English (no '1 data engineers')"

    def problems(self, task: Task) -> list[str]:
        return [f"signal {s.id}: ungrammatical anchor {a!r}" for s in task.signals for a in s.anchors
                if _PLURAL_AFTER_ONE.match(a)]


_TRIPLE = regex.compile(r"(\p{L})\1\1", regex.IGNORECASE)
MAX_NAME_LETTERS = 12


def _implausible_name(name: str) -> str | None:
    first = name.split()[0]
    if _TRIPLE.search(first):
        return "a letter tripled"
    if len(first) > MAX_NAME_LETTERS:
        return f"a {len(first)}-letter compound"
    return None


# Employees a company plausibly has at each funding round, and the round sizes that fit it.
ROUND_EMPLOYEES = {"Seed": (2, 60), "Series A": (10, 250), "Series B": (40, 800), "Series C": (100, 3000),
                   "Series D": (200, 6000)}
ROUND_AMOUNT_USD = {"Seed": (500_000, 10_000_000), "Series A": (3_000_000, 30_000_000),
                    "Series B": (12_000_000, 80_000_000), "Series C": (25_000_000, 150_000_000),
                    "Series D": (40_000_000, 300_000_000)}


class NamesPlausible(Rule):
    name = "names_and_sizes"
    description = ("company names read as names (no tripled letters or long compounds; peers do not share a "
                   "stem), no two people of a brief share a first name, and company size and round amount fit "
                   "the round")

    def problems(self, task: Task) -> list[str]:
        out = []
        names = [task.prospect.company]
        for s in task.signals:
            peers = s.facts.get("peers")
            if isinstance(peers, list):
                names += [p for p in peers if isinstance(p, str)]
        for n in names:
            why = _implausible_name(n)
            if why:
                out.append(f"company name {n!r}: {why}")
        p = task.prospect
        sender = task.sender.first_name if task.sender else None
        people = [v for s in task.signals for k, v in s.facts.items()
                  if k in ("leader_name", "referrer_name") and isinstance(v, str) and v != f"{p.first_name} {p.last_name}"]
        for person in people:
            if person.split()[0] in (p.first_name, sender):
                out.append(f"{person!r} shares a first name with the prospect or the sender")
        if sender == p.first_name:
            out.append(f"the sender and the prospect are both called {sender}")
        stems = Counter(n.split()[0][:4].lower() for n in names)
        shared = sorted(stem for stem, k in stems.items() if k > 1)
        if shared:
            out.append(f"company names share a stem: {shared} in {names}")
        for s in task.signals:
            rnd = s.facts.get("round")
            if s.type != "funding" or rnd not in ROUND_EMPLOYEES:
                continue
            lo, hi = ROUND_EMPLOYEES[rnd]
            if not lo <= task.prospect.employees <= hi:
                out.append(f"{task.prospect.employees} employees is implausible for a {rnd} company ({lo}-{hi})")
            amount = s.facts.get("amount_usd")
            alo, ahi = ROUND_AMOUNT_USD[rnd]
            if isinstance(amount, int | float) and not alo <= amount <= ahi:
                out.append(f"${amount:,.0f} is implausible for a {rnd} ({alo:,}-{ahi:,})")
        return out


REPEAT_OVERLAP = 0.8


class ReferenceNoRepeat(Rule):
    name = "reference_repeat"
    description = "a reference never states a fact twice (adjacent sentences with >= 80% content-word overlap)"

    def problems(self, task: Task) -> list[str]:
        if task.reference is None:
            return []
        ss = sentences(task.reference.body)
        return [f"reference repeats itself: {a!r} / {b!r}" for a, b in itertools.pairwise(ss)
                if len(content_words(a)) >= 3 and overlap(a, b) >= REPEAT_OVERLAP]


# A name (capitalised words) or a number in a sentence; sentence-initial single words are ordinary.
_NAME_OR_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}])(?:\$?\d[\d,.]*[kKmM%]?|\p{Lu}[\p{L}\p{N}'\-]*(?:\s+\p{Lu}[\p{L}\p{N}'\-]*)*)"
)
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])


class ReferenceFactsInBrief(Rule):
    name = "reference_facts"
    description = ("every name and number a reference states is in the prompt (brief, thread, sender) or is one "
                   "of the style guide's service facts")

    def problems(self, task: Task) -> list[str]:
        if task.reference is None:
            return []
        from tenacious_bench.prompts import user_prompt
        from tenacious_bench.style_guide import load_style_guide

        guide = load_style_guide()
        known = user_prompt(task, guide).lower()
        service = {f"{v:g}" for f in guide.service_facts for v in f.values}
        out = []
        for sentence in sentences(task.reference.body)[1:-1]:
            for m in _NAME_OR_NUMBER.finditer(sentence):
                words = m.group(0).split()
                if m.start() == 0 and not words[0][0].isdigit() and not words[0].startswith("$"):
                    words = words[1:]  # a capitalised first word of a sentence is no name
                token = regex.sub(r"(?:'s|')$", "", " ".join(words).rstrip(".,;:"))
                if not token or token.lower() in _MONTHS or token in service:
                    continue
                if token.lower() not in known and token.lower().rstrip("s") not in known:
                    out.append(f"reference states {token!r}, which the brief does not hold: {sentence!r}")
        return out


_ASKS_FOR_GIVEN = regex.compile(r"(?i)\b(?:bottleneck|priority|priorities|what you need)\b")


class ReferenceAsksNew(Rule):
    name = "reference_asks_given"
    description = "a warm reply's reference does not ask for what the prospect's message already gave (their need)"

    def problems(self, task: Task) -> list[str]:
        if task.reference is None or task.kind != "warm_reply":
            return []
        if not any(s.type == "thread" for s in task.signals):  # a reply to a request (not a re-engagement)
            return []
        paragraphs = [p for p in regex.split(r"\n\s*\n", task.reference.body) if p.strip()]
        ask = paragraphs[-2] if len(paragraphs) >= 3 else ""
        hit = _ASKS_FOR_GIVEN.search(ask)
        return [f"reference asks for {hit.group(0)!r} after the prospect stated it: {ask!r}"] if hit else []


# ---- Rules from the round-1 task-quality review (reviewers who never saw the scorer) ----------------
# A qualifier that claims a single source, on a text that cites several (three peers' case studies).
_SINGLE_SOURCE = regex.compile(r"(?i)\b(?:only one source|no second source|seen once)\b")
_SEVERAL_SOURCES = regex.compile(r"(?i)\bacross (?:two|three|four|several|\d+)\b")


class QualifierMatchesEvidence(Rule):
    name = "qualifier_evidence"
    description = "a qualifier claiming a single source is not attached to a text citing several"

    def problems(self, task: Task) -> list[str]:
        out = []
        for s in task.signals:
            q = _SINGLE_SOURCE.search(s.text)
            if not q:
                continue
            peers = s.facts.get("peers")
            if (isinstance(peers, list) and len(peers) > 1) or _SEVERAL_SOURCES.search(s.text):
                out.append(f"signal {s.id}: qualifier {q.group(0)!r} but the text cites several sources")
        return out


# Claims our own earlier messages make that the brief must back: (pattern, what is wrong). A captured
# group is a fact that must be in the brief's signals.
_OUR_CLAIMS = (
    (regex.compile(r"(?i)\bdelivery lead with every\b"),
     "claims a delivery lead with every team (the service fact: embedded on request)"),
    (regex.compile(r"(?i)\brecent product updates\b"), "refers to product updates the brief does not hold"),
    (regex.compile(r"(?i)\breading about the (.+?) from\b"), "names a product the brief does not hold"),
    (regex.compile(r"(?i)\bthe (.+?) \S+ sells caught my eye\b"), "names a product the brief does not hold"),
)


class ThreadClaimsBacked(Rule):
    name = "thread_claims"
    description = "our earlier messages claim nothing the brief or the service facts do not hold"

    def problems(self, task: Task) -> list[str]:
        out = []
        brief = " ".join(s.text for s in task.signals).lower()
        for i, m in enumerate(task.thread):
            if m.from_ != "tenacious":
                continue
            for pattern, why in _OUR_CLAIMS:
                hit = pattern.search(m.body)
                if hit and (not hit.groups() or hit.group(1).lower() not in brief):
                    out.append(f"thread[{i}]: {hit.group(0)!r} {why}")
        return out


# Title ranks of a technology org: a new leader of the recipient's own rank overlaps their role.
_RANKS = ((3, regex.compile(r"(?i)\b(?:CTO|Chief\b.*\bOfficer)\b")),
          (2, regex.compile(r"(?i)^(?:S?VP|Head|Vice President) of (?:\w+ )?(?:Engineering|Platform|Technology|"
                            r"Infrastructure)$|^SVP Engineering$")))


def title_rank(title: str) -> int:
    return next((rank for rank, p in _RANKS if p.search(title)), 1)


def titles_overlap(a: str, b: str) -> bool:
    """Two titles of the same rank, or two leaders of the technology org (C-level or a VP/head of
    engineering, platform or technology): a Chief Product and Technology Officer and a new Head of Platform
    Engineering both own the engineering org (round-2 review)."""
    ra, rb = title_rank(a), title_rank(b)
    return a == b or ra == rb or min(ra, rb) >= 2


class SegmentFraming(Rule):
    name = "segment_framing"
    description = ("the segment rests on a signal of adequate confidence (not all very_low), and a new leader "
                   "who is not the recipient does not hold a title of the recipient's own rank")

    def problems(self, task: Task) -> list[str]:
        out = []
        want = SEGMENT_SIGNAL[task.segment]
        own = [s for s in task.signals if s.type == want]
        if own and all(s.confidence == "very_low" for s in own):
            out.append(f"segment {task.segment} rests only on very_low {want} signal(s)")
        p = task.prospect
        for s in own if want == "leadership_change" else ():
            leader, title = s.facts.get("leader_name"), s.facts.get("leader_title")
            if leader != f"{p.first_name} {p.last_name}" and isinstance(title, str) \
                    and titles_overlap(title, p.title):
                out.append(f"signal {s.id}: new {title} {leader} overlaps the recipient's own role ({p.title})")
        return out


# A company name's industry word and the industries it fits; country-code domains and their countries.
NAME_INDUSTRY_WORDS = {"Health": ("healthtech", "biotech tooling")}
CC_TLDS = {".de": ("Germany",), ".pl": ("Poland",), ".fr": ("France",), ".it": ("Italy",), ".es": ("Spain",),
           ".nl": ("Netherlands",), ".se": ("Sweden",), ".dk": ("Denmark",), ".ie": ("Ireland",),
           ".pt": ("Portugal",), ".ee": ("Estonia",), ".co.uk": ("UK",), ".uk": ("UK",),
           ".eu": ("Germany", "Netherlands", "Portugal", "Sweden", "Ireland", "Spain", "Poland", "Denmark",
                   "France", "Italy", "Estonia")}


class NameFitsWorld(Rule):
    name = "name_world"
    description = ("a company name's industry word fits its industry, a country-code domain fits its location, "
                   "and an .ai domain neither repeats 'ai' nor belongs to a company named for another industry or at AI "
                   "maturity 0")

    def problems(self, task: Task) -> list[str]:
        out = []
        p = task.prospect
        gen = task.metadata.generator or {}
        industry = gen.get("industry")
        for word, fits in NAME_INDUSTRY_WORDS.items():
            if industry and p.company.split()[-1] == word and industry not in fits:
                out.append(f"company {p.company!r} is in {industry}")
        text = " ".join([*(s.text for s in task.signals), *(m.body for m in task.thread)])
        for word in NAME_INDUSTRY_WORDS:
            if p.company.split()[-1] == word:
                others = [i for i in INDUSTRY_NAMES if i not in NAME_INDUSTRY_WORDS[word]
                          and regex.search(rf"\b{regex.escape(i)} (?:teams|space)\b", text)]
                if others:
                    out.append(f"company {p.company!r} is introduced as one of the {others[0]} teams")
        domain = (p.domain or "").lower()
        country = p.location.split(",")[-1].strip()
        tld = next((t for t in sorted(CC_TLDS, key=len, reverse=True) if domain.endswith(t)), None)
        if tld and country not in CC_TLDS[tld]:
            out.append(f"domain {p.domain!r} for a company in {p.location}")
        if domain.endswith("ai.ai") or (domain.endswith(".ai") and p.company.split()[-1] in NAME_INDUSTRY_WORDS):
            out.append(f"domain {p.domain!r} for {p.company!r}")
        elif domain.endswith(".ai") and task.ai_maturity.score == 0:
            out.append(f"domain {p.domain!r} at AI maturity 0")
        return out


INDUSTRY_NAMES = ("logistics software", "fintech", "healthtech", "climate tech", "e-commerce infrastructure",
                  "edtech", "HR tech", "insurtech", "developer tools", "proptech", "cybersecurity", "martech",
                  "agritech", "legal tech", "media streaming", "mobility", "biotech tooling", "travel tech")

# Capabilities whose evidence cannot come from a source: (capability pattern, source pattern).
_IMPLAUSIBLE_SOURCE = (
    (regex.compile(r"(?i)\b(?:SOC 2|HIPAA|GxP)\b"), regex.compile(r"(?i)\b(?:repos|demo)\b")),
)


class SourceFitsCapability(Rule):
    name = "source_evidence"
    description = ("a capability gap cites a source that can show it (no audit attestation read off public repos "
                   "or demoed in a webinar)")

    def problems(self, task: Task) -> list[str]:
        out = []
        for s in task.signals:
            cap = s.facts.get("capability")
            if s.type != "capability_gap" or not isinstance(cap, str):
                continue
            for cap_p, src_p in _IMPLAUSIBLE_SOURCE:
                src = src_p.search(s.text)
                if cap_p.search(cap) and src:
                    out.append(f"signal {s.id}: {cap!r} cannot be evidenced by {src.group(0)!r}")
        return out


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                 "twenty")
# Facts the brief renders in words rather than digits (job posts' window: "a month ago", ...).
RENDERED_IN_WORDS = {"window_days": {30: "a month ago", 45: "six weeks ago", 60: "two months ago",
                                     90: "last quarter"}}


def _number_forms(key: str, v: float) -> list[str]:
    if key in RENDERED_IN_WORDS:
        return [RENDERED_IN_WORDS[key].get(int(v), f"{v:g}"), f"{v:g}"]
    forms = [f"{v:g}", f"{v:,.0f}"]
    if v >= 1000 and v % 1000 == 0:
        forms.append(f"${v / 1000:g}k")
    if v >= 1_000_000:
        forms.append(f"${v / 1_000_000:g}M")
    if float(v).is_integer() and 0 <= v < len(_NUMBER_WORDS):
        forms.append(_NUMBER_WORDS[int(v)])
    if key.endswith("_days") and v % 7 == 0 and v // 7 < len(_NUMBER_WORDS):  # "within three weeks"
        forms += [f"{v // 7:g} weeks", f"{_NUMBER_WORDS[int(v // 7)]} weeks"]
    return forms


class FactsVisible(Rule):
    name = "facts_visible"
    description = ("every number a signal's facts hold is visible in the rendered prompt, and a thread signal's "
                   "project is one the prospect's messages name")

    def problems(self, task: Task) -> list[str]:
        from tenacious_bench.prompts import user_prompt
        from tenacious_bench.style_guide import load_style_guide

        shown = user_prompt(task, load_style_guide())
        out = []
        for s in task.signals:
            for k, v in s.facts.items():
                if isinstance(v, bool) or not isinstance(v, int | float):
                    continue
                forms = _number_forms(k, v)
                if not any(regex.search(rf"(?<![\w.,$]){regex.escape(f)}(?![\w]|[.,]\d)", shown, flags=regex.I)
                           for f in forms):
                    out.append(f"signal {s.id}: fact {k}={v} is nowhere in the rendered prompt")
            if s.type == "thread" and s.facts.get("request") == "total price":
                said = " ".join(m.body for m in task.thread if m.from_ == "prospect")
                if "project" not in s.facts or str(s.facts["project"]) not in said:
                    out.append(f"signal {s.id}: a total price for a project the thread never names")
        return out


_EMAILISH = regex.compile(r"(?i)\b(?:email|e-mail)\b")


class ChannelConsistent(Rule):
    name = "channel_consistent"
    description = ("a LinkedIn message or call note (in the thread or an other thread) carries no email subject, "
                   "and the instruction names the channel the prospect wrote on")

    def problems(self, task: Task) -> list[str]:
        out = []
        for i, m in enumerate(task.thread):
            if m.channel != "email" and m.subject:
                out.append(f"thread[{i}]: a {m.channel} message with the subject {m.subject!r}")
        for where, m in _other_messages(task):
            if m.channel != "email" and m.subject:
                out.append(f"{where}: a {m.channel} message with the subject {m.subject!r}")
        last = next((m for m in reversed(task.thread) if m.from_ == "prospect"), None)
        if last is not None and last.channel != "email" and regex.search(
                r"(?i)\b\w+'s (?:email|e-mail)\b", task.instruction):
            out.append(f"instruction {task.instruction!r}, but the prospect wrote on {last.channel}")
        return out


_LEAK = regex.compile(r"(?i)\b(?:leaked|rumou?r(?:ed)?|anonymous(?:ly)?|off the record)\b")


class LeakNotHigh(Rule):
    name = "leak_confidence"
    description = "a leaked or rumoured source is at most medium confidence"

    def problems(self, task: Task) -> list[str]:
        return [f"signal {s.id}: {(_LEAK.search(s.text) or [''])[0]!r} source at confidence high"
                for s in task.signals if s.confidence == "high" and _LEAK.search(s.text)]



# ---- Rules from the round-2 task-quality review ------------------------------------------------------
# Dated, named, public sources: a report from one of them exists; a hedge may doubt its relevance or
# completeness, not its existence.
_NAMED_PUBLIC = regex.compile(
    r"(?i)\b(?:press coverage|press release|trade press|company blog|engineering blog|webinars?|public repos|"
    r"open-source repos|conference (?:talks|slides)|public case studies|product changelogs|analyst (?:note|comparison)|"
    r"industry report|podcast interview|team page)\b")
_EXISTENCE_DOUBT = regex.compile(r"(?i)\b(?:could be a data error|treat as a rumou?r|unverified|unconfirmed)\b")


class QualifierFitsSource(Rule):
    name = "qualifier_fit"
    description = ("a qualifier doubting that a report exists (a data error, a rumour, unverified) is not attached "
                   "to a text citing a dated, named, public source")

    def problems(self, task: Task) -> list[str]:
        out = []
        for s in task.signals:
            src, doubt = _NAMED_PUBLIC.search(s.text), _EXISTENCE_DOUBT.search(s.text)
            if src and doubt:
                out.append(f"signal {s.id}: qualifier {doubt.group(0)!r} on a public source ({src.group(0)!r})")
        return out


def _mentions(signal, text: str) -> bool:
    values = [*signal.anchors]
    for v in signal.facts.values():
        values += [x for x in (v if isinstance(v, list) else [v]) if isinstance(x, str) and len(x) > 3]
    low = text.lower()
    return any(v.lower() in low for v in values)


class WarmRequiresThread(Rule):
    name = "warm_required"
    description = ("in a reply to the prospect's request, every required signal is the thread's request or one the thread "
                   "(the prospect's messages or our first email) mentions")

    def problems(self, task: Task) -> list[str]:
        if not any(s.type == "thread" for s in task.signals):  # a reply to a request (not a re-engagement)
            return []
        said = " ".join(m.body for m in task.thread)
        need = set(task.constraints.required_signals)
        return [f"signal {s.id}: required in a reply, but the thread never mentions it"
                for s in task.signals if s.id in need and s.type != "thread" and not _mentions(s, said)]


# ---- Rules for other threads at the company (dataset 1.2, schema 1.1 `other_threads`) -----------------
_GREETING = regex.compile(r"^(?:Hi|Hello|Dear|Hey)\s+(\p{Lu}[\p{L}'\-]+)\s*,", regex.MULTILINE)


def _other_messages(task: Task) -> list[tuple[str, object]]:
    return [(f"other_threads[{j}][{i}]", m) for j, thread in enumerate(task.other_threads or [])
            for i, m in enumerate(thread)]


class OtherThreadPerson(Rule):
    name = "other_thread_person"
    description = ("an other thread is with another person at the same company: it names the company, our "
                   "messages in it greet someone by a first name that is neither the prospect's nor the sender's, "
                   "and the prospect's own name is not in it")

    def problems(self, task: Task) -> list[str]:
        out = []
        p = task.prospect
        sender = task.sender.first_name if task.sender else None
        stem = p.domain.split(".")[0].lower()
        for j, thread in enumerate(task.other_threads or []):
            text = "\n".join(m.body for m in thread)
            if p.company.lower() not in text.lower() and stem not in text.lower():
                out.append(f"other_threads[{j}] never names {p.company}: nothing places it at the prospect's company")
            greeted = [g for m in thread if m.from_ == "tenacious" for g in _GREETING.findall(m.body)]
            if not greeted:
                out.append(f"other_threads[{j}]: no message of ours greets the other person by name")
            for name in greeted:
                if name in (p.first_name, sender):
                    out.append(f"other_threads[{j}] greets {name}, the {'prospect' if name == p.first_name else 'sender'}"
                               ", not another person")
            if f"{p.first_name} {p.last_name}" in text:
                out.append(f"other_threads[{j}] names the prospect {p.first_name} {p.last_name}")
        return out


class OtherThreadFactsDistinct(Rule):
    name = "other_thread_facts"
    description = ("an other thread holds at least one fact of its own that honesty can detect (a named project or "
                   "person, a number with its noun) the task's brief lacks, no anchor of the task's signals, and "
                   "its people are not in the brief")

    def problems(self, task: Task) -> list[str]:
        from tenacious_bench.scorers.honesty import _other_thread_facts

        if not task.other_threads:
            return []
        out = []
        # The facts the other person wrote (our greeting "Hi Aisha" is no fact of theirs).
        theirs = task.model_copy(update={"other_threads": [[m for m in thread if m.from_ == "prospect"]
                                                           for thread in task.other_threads]})
        facts = [f for f in _other_thread_facts(theirs) if not _GREETING.match(f[1] + ",")]
        brief = " ".join([*(s.text for s in task.signals), *(m.body for m in task.thread), task.instruction,
                          f"{task.prospect.first_name} {task.prospect.last_name}"])
        for j, thread in enumerate(task.other_threads, 1):
            if not any(no == j for no, _, _ in facts):
                out.append(f"other_threads[{j - 1}] holds no fact of its own (a named project or person, a number "
                           "with its noun, written by the other person) that honesty could check")
            text = "\n".join(m.body for m in thread).lower()
            for s in task.signals:
                hit = next((a for a in s.anchors if a.lower() in text), None)
                if hit:
                    out.append(f"other_threads[{j - 1}] holds {hit!r}, an anchor of signal {s.id}")
            for m in thread:
                for name in sorted({x.group(0) for x in _TWO_NAMES.finditer(m.body)}):
                    if name in brief and name not in task.prospect.company and name.split()[0] not in _SALUTATIONS:
                        out.append(f"other_threads[{j - 1}]: {name} is also in the task's brief")
        return out


_SALUTATIONS = frozenset({"Hi", "Hello", "Dear", "Hey", "Thanks", "Thank", "Best", "Regards", "Cheers"})
# A full name (two capitalised words), as the other person signs or names someone.
_TWO_NAMES = regex.compile(r"\b\p{Lu}[\p{L}'\-]+ \p{Lu}[\p{L}'\-]+\b")


class OtherThreadDates(Rule):
    name = "other_thread_dates"
    description = ("an other thread's messages are dated before as_of and in order, and it starts with our message "
                   "(we wrote to the other person first)")

    def problems(self, task: Task) -> list[str]:
        out = []
        as_of = dt.date.fromisoformat(task.as_of)
        for j, thread in enumerate(task.other_threads or []):
            previous = None
            for i, m in enumerate(thread):
                d = dt.date.fromisoformat(m.date)
                if d >= as_of:
                    out.append(f"other_threads[{j}][{i}] dated {m.date}, not before as_of {task.as_of}")
                if previous is not None and d < previous:
                    out.append(f"other_threads[{j}][{i}] dated {m.date}, before the message above it")
                previous = d
            if thread[0].from_ != "tenacious":
                out.append(f"other_threads[{j}] starts with a message from the prospect's side, not ours")
        return out


RULES: tuple[Rule, ...] = (
    SegmentSupported(), QualifierConsistent(), DatesOrdered(), ThreadResolved(), AnchorsStated(),
    AnchorsGrammatical(), NamesPlausible(), ReferenceNoRepeat(), ReferenceFactsInBrief(), ReferenceAsksNew(),
    # from the round-1 task-quality review
    QualifierMatchesEvidence(), ThreadClaimsBacked(), SegmentFraming(), NameFitsWorld(), SourceFitsCapability(),
    FactsVisible(), ChannelConsistent(), LeakNotHigh(),
    # from the round-2 task-quality review
    QualifierFitsSource(), WarmRequiresThread(),
    # other threads at the company (dataset 1.2)
    OtherThreadPerson(), OtherThreadFactsDistinct(), OtherThreadDates(),
)
RULE_NAMES = tuple(r.name for r in RULES)
# Rules about a field dataset 1.0 does not have (so they find nothing there; their tests plant defects).
OTHER_THREAD_RULES = ("other_thread_person", "other_thread_facts", "other_thread_dates")


def task_problems(task: Task, rules: Iterable[Rule] = RULES) -> list[tuple[str, str]]:
    """(rule name, problem) for every coherence problem of one task."""
    return [(r.name, p) for r in rules for p in r.problems(task)]


def dataset_problems(tasks: Iterable[Task], rules: Iterable[Rule] = RULES) -> list[str]:
    """One line per problem: `TASK_ID [rule]: problem`."""
    rules = tuple(rules)
    return [f"{t.task_id} [{name}]: {p}" for t in tasks for name, p in task_problems(t, rules)]


def sentence_stats(tasks: Iterable[Task], top: int = 10) -> dict:
    """Reference variety: sentences, distinct share, and the most frequent sentences (with their share
    of the references that hold them)."""
    refs = [t.reference.body for t in tasks if t.reference is not None]
    per_ref = [set(sentences(b)[1:-1]) for b in refs]  # without the greeting and the signature
    counts: Counter[str] = Counter(s for ss in per_ref for s in ss)
    total = sum(counts.values())
    return {
        "references": len(refs),
        "sentences": total,
        "distinct": len(counts),
        "distinct_share": len(counts) / total if total else 0.0,
        "most_frequent": [(s, k, k / len(refs)) for s, k in counts.most_common(top)] if refs else [],
    }

