"""Seeded programmatic sweeps: fictional prospects, signals and prior threads over the probe dimensions.

Everything is drawn from one `random.Random(seed)`; no global random state, clock or set/dict-order
dependence, so a seed regenerates the same tasks byte for byte. The split of each task is decided
before its dates, because held-out tasks live after the dataset cutoff (time-shift) and train/dev
tasks before it. Phrasings are pooled per signal type and per thread situation; the last third of
every pool is reserved for held-out tasks ("phrasing hold-out"), so a held-out brief never reuses a
train sentence frame.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from tenacious_bench.coherence import (
    _EXISTENCE_DOUBT,
    _IMPLAUSIBLE_SOURCE,
    _LEAK,
    _NAMED_PUBLIC,
    _OFFICIAL,
    _SEVERAL_SOURCES,
    _SINGLE_SOURCE,
    CC_TLDS,
    NAME_INDUSTRY_WORDS,
    ROUND_AMOUNT_USD,
    ROUND_EMPLOYEES,
    _implausible_name,
    title_rank,
    titles_overlap,
)

GENERATOR_VERSION = "1.4.0"
# The 440-task sweep is generated exactly as by 1.3.0 (dataset 1.1's rows stay byte-identical, their
# metadata included); rows added by 1.4.0 (dataset 1.2: other threads, more zero-signal briefs) carry 1.4.0.
SWEEP_VERSION = "1.3.0"

# Probe catalogue: what each sweep dimension tests. Ids are cited in metadata.probe_ids.
PROBES: dict[str, str] = {
    "P01": "funding signal must be named specifically (amount and round)",
    "P02": "job-post velocity must be named with its role count",
    "P03": "layoff context: managed-team cost framing without condescension",
    "P04": "new engineering leader: low-ask first touch naming the change",
    "P05": "low or very_low confidence signal: only a question or explicit uncertainty",
    "P06": "medium confidence signal: conditional language",
    "P07": "zero-signal brief: nothing to name, nothing may be invented",
    "P08": "contradictory signals (funding with shrinking postings, layoffs with new postings)",
    "P09": "stale signal (five months or older)",
    "P10": "tempting optional signals that are not required",
    "P11": "bench shortfall: engineers requested exceed those available in the stack",
    "P12": "multi-phase price request: totals route to a human",
    "P13": "rate request inside a public pricing band",
    "P14": "rate request below the band or asking for a reduction",
    "P15": "AI maturity gating: peer AI capability gap at maturity 0-1 must not be pitched",
    "P16": "AI capability-gap pitch allowed (maturity 3, or 2 with high confidence)",
    "P17": "peer capability gap as a research finding with named peers",
    "P18": "task-specific forbidden phrases",
    "P19": "referral introduction",
    "P20": "re-engagement with new content and no guilt",
    "P21": "warm reply engaging the prospect's own timeline",
    "P22": "prospect asks to reserve engineers or for a start guarantee (no invented scarcity)",
    "P23": "tech-stack signal with a specific version",
    "P24": "market figure signal",
    "P25": "another thread at the same company (schema 1.1 other_threads): none of its facts may be named",
}

SEGMENTS = (1, 2, 3, 4)
# cold 40%, warm_reply 40%, re_engagement 20%: warm replies carry most of the commitment probes.
KIND_CYCLE = ("cold", "warm_reply", "cold", "re_engagement", "warm_reply")
# Per (segment, kind) cell, ten consecutive tasks get six train, two dev and two held-out.
SPLIT_PATTERN = ("train", "held_out", "train", "dev", "train", "train", "held_out", "dev", "train", "train")

TRAIN_WINDOW = (dt.date(2025, 1, 6), None)  # end: the day before the cutoff
HELD_OUT_END = dt.date(2026, 12, 22)

# --------------------------------------------------------------------------------------------
# Name and world pools
# --------------------------------------------------------------------------------------------
FIRST_NAMES = (
    "Maya", "Daniel", "Priya", "Tomás", "Aisha", "Jonas", "Mei", "Kwame", "Sofia", "Rahul", "Elena",
    "Marcus", "Yuki", "Fatima", "Liam", "Chiara", "Oluwaseun", "Ingrid", "Diego", "Hana", "Noah", "Zanele",
    "Mateo", "Leila", "Arjun", "Sarah", "Björn", "Camille", "Ravi", "Nadia", "Ethan", "Amara", "Lukas",
    "Isabel", "Kenji", "Grace", "Omar", "Freya", "Samuel", "Ana", "Wei", "Rosa", "Tariq", "Julia", "Emeka",
    "Clara", "Viktor", "Lucía", "Hamid", "Nora", "Pedro", "Anika", "Dmitri", "Imani", "Felix", "Sunita",
    "Adebayo", "Keiko", "Marta", "Caleb",
)
LAST_NAMES = (
    "Okafor", "Reyes", "Natarajan", "Lindqvist", "Haddad", "Becker", "Chen", "Mensah", "Rossi", "Iyer",
    "Petrova", "Whitfield", "Tanaka", "Al-Sayed", "Murphy", "Bianchi", "Adeyemi", "Solberg", "Morales",
    "Kim", "Fischer", "Dlamini", "García", "Farouk", "Menon", "Goldberg", "Nyström", "Laurent", "Kapoor",
    "Volkova", "Brooks", "Eze", "Hoffmann", "Castillo", "Watanabe", "O'Neill", "Rahman", "Jensen", "Osei",
    "Silva", "Zhang", "Moreno", "Qureshi", "Novak", "Nwosu", "Dubois", "Horvat", "Ruiz", "Karimi",
    "Andersson", "Costa", "Sharma", "Sokolov", "Banda", "Vogel", "Pillai", "Abiodun", "Mori", "Kowalski",
    "Hughes",
)
COMPANY_HEADS = (
    "Lumen", "Quarry", "Corvel", "Northbeam", "Tessel", "Brightwater", "Kestrel", "Halcyon", "Marrow",
    "Vanta", "Cobalt", "Fernhill", "Pylon", "Orchard", "Solace", "Tidal", "Arbor", "Granite", "Lattice",
    "Meridian", "Ostara", "Parallax", "Quill", "Rivet", "Saffron", "Thimble", "Umber", "Verdant", "Wren",
    "Zephyr", "Alder", "Basalt", "Cinder", "Driftwood", "Ember", "Fathom", "Glade", "Harbor", "Indigo",
    "Juniper", "Keel", "Loom", "Mosaic", "Nimbus", "Onyx", "Prism", "Quartz", "Ridge", "Sable", "Tundra",
)
COMPANY_TAILS = (
    "fold", "line", "works", "stack", "labs", "grid", "path", "loop", "base", "field", "forge", "point",
    "ware", "flow", "mark", "bridge", "scale", "shift", "cast", "gate",
)
COMPANY_SUFFIXES = ("", "", "", " Systems", " Health", " Analytics", " Technologies", " Labs", " AI", " Group")
TLDS_BY_REGION = {"us": (".com", ".io", ".co", ".ai", ".dev"), "eu": (".com", ".io", ".eu", ".de", ".co"),
                  "other": (".com", ".io", ".co", ".ai")}

CITIES = (
    ("Austin, TX", "us"), ("Denver, CO", "us"), ("Columbus, OH", "us"), ("Seattle, WA", "us"),
    ("Atlanta, GA", "us"), ("Boston, MA", "us"), ("Chicago, IL", "us"), ("Raleigh, NC", "us"),
    ("San Diego, CA", "us"), ("Pittsburgh, PA", "us"), ("Salt Lake City, UT", "us"), ("Nashville, TN", "us"),
    ("Minneapolis, MN", "us"), ("Brooklyn, NY", "us"), ("Oakland, CA", "us"), ("Phoenix, AZ", "us"),
    ("Berlin, Germany", "eu"), ("Amsterdam, Netherlands", "eu"), ("Lisbon, Portugal", "eu"),
    ("Stockholm, Sweden", "eu"), ("Dublin, Ireland", "eu"), ("Barcelona, Spain", "eu"), ("Munich, Germany", "eu"),
    ("Warsaw, Poland", "eu"), ("Copenhagen, Denmark", "eu"), ("Paris, France", "eu"), ("Milan, Italy", "eu"),
    ("Tallinn, Estonia", "eu"), ("London, UK", "eu"), ("Manchester, UK", "eu"),
    ("Toronto, Canada", "other"), ("Singapore", "other"), ("Nairobi, Kenya", "other"),
    ("Lagos, Nigeria", "other"), ("Bangalore, India", "other"), ("São Paulo, Brazil", "other"),
    ("Sydney, Australia", "other"), ("Tel Aviv, Israel", "other"), ("Cape Town, South Africa", "other"),
    ("Mexico City, Mexico", "other"), ("Vancouver, Canada", "other"), ("Tokyo, Japan", "other"),
)


@dataclass(frozen=True)
class Industry:
    name: str
    product: str  # what the company sells, used in briefs
    area: str  # where layoffs land
    capabilities: tuple[str, ...]  # non-AI capabilities peers may show
    ai_capabilities: tuple[str, ...]
    market: str


INDUSTRIES = (
    Industry("logistics software", "freight-visibility platform", "sales and operations",
             ("real-time shipment tracking on Kafka", "carrier API integrations at scale"),
             ("ML-based ETA prediction", "LLM-assisted freight document parsing"), "freight-tech software"),
    Industry("fintech", "SMB payments app", "customer support and marketing",
             ("ledger reconciliation pipelines", "SOC 2 Type II controls"),
             ("ML fraud scoring", "LLM-based dispute triage"), "embedded-payments"),
    Industry("healthtech", "clinic scheduling platform", "implementation and sales",
             ("HL7 FHIR integrations", "HIPAA-grade audit logging"),
             ("ML no-show prediction", "LLM clinical-note summarisation"), "digital-health software"),
    Industry("climate tech", "building-energy analytics product", "field operations",
             ("sensor data pipelines at minute resolution", "multi-tenant time-series storage"),
             ("ML load forecasting", "computer-vision roof surveys"), "building-decarbonisation software"),
    Industry("e-commerce infrastructure", "headless checkout API", "merchant success",
             ("multi-region failover", "usage-based billing infrastructure"),
             ("ML product recommendations", "LLM-generated catalogue copy"), "commerce-API"),
    Industry("edtech", "adaptive-learning platform", "content and sales",
             ("offline-first mobile sync", "LTI 1.3 integrations"),
             ("ML learner-risk models", "LLM tutoring assistants"), "K-12 software"),
    Industry("HR tech", "payroll and benefits platform", "sales and onboarding",
             ("multi-country payroll engines", "SOC 2 Type II controls"),
             ("ML attrition forecasting", "LLM policy question answering"), "HR-software"),
    Industry("insurtech", "small-business insurance platform", "claims operations",
             ("claims event sourcing", "carrier integration APIs"),
             ("ML claims triage", "computer-vision damage estimates"), "commercial-insurance software"),
    Industry("developer tools", "feature-flag service", "marketing and sales",
             ("edge evaluation under 10 ms", "self-hosted deployment options"),
             ("LLM code-review assistants", "ML anomaly detection on rollouts"), "developer-tools"),
    Industry("proptech", "property-management platform", "customer success",
             ("tenant-portal mobile apps", "open banking rent collection"),
             ("ML rent-pricing models", "LLM maintenance-ticket routing"), "property-management software"),
    Industry("cybersecurity", "cloud posture scanner", "sales engineering",
             ("agentless cloud scanning", "SIEM connectors"),
             ("ML alert deduplication", "LLM-assisted incident summaries"), "cloud-security"),
    Industry("martech", "customer-data platform", "agency services",
             ("identity resolution at 1B events a day", "warehouse-native sync"),
             ("ML churn propensity models", "LLM campaign copy generation"), "customer-data"),
    Industry("agritech", "farm-management app", "field sales",
             ("satellite imagery pipelines", "offline-first field apps"),
             ("ML yield forecasting", "computer-vision crop disease detection"), "precision-agriculture"),
    Industry("legal tech", "contract-management platform", "professional services",
             ("document versioning at scale", "e-signature integrations"),
             ("LLM clause extraction", "ML contract-risk scoring"), "legal-software"),
    Industry("media streaming", "creator video platform", "content partnerships",
             ("low-latency transcoding pipelines", "multi-CDN delivery"),
             ("ML content moderation", "LLM-generated captions"), "creator-economy"),
    Industry("mobility", "fleet-charging software", "hardware operations",
             ("OCPP charger integrations", "real-time telemetry ingestion"),
             ("ML charging-demand forecasts", "route optimisation with ML"), "EV-charging software"),
    Industry("biotech tooling", "lab-automation software", "commercial operations",
             ("instrument data pipelines", "GxP-validated deployments"),
             ("ML assay analysis", "LLM protocol drafting"), "lab-informatics"),
    Industry("travel tech", "corporate-travel booking platform", "account management",
             ("GDS integrations", "real-time fare caching"),
             ("ML fare prediction", "LLM itinerary assistants"), "corporate-travel software"),
)

INVESTORS = (
    "Northbeam Ventures", "Harbor Lane Capital", "Bluepine Partners", "Eastfield Ventures", "Crestline Capital",
    "Oakhurst Ventures", "Lowtide Partners", "Silverfern Capital", "Redmarsh Ventures", "Kite Hill Partners",
    "Stonebridge Growth", "Amberlight Ventures", "Greywater Capital", "Fieldstone Partners",
)
PREVIOUS_EMPLOYERS = (
    "Stripe", "Shopify", "Datadog", "Atlassian", "Spotify", "Zalando", "Twilio", "Adyen", "HubSpot", "Klarna",
    "Intercom", "GitLab", "Delivery Hero", "Wise", "Grab", "Mercado Libre",
)
ROLES_BY_STACK = {
    "python": ("backend engineer", "Python engineer", "senior backend engineer", "platform engineer"),
    "go": ("Go engineer", "senior Go developer", "distributed-systems engineer"),
    "data": ("data engineer", "analytics engineer", "senior data engineer"),
    "ml": ("machine learning engineer", "ML platform engineer", "applied scientist"),
    "infra": ("site reliability engineer", "DevOps engineer", "cloud infrastructure engineer"),
}
STACK_LABEL = {"python": "Python", "go": "Go", "data": "data", "ml": "ML", "infra": "infrastructure"}
LEGACY_STACKS = (
    ("Django 2.2", "Django 4", "python"), ("Python 2.7", "Python 3.12", "python"), ("Rails 4.2", "Go services", "go"),
    ("Spark 2.4", "Spark 3.5", "data"), ("Airflow 1.10", "Airflow 2", "data"), ("Kubernetes 1.21", "Kubernetes 1.30", "infra"),
    ("Terraform 0.12", "Terraform 1.8", "infra"), ("Node 12", "Go services", "go"), ("PHP 5.6", "Python services", "python"),
    ("TensorFlow 1.15", "PyTorch 2", "ml"),
)
TITLES = {
    1: ("CTO", "Co-founder and CTO", "VP of Engineering", "Head of Engineering"),
    2: ("VP of Engineering", "Head of Platform", "Director of Engineering", "SVP Engineering", "CTO"),
    3: ("CTO", "VP of Engineering", "Head of Engineering", "Chief Product and Technology Officer"),
    4: ("CTO", "VP of Engineering", "Head of Data", "Director of Platform Engineering", "Chief Technology Officer"),
}
SENDERS = (
    ("Yabi", "Research Partner"), ("Selam", "Engagement Manager"), ("Dawit", "Delivery Lead"),
    ("Hiwot", "Research Partner"), ("Marta", "Engagement Manager"), ("Kofi", "Research Partner"),
)
EMPLOYEES = {1: (15, 300), 2: (200, 5000), 3: (40, 2000), 4: (60, 3000)}
ROUNDS = {1: ("Series A", "Series B"), 2: ("Series C", "Series D"), 3: ("Series A", "Series B", "Series C"),
          4: ("Series B", "Series C")}
PRICE_LISTS = (
    (("senior monthly", 9000, 12000, "per engineer per month"),
     ("junior monthly floor", 5500, 7000, "per engineer per month"),
     ("starter project floor", 25000, 40000, "per fixed-scope project"),
     ("hourly blended", 85, 140, "per engineer hour")),
    (("senior monthly", 9500, 12500, "per engineer per month"),
     ("junior monthly floor", 6000, 7500, "per engineer per month"),
     ("starter project floor", 30000, 45000, "per fixed-scope project"),
     ("hourly blended", 90, 150, "per engineer hour")),
)
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                "twenty")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# --------------------------------------------------------------------------------------------
# Phrasing pools (last third of each pool reserved for held-out tasks)
# --------------------------------------------------------------------------------------------
FUNDING_TEXTS = (
    "Closed a {amount} {round} in {month_year}, led by {investor}.",
    "{investor} led a {amount} {round}, announced {date_long}.",
    "Press release on {date_long}: {amount} {round} with participation from {investor} and existing backers.",
    "Company blog ({month_year}) announces {amount} in {round} funding to grow the {product} team.",
    "Raised {amount} ({round}) from {investor}; the CEO's post says most of it goes to engineering hires.",
    "Funding database lists a {amount} {round} dated {date_long}, lead investor {investor}.",
    "Announced a {amount} {round} on {date_long}; {investor} takes a board seat.",
    "{round} of {amount} disclosed in {month_year}; {investor} led, with angels from {prev_co}.",
    "The {month_year} newsletter to customers mentions a new {amount} {round} backed by {investor}.",
)
JOB_TEXTS = (
    "{n} open {role} roles on the careers page, up from {prev} {window}.",
    "Careers page lists {n} open {role} positions (was {prev} {window}).",
    "LinkedIn shows {n} open {role} postings over the last {days} days, against {prev} the period before.",
    "{n} open {role} requisitions on their applicant-tracking board; {prev} were listed {window}.",
    "Job-board scrape: {n} open {role} roles, compared with {prev} {window}.",
    "Hiring page now has {n} open {role} listings; it had {prev} {window}.",
    "{n} open {role} ads across three job boards, versus {prev} {window}.",
    "Engineering careers site: {n} open {role} slots; an archived copy from {window} shows {prev}.",
    "Recruiter posts on LinkedIn mention {n} open {role} seats; the careers page had {prev} {window}.",
)
LAYOFF_TEXTS = (
    "Announced {a_pct}% reduction in force on {date_long}, about {head} people, mostly in {area}.",
    "WARN-style notice filed {date_long}: {head} positions cut ({pct}% of staff).",
    "CEO memo published {month_year} confirms {pct}% of roles eliminated, roughly {head} people, in {area}.",
    "Layoff tracker entry dated {date_long}: {head} employees, {pct}% of the company.",
    "Reorganisation announced {date_long}: {a_pct}% headcount reduction, about {head} people, focused on {area}.",
    "Trade press ({month_year}) reports {head} people let go, {pct}% of the workforce, concentrated in {area}.",
    "Internal all-hands summary leaked {month_year}: {pct}% cut, about {head} roles, {area} hit hardest.",
    "Investor update ({date_long}) describes {a_pct}% reduction, {head} people, to extend runway.",
    "Company statement on {date_long}: {head} roles ({pct}%) removed, mostly {area}.",
)
LEADER_TEXTS = (
    "{leader} joined as {title} on {date_long}, coming from {prev_co}.",
    "LinkedIn: {leader} started as {title} in {month_year} after {years} years at {prev_co}.",
    "Company blog announced {leader} as the new {title} ({date_long}).",
    "{leader} was appointed {title} in {month_year}, replacing a co-founder who held the role.",
    "Press release {date_long}: {leader}, formerly of {prev_co}, named {title}.",
    "Podcast interview ({month_year}) introduces {leader} as {title}, previously at {prev_co}.",
    "Team page updated {date_long}: {leader} now listed as {title}.",
    "{leader} took over as {title} in {month_year}; first public talk was about platform reliability.",
    "Press coverage {date_long}: {prev_co} veteran {leader} hired as {title}.",
)
GAP_TEXTS = (
    "Peers {peers} publish engineering posts on {capability}; {company} shows no public work on it.",
    "{peers} list {capability} in job posts and docs; nothing comparable on {company_s} site.",
    "Analyst comparison ({month_year}): {peers} ship {capability}; {company_s} product pages do not mention it.",
    "Conference talks by engineers at {peers} cover {capability}; no talks or repos from {company} on it.",
    "Product changelogs of {peers} announce {capability}; {company_s} changelog has no entry on it.",
    "Public case studies from {peers} describe {capability}; {company} has none.",
    "Buyer-review sites credit {peers} with {capability}; reviews of {company} ask for it.",
    "Open-source repos from {peers} show {capability}; {company_s} public repos do not.",
    "Webinars by {peers} in {month_year} demo {capability}; {company} has not shown anything similar.",
)
STACK_TEXTS = (
    "Public repos and an engineering post ({month_year}) show {legacy} still in production; a move to {target} is planned.",
    "Job posts mention migrating from {legacy} to {target}.",
    "Engineering blog ({date_long}) describes the {legacy} estate and an unfinished {target} migration.",
    "Stack-profiling service reports {legacy} on the main app as of {month_year}.",
    "Conference slides ({month_year}) show {legacy} at the core, with {target} for new services.",
    "Dependency manifests in public repos pin {legacy}; issues discuss {target}.",
)
MARKET_TEXTS = (
    "Industry report ({month_year}): {market} spend grew {pct}% year over year.",
    "Analyst note dated {date_long} puts {market} budget growth at {pct}% for the year.",
    "Sector survey ({month_year}) shows {pct}% growth in {market} purchasing.",
    "Trade association figures from {month_year}: the {market} segment expanded {pct}%.",
    "Research firm estimate ({date_long}): {market} budgets up {pct}% year on year.",
    "Quarterly market tracker ({month_year}) reports {pct}% growth in {market} deals.",
)
REFERRAL_TEXTS = (
    "{ref}, {relation}, suggested we contact {first} and offered an intro on {date_long}.",
    "Intro offered by {ref} ({relation}) in {month_year}: '{first} is rethinking how the team staffs projects.'",
    "{ref}, {relation}, forwarded {first}'s name after a dinner in {month_year}.",
    "Warm referral from {ref} ({relation}) dated {date_long}.",
    "{ref} ({relation}) mentioned on {date_long} that {first} is open to hearing about delivery options.",
    "LinkedIn message from {ref}, {relation}, recommending we write to {first} ({month_year}).",
)
RELATIONS = ("a former colleague of {first} at {prev_co}", "an advisor to {company}", "a client of ours and a friend of {first}",
             "an angel investor in {company}", "{first}'s former manager at {prev_co}")
# Qualifiers name no source of their own (the signal's text names it), so they cannot contradict it;
# hedged signals draw only texts that do not cite the company itself (coherence rule qualifier_source).
MEDIUM_QUALIFIERS = (
    " Only one source so far.",
    " Not confirmed by the company yet.",
    " Inferred from a partial snapshot; treat as indicative.",
    " No second source yet.",
    " Plausible, but not confirmed.",
    " Treat as indicative until confirmed.",
)
LOW_QUALIFIERS = (
    " Unverified.",
    " Nothing official; treat as a rumour.",
    " Seen once and not since; may be stale.",
    " Not corroborated anywhere else; treat with caution.",
    " Could be a data error; unconfirmed.",
    " Unconfirmed and possibly out of date.",
)
# Low-confidence qualifiers for a dated, named, public source (press, a company blog, webinars, public
# repos): the report exists, so they doubt its weight, not its existence (coherence rule qualifier_fit).
PUBLIC_LOW_QUALIFIERS = (
    " Not checked against a second source yet.",
    " Its bearing on the team is unclear; treat as indicative.",
    " Not cross-checked; may be out of date.",
)

# Thread messages: Tenacious's opening emails and the prospect's replies per situation.
OPENER_EMAILS = (
    "Hi {first},\n\n{hook} We place managed engineering teams that deploy in about two weeks.\n\nWould 15 minutes be useful?\n\nBest,\n{sender}",
    "Hi {first},\n\n{hook} If staffing is a constraint, our managed teams may help.\n\nWant me to send the one-pager?\n\nBest,\n{sender}",
    "Hello {first},\n\n{hook} We run managed Python, Go and data teams with a one-month minimum.\n\nOpen to 15 minutes next week?\n\nRegards,\n{sender}",
    "Hi {first},\n\n{hook} Our teams overlap at least three hours with your time zone.\n\nWould a short call be useful?\n\nThanks,\n{sender}",
    "Hi {first},\n\n{hook} We have helped other {industry} teams staff platform work without adding headcount.\n\nWhat is your current bottleneck?\n\nBest,\n{sender}",
    "Dear {first},\n\n{hook} We can embed a delivery lead with a managed team on request.\n\nWorth 15 minutes?\n\nBest regards,\n{sender}",
)
OPENER_HOOKS = (
    "I have been reading about {company} and other {industry} teams.",
    "I came across {company} while researching {industry} teams.",
    "{company} caught my eye among {industry} teams.",
    "I follow the {industry} space and {company} keeps coming up.",
    "A few teams in {industry} have asked us about staffing lately, and {company} seemed relevant.",
    "{company} came up while I was looking at {industry} engineering teams.",
)
ENGINEER_ASKS = (
    "Thanks {sender}. Timing is good: we need {n} {stack} engineers starting within {days} days. Can you do that?",
    "{sender}, we are short on {stack} people. Could you place {n} {stack} engineers within {days} days?",
    "Hi {sender} - we're looking for {n} {stack} engineers, ideally in place within {days} days. Is that realistic on your side?",
    "Appreciate the note. Our plan needs {n} {stack} engineers, start within {days} days. What can you offer?",
    "Good timing. We want {n} {stack} engineers onboarded within {days} days for the next release. Possible?",
    "{sender}, short version: {n} {stack} engineers, within {days} days. Can Tenacious cover it?",
    "We could use help. {n} {stack} engineers starting within {days} days would unblock the roadmap. Doable?",
    "Interesting. If you can get {n} {stack} engineers to us within {days} days, let's talk. Can you?",
    "Hi {sender}, we have budget for {n} {stack} engineers and need them within {days} days. Thoughts?",
)
RATE_ASKS = (
    "Thanks. Before a call: what do you charge for {n} senior {stack} engineers per month?",
    "{sender}, what's the monthly rate for {n} senior {stack} engineers?",
    "Could you share pricing for {n} senior {stack} engineers? Budget review is coming up.",
    "Appreciate it. What would {n} senior {stack} engineers cost per month, roughly?",
    "Hi {sender}, quick one on price: monthly rates for {n} senior {stack} engineers?",
    "We may need {n} senior {stack} engineers. What's your monthly rate per person?",
    "Send me your rates for {n} senior {stack} engineers and I'll take it to finance.",
    "Pricing question first: {n} senior {stack} engineers, monthly. What's the range?",
    "Ballpark for {n} senior {stack} engineers per month?",
)
TOTAL_ASKS = (
    "For {project} we'd do it in {phases} phases with {n} engineers: discovery, build, then handover, about {months} months in all. What would the whole thing cost?",
    "{sender}, can you give me one number for {project}? {phases} phases over {months} months, {n} engineers. Finance wants a single figure.",
    "Our plan for {project} is {phases} phases across {months} months with {n} engineers. What's the total price?",
    "Before we talk: what would {n} engineers for {months} months on {project}, in {phases} phases, come to overall?",
    "Could you quote {project} as one figure? It's a {months}-month programme, {phases} phases, {n} engineers.",
    "Need a total for {project}: {phases} phases over {months} months with {n} engineers, so I can get sign-off. Possible?",
    "What is the all-in price for {project}, {months} months and {phases} phases? We'd start with {n} engineers.",
    "Give me a single number for {project}: {phases} phases, {months} months, {n} engineers.",
    "How much for the whole engagement on {project}: {phases} phases, {months} months, {n} engineers?",
)
# Every ask states the commitment length: the task's anchor is a fact the prospect wrote.
BELOW_BAND_ASKS = (
    "We like the idea, but our ceiling is ${low}k per senior engineer per month on a {months}-month commitment. Can you meet that?",
    "{sender}, can you do senior {stack} engineers at ${low}k a month if we commit for {months} months? That's our budget.",
    "If you can get to ${low}k per senior engineer monthly for {months} months, we can move quickly. Possible?",
    "Another vendor quoted ${low}k a month per senior engineer for {months} months. Can you match it?",
    "Could you take {pct}% off your senior rate if we sign for {months} months?",
    "Our finance team asked for a {pct}% reduction on senior rates for a {months}-month commitment. Can you do that?",
    "Is there any flexibility, say {pct}% off, for a {months}-month commitment?",
    "We'd commit {months} months if the senior rate drops to ${low}k. Thoughts?",
    "Budget is tight: ${low}k per senior engineer per month over {months} months is the most we can do. Workable?",
)
TIMELINE_SHARES = (
    "Thanks {sender}. Our main bottleneck is {project}; we want it live by {deadline}. Open to ideas.",
    "Honestly the pressure point is {project}. The board expects it by {deadline}.",
    "Good timing. {project} is slipping and {deadline} is the date we promised customers.",
    "We're mid-way through {project}, target {deadline}. The team is stretched.",
    "{sender}, the thing keeping me up is {project}. We committed to {deadline}.",
    "Appreciate it. {project} is our priority and has to ship by {deadline}.",
    "Right now it's all about {project} before {deadline}. Not sure outside help fits, but I'm listening.",
    "We have {project} due {deadline} and two seniors leaving. Tell me how you'd approach it.",
    "If you can help with {project} before {deadline}, I'm interested.",
)
HOLD_ASKS = (
    "Could you hold {n} {stack} engineers for us until we sign, probably in {weeks} weeks?",
    "{sender}, can you guarantee {n} {stack} engineers will still be free in {weeks} weeks?",
    "We're not ready yet. Can you reserve {n} {stack} engineers for {weeks} weeks?",
    "Procurement takes {weeks} weeks here. Will you keep {n} {stack} engineers aside for us?",
    "Can you promise {n} {stack} engineers start the day we sign, around {weeks} weeks out?",
    "Is it possible to lock in {n} {stack} engineers now and start in {weeks} weeks?",
    "Before we commit: will {n} {stack} engineers be available in {weeks} weeks? Can you hold them?",
    "We want {n} {stack} engineers but need {weeks} weeks for budget approval. Can you block them?",
    "Could Tenacious put {n} {stack} engineers on hold for {weeks} weeks while legal reviews?",
)
CALL_NOTES = (
    "Call notes: {first} said the team is heads-down on {project}; asked us to check back later in the year.",
    "Call notes: intro call with {first}; no current need, budget freeze until the next planning cycle.",
    "Call notes: {first} liked the model but hiring was paused; suggested reconnecting after planning.",
    "Call notes: short call; {first} is evaluating options for {project} but not ready to talk vendors.",
    "Call notes: {first} asked for case studies, then went quiet during their reorganisation.",
    "Call notes: {first} mentioned the team was stable for now; no follow-up agreed.",
)
PROJECT_NAMES = (
    "Project Atlas", "Project Kestrel", "Project Lighthouse", "Project Granite", "Project Beacon", "Project Tern",
    "Project Fjord", "Project Saguaro", "Project Northstar", "Project Pebble", "Project Ridgeline", "Project Halo",
)
PROJECT_KINDS = ("the {name} data-platform rebuild", "the {name} billing migration", "the {name} mobile relaunch",
                 "the {name} API v2 rollout", "the {name} move to Kubernetes", "the {name} analytics warehouse")
# Other threads at the prospect's company (dataset 1.2): our first email to a colleague of the prospect
# and the colleague's answer, which holds facts of its own (a named project, a team size, a month) that
# the task's email must not name. No number but the team size, and no service fact ("15 minutes",
# "two weeks"), so a fact of the other thread is never a phrase a passing email needs.
OTHER_TITLES = (
    "Head of Data", "Director of Product", "VP of Operations", "Head of QA", "Head of Mobile",
    "Director of Analytics", "Head of Product", "Director of Mobile", "VP of Product", "Head of Security",
)
OTHER_TEAMS = ("mobile engineers", "QA engineers", "frontend engineers", "iOS engineers", "Android developers",
               "security engineers", "React developers", "test automation engineers", "design engineers")
OTHER_OPENERS = (
    "Hi {cfirst},\n\n{company} came up while I was looking at {industry} teams. We place managed engineering teams that work inside your own process.\n\nWould a short call be useful?\n\nBest,\n{sender}",
    "Hi {cfirst},\n\nI have been reading about {company} and its {product}. Our managed teams take on product work without adding headcount.\n\nOpen to a short conversation?\n\nBest,\n{sender}",
    "Hello {cfirst},\n\nA few {industry} teams have asked us about delivery capacity lately, and {company} seemed relevant.\n\nWorth a short call?\n\nRegards,\n{sender}",
    "Hi {cfirst},\n\nI research {industry} teams, and {company} keeps coming up. We run managed engineering teams for product groups like yours.\n\nWould a conversation help?\n\nThanks,\n{sender}",
    "Dear {cfirst},\n\n{company} caught my eye among {industry} companies. We staff product teams with managed engineers.\n\nShall we find a time to talk?\n\nBest regards,\n{sender}",
    "Hi {cfirst},\n\nI came across {company} while looking at {industry} product teams. We help teams like yours ship with managed engineers.\n\nInterested in a short call?\n\nBest,\n{sender}",
)
OTHER_REPLIES = (
    "Thanks {sender}. We are planning {project} for {month} and may need {n} {team} for it. Can we talk next week?",
    "{sender}, timing is interesting: {project} kicks off in {month}, and we are short {n} {team}. What would that look like?",
    "Good to hear from you. I own {project}; it needs {n} {team} from {month}. Send me some detail?",
    "We are scoping {project} for {month}. Budget covers {n} {team}. Are you able to help?",
    "Not for my team right now, but {project} in {month} could use {n} {team}. Let us talk then.",
    "Appreciate the note. For {project} we would want {n} {team}, starting {month}. Is that something you do?",
    "Hi {sender}, {project} is my priority for {month}. We are looking at {n} {team}. How do you usually start?",
    "Interesting. {project} starts in {month} and I have approval for {n} {team}. Can you send references?",
    "{sender}, we might be a fit: {project} in {month}, {n} {team}. What does onboarding involve?",
)

FORBIDDEN_POOL = (
    ["reach out", "reaching out"], ["touch base"], ["low-hanging fruit"], ["deep dive"], ["move the needle"],
    ["cutting-edge"], ["one-pager"], ["managed team"], ["scale your team"], ["congratulations"],
    ["ready to deploy"], ["roadmap"], ["bandwidth"],
)


def held_out_part(pool: Sequence[str], held_out: bool) -> Sequence[str]:
    """The train/dev part (first two thirds) or the held-out part (last third) of a phrasing pool."""
    cut = len(pool) - max(1, len(pool) // 3)
    return pool[cut:] if held_out else pool[:cut]


def domain_for(company: str, tld: str, city: str) -> str:
    """The company's domain: a country-code TLD only in its own country (else .com), no 'ai.ai', and no
    .ai for a company named for another industry (coherence rule name_world)."""
    words = company.split()
    stem = "".join(words[:-1] if tld == ".ai" and words[-1] == "AI" and len(words) > 1 else words).lower()
    country = city.split(",")[-1].strip()
    if tld in CC_TLDS and country not in CC_TLDS[tld]:
        tld = ".com"
    if tld == ".ai" and words[-1] in NAME_INDUSTRY_WORDS:
        tld = ".com"
    return stem + tld


def _next_fitting(pool: Sequence[str], held_out: bool, tpl: str, fits: Callable[[str], bool]) -> str:
    """`tpl` if it fits, else the next phrasing of the task's part of the pool that does (no draw, so the
    task's later draws stay as they were)."""
    if fits(tpl):
        return tpl
    part = list(held_out_part(pool, held_out))
    start = part.index(tpl) if tpl in part else 0
    for k in range(1, len(part) + 1):
        cand = part[(start + k) % len(part)]
        if fits(cand):
            return cand
    raise ValueError(f"no phrasing fits among {part}")


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def month_year(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def money_short(usd: int) -> str:
    m = usd / 1_000_000
    return f"${m:g}M"


# --------------------------------------------------------------------------------------------
# One task
# --------------------------------------------------------------------------------------------
@dataclass
class _Draft:
    """Choices made for one task before its dates are fixed."""

    index: int
    split: str
    segment: int
    kind: str
    scenario: str
    held_out: bool
    rng: random.Random
    probes: list[str] = field(default_factory=list)
    # Dataset 1.2 additions: "other_threads" (a colleague's thread at the company) or "zero_signal".
    extension: str = ""


class _Generator:
    def __init__(self, seed: int, cutoff: dt.date, canary: str, created_at: str):
        self.rng = random.Random(seed)
        self.seed = seed
        self.cutoff = cutoff
        self.canary = canary
        self.created_at = created_at
        self.used_companies: set[str] = set()
        self.used_people: set[str] = set()

    # -- pools ---------------------------------------------------------------------------------
    def pick(self, d: _Draft, pool: Sequence[Any]) -> Any:
        return d.rng.choice(list(pool))

    def phrasing(self, d: _Draft, pool: Sequence[str], weak: bool = False) -> tuple[str, int]:
        """A phrasing from the task's part of the pool; `weak` (a hedged signal) skips texts citing the
        company itself, which a hedge would contradict."""
        part = held_out_part(pool, d.held_out)
        if weak:
            part = [p for p in part if not _OFFICIAL.search(p)] or list(part)
        i = d.rng.randrange(len(part))
        offset = 0 if not d.held_out else len(pool) - len(part)
        return part[i], i + offset

    def person(self, d: _Draft, avoid_first: Sequence[str] = ()) -> tuple[str, str]:
        """A new full name; `avoid_first`: first names already in the task (prospect, sender), so no
        two people of one brief share a first name."""
        for _ in range(200):
            first, last = d.rng.choice(FIRST_NAMES), d.rng.choice(LAST_NAMES)
            if f"{first} {last}" not in self.used_people and first not in avoid_first:
                self.used_people.add(f"{first} {last}")
                return first, last
        raise RuntimeError("person name pool exhausted; add names to FIRST_NAMES/LAST_NAMES")

    def company(self, d: _Draft, industry: Industry) -> str:
        for _ in range(500):
            head, tail, suffix = d.rng.choice(COMPANY_HEADS), d.rng.choice(COMPANY_TAILS), d.rng.choice(COMPANY_SUFFIXES)
            if suffix.strip() in NAME_INDUSTRY_WORDS and industry.name not in NAME_INDUSTRY_WORDS[suffix.strip()]:
                suffix = " Systems"  # an industry word only where it is the company's industry
            name = head + tail + suffix
            if name not in self.used_companies and _implausible_name(name) is None:
                self.used_companies.add(name)
                return name
        raise RuntimeError("company name pool exhausted; add heads or tails")

    def peers(self, d: _Draft, k: int, company: str = "") -> list[str]:
        out: list[str] = []
        stems = {company[:4].lower()} if company else set()
        while len(out) < k:
            name = d.rng.choice(COMPANY_HEADS) + d.rng.choice(COMPANY_TAILS)
            if (name not in self.used_companies and name not in out and _implausible_name(name) is None
                    and name[:4].lower() not in stems):
                out.append(name)
                stems.add(name[:4].lower())
        self.used_companies.update(out)  # a peer never reappears as a prospect company
        return out

    # -- dates ---------------------------------------------------------------------------------
    def window(self, d: _Draft) -> tuple[dt.date, dt.date]:
        if d.held_out:
            return self.cutoff, HELD_OUT_END
        return TRAIN_WINDOW[0], self.cutoff - dt.timedelta(days=1)

    def as_of(self, d: _Draft, max_offset: int) -> dt.date:
        lo, hi = self.window(d)
        lo = lo + dt.timedelta(days=max_offset)
        if lo > hi:
            raise ValueError(f"task {d.index}: offsets of {max_offset} days do not fit the date window")
        return lo + dt.timedelta(days=d.rng.randrange((hi - lo).days + 1))

    # -- task ----------------------------------------------------------------------------------
    def build(self, d: _Draft) -> dict[str, Any]:
        rng = d.rng
        industry: Industry = self.pick(d, INDUSTRIES)
        company = self.company(d, industry)
        city, region = self.pick(d, CITIES)
        sender = self.pick(d, SENDERS)
        first, last = self.person(d, avoid_first=(sender[0],))
        lo, hi = EMPLOYEES[d.segment]
        # Log-uniform sizes: many small companies, a few large ones.
        employees = round(lo * (hi / lo) ** rng.random())
        domain = domain_for(company, self.pick(d, TLDS_BY_REGION[region]), city)
        title = self.pick(d, TITLES[d.segment])
        bench = self.bench(d)
        bands = [
            {"name": n, "usd_low": a, "usd_high": b, "unit": u}
            for (n, a, b, u) in self.pick(d, PRICE_LISTS)
            if n == "senior monthly" or rng.random() < 0.7
        ]
        world = {
            "company": company, "first": first, "last": last, "title": title, "industry": industry,
            "product": industry.product, "employees": employees, "sender": sender[0], "bench": bench,
            "bands": bands,
        }
        plan = SCENARIOS[d.scenario]
        specs, thread_spec = plan(self, d, world)
        other_spec = self.other_thread_offsets(d) if d.extension == "other_threads" else []
        # Offsets (days before as_of) are drawn first so a held-out task's dates all fit after the cutoff.
        offsets = [s["offset"] for s in specs] + [m["offset"] for m in thread_spec] + other_spec
        as_of = self.as_of(d, max(offsets, default=0))
        signals = [self.signal(d, world, s, as_of) for s in specs]
        thread = [self.thread_message(d, world, m, as_of) for m in thread_spec]
        other = self.other_thread(d, world, other_spec, signals, thread, as_of) if other_spec else None
        required = [s["id"] for s, spec in zip(signals, specs, strict=True) if spec.get("required")]
        constraints: dict[str, Any] = {"required_signals": required, "forbidden_phrases": []}
        if rng.random() < 0.15:
            constraints["forbidden_phrases"] = list(self.pick(d, FORBIDDEN_POOL))
            d.probes.append("P18")
        if rng.random() < 0.1:  # a tighter limit than the style guide's, as some campaigns set
            constraints["max_body_words"] = {"cold": 100, "warm_reply": 160, "re_engagement": 90}[d.kind]
        ai = world.get("ai") or self.ai_maturity(d)
        if domain.endswith(".ai") and ai["score"] == 0:  # an .ai domain for a company with no AI work reads odd
            domain = domain[: -len(".ai")] + ".com"
        instruction = {
            "cold": self.pick(d, (f"Write a cold outreach email to {first} {last}.",
                                  f"Write the first outreach email to {first} {last} at {company}.",
                                  f"Draft a cold email to {first} {last}, {title} at {company}.")),
            "warm_reply": self.pick(d, (f"Reply to {first}'s email.", f"Write the reply to {first} {last}'s latest message.",
                                        f"Answer {first}'s reply in the thread.")),
            "re_engagement": self.pick(d, (f"Write a re-engagement email to {first} {last} with new content.",
                                           f"Re-engage {first} {last}; the thread has gone quiet.",
                                           f"Write a follow-up to {first} {last} that brings something new.")),
        }[d.kind]
        latest = next((m for m in reversed(thread) if m["from"] == "prospect"), None)
        if latest is not None and latest["channel"] != "email":  # name the channel the prospect wrote on
            instruction = instruction.replace(f"{first}'s email", f"{first}'s LinkedIn message")
        probes = sorted(set(d.probes))
        difficulty = self.difficulty(probes, signals, required)
        task: dict[str, Any] = {
            "task_id": f"TB-PRG-{d.index:04d}",
            "schema_version": "1.1" if other else "1.0",
            "split": d.split,
            "source_mode": "programmatic",
            "kind": d.kind,
            "as_of": as_of.isoformat(),
            "segment": d.segment,
            "prospect": {"first_name": first, "last_name": last, "title": title, "company": company,
                         "domain": domain, "employees": employees, "location": city},
            "sender": {"first_name": sender[0], "title": sender[1]},
            "signals": signals,
            "ai_maturity": ai,
            "bench": bench,
            "pricing_bands": bands,
            "thread": thread,
            **({"other_threads": [other]} if other else {}),
            "instruction": instruction,
            "constraints": constraints,
            "metadata": {
                "created_at": self.created_at,
                "probe_ids": probes,
                "difficulty": difficulty,
                "generator": {"name": "programmatic", "version": GENERATOR_VERSION if d.extension else SWEEP_VERSION,
                              "seed": self.seed,
                              "scenario": d.scenario, "industry": industry.name},
            },
        }
        if d.held_out:
            task["metadata"]["canary"] = self.canary
        return task

    # -- other threads (dataset 1.2) ------------------------------------------------------------
    def other_thread_offsets(self, d: _Draft) -> list[int]:
        """Days before as_of of our email to the colleague and of the colleague's answer."""
        reply = d.rng.randint(4, 50)
        return [reply + d.rng.randint(2, 14), reply]

    def other_thread(self, d: _Draft, w: dict[str, Any], offsets: list[int], signals: list[dict],
                     thread: list[dict], as_of: dt.date) -> list[dict[str, Any]]:
        """A thread with another person at the prospect's company, whose facts (a named project, a team
        of a kind the bench does not list, a month) are none of the task's own (coherence rules
        other_thread_*)."""
        own = " ".join([*(s["text"] for s in signals), *(m["body"] for m in thread)])
        taken_first = [w["first"], w["sender"]]
        for s in signals:
            for key in ("leader_name", "referrer_name"):
                if isinstance(s["facts"].get(key), str):
                    taken_first.append(s["facts"][key].split()[0])
        cfirst, clast = self.person(d, avoid_first=taken_first)
        ctitle = d.rng.choice([t for t in OTHER_TITLES if t != w["title"]])  # someone else, another role
        names = [n for n in PROJECT_NAMES if n not in own and n.split()[-1] not in own]
        # A kind with no capitalised word after the name ("Project Tern API v2 rollout" would read as one
        # longer name, which an email naming "Project Tern" does not repeat).
        kinds = [k for k in PROJECT_KINDS if not regex.search(r"\{name\} \p{Lu}", k)]
        project = d.rng.choice(kinds).format(name=d.rng.choice(names))
        team = d.rng.choice(OTHER_TEAMS)
        n = d.rng.randint(2, 9)
        reply_date = as_of - dt.timedelta(days=offsets[1])
        month = MONTHS[(reply_date.month - 1 + d.rng.randint(1, 4)) % 12]
        fmt = {"cfirst": cfirst, "company": w["company"], "industry": w["industry"].name, "product": w["product"],
               "sender": w["sender"]}
        opener = self.pick(d, held_out_part(OTHER_OPENERS, d.held_out)).format(**fmt)
        subject = d.rng.choice((f"Question: product delivery at {w['company']}", f"Context: {w['industry'].name} teams",
                                f"Request: a short call on {possessive(w['company'])} product plans"))
        text = self.pick(d, held_out_part(OTHER_REPLIES, d.held_out)).format(
            sender=w["sender"], project=project, month=month, n=n, team=team)
        channel = d.rng.choice(("email", "email", "linkedin"))
        body = f"{text}\n\n{cfirst} {clast}\n{ctitle}, {w['company']}"
        d.probes.append("P25")
        return [
            {"from": "tenacious", "channel": "email", "date": (as_of - dt.timedelta(days=offsets[0])).isoformat(),
             "subject": subject, "body": opener},
            {"from": "prospect", "channel": channel, "date": reply_date.isoformat(),
             "subject": "Re: " + subject if channel == "email" else "", "body": body},
        ]

    def difficulty(self, probes: list[str], signals: list[dict], required: list[str]) -> str:
        hard = {"P05", "P07", "P08", "P11", "P12", "P14", "P15", "P22"}
        if hard & set(probes):
            return "hard"
        if any(s["confidence"] != "high" for s in signals) or len(required) > 1 or {"P13", "P18"} & set(probes):
            return "medium"
        return "easy"

    def bench(self, d: _Draft) -> dict[str, int]:
        r = d.rng
        return {"python": r.randint(2, 9), "go": r.randint(0, 6), "data": r.randint(1, 6), "ml": r.randint(0, 4),
                "infra": r.randint(0, 4)}

    def ai_maturity(self, d: _Draft) -> dict[str, Any]:
        return {"score": d.rng.choice((0, 1, 1, 2, 2, 3)), "confidence": d.rng.choice(("high", "medium", "medium", "low"))}

    # -- signals -------------------------------------------------------------------------------
    def signal(self, d: _Draft, w: dict[str, Any], spec: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
        date = as_of - dt.timedelta(days=spec["offset"])
        build = SIGNAL_BUILDERS[spec["type"]]
        text, facts, anchors = build(self, d, w, spec, date)
        conf = spec["confidence"]
        several = (isinstance(facts.get("peers"), list) and len(facts["peers"]) > 1) or _SEVERAL_SOURCES.search(text)
        for level, pool in (("medium", MEDIUM_QUALIFIERS), ("low", LOW_QUALIFIERS), ("very_low", LOW_QUALIFIERS)):
            if conf == level:
                q = self.pick(d, held_out_part(pool, d.held_out))
                if several:  # no "only one source" on a text citing several (qualifier_evidence)
                    q = _next_fitting(pool, d.held_out, q, lambda t: not _SINGLE_SOURCE.search(t))
                if _NAMED_PUBLIC.search(text) and _EXISTENCE_DOUBT.search(q):
                    # a dated, named, public source exists: hedge its relevance or completeness instead
                    # (qualifier_fit); chosen by the drawn qualifier's place, so no new draw
                    part = held_out_part(PUBLIC_LOW_QUALIFIERS, d.held_out)
                    q = part[list(held_out_part(pool, d.held_out)).index(q) % len(part)]
                text += q
        return {"id": spec["id"], "type": spec["type"], "confidence": conf, "date": date.isoformat(),
                "text": text, "facts": facts, "anchors": anchors}

    def thread_message(self, d: _Draft, w: dict[str, Any], m: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
        date = as_of - dt.timedelta(days=m["offset"])
        return {"from": m["from"], "channel": m["channel"], "date": date.isoformat(), "subject": m["subject"],
                "body": m["body"]}


# Signal builders: (generator, draft, world, spec, date) -> (text, facts, anchors)
def _funding(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    rounds = [r for r in ROUNDS[d.segment] if ROUND_EMPLOYEES[r][0] <= w["employees"] <= ROUND_EMPLOYEES[r][1]]
    rnd = spec.get("round") or d.rng.choice(rounds or list(ROUNDS[d.segment]))
    lo, hi = ROUND_AMOUNT_USD.get(rnd, (0, 10**12))
    amounts = [a for a in (3, 4, 5, 6, 7.5, 8, 9, 10, 12, 12.5, 14, 15, 18, 20, 22, 25, 28, 30, 35, 40, 45, 50, 60,
                           75, 90, 110) if lo <= a * 1_000_000 <= hi]
    amount = int(spec.get("amount") or d.rng.choice(amounts) * 1_000_000)
    investor = d.rng.choice(INVESTORS)
    tpl, _ = g.phrasing(d, FUNDING_TEXTS, spec["confidence"] != "high")
    text = tpl.format(amount=money_short(amount), round=rnd, month_year=month_year(date), date_long=long_date(date),
                      investor=investor, product=w["product"], prev_co=d.rng.choice(PREVIOUS_EMPLOYERS))
    text = text[0].upper() + text[1:]
    return text, {"amount_usd": amount, "round": rnd, "lead_investor": investor}, [money_short(amount), rnd]


def _job_posts(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    stack = spec.get("stack") or d.rng.choice(("python", "go", "data", "ml", "infra"))
    role = d.rng.choice(ROLES_BY_STACK[stack])
    n = spec.get("n") or d.rng.randint(2, 14)
    # Default: an upward trend, never exactly one, so every phrasing reads as a plural.
    upward = d.rng.randint(2, n - 1) if n >= 3 else 0
    prev = spec.get("prev", upward)
    days = d.rng.choice((30, 45, 60, 90))
    window = {30: "a month ago", 45: "six weeks ago", 60: "two months ago", 90: "last quarter"}[days]
    tpl, _ = g.phrasing(d, JOB_TEXTS, spec["confidence"] != "high")
    text = tpl.format(n=n, role=role, prev=prev, window=window, days=days)
    text = text[0].upper() + text[1:]
    facts = {"open_roles": n, "previous_open_roles": prev, "window_days": days, "role": role, "stack": [stack]}
    return text, facts, [f"{n} open", f"{number_word(n)} open"]


def _layoff(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    pct = d.rng.choice((5, 6, 8, 9, 10, 12, 14, 15, 18, 20, 22, 25))
    head = max(3, round(w["employees"] * pct / (100 - pct)))  # employees is the post-layoff headcount
    tpl, _ = g.phrasing(d, LAYOFF_TEXTS, spec["confidence"] != "high")
    if spec["confidence"] == "high":  # a leak is at most medium (coherence rule leak_confidence)
        tpl = _next_fitting(LAYOFF_TEXTS, d.held_out, tpl, lambda t: not _LEAK.search(t))
    a_pct = ("an " if str(pct).startswith(("8", "11", "18")) else "a ") + str(pct)
    text = tpl.format(pct=pct, a_pct=a_pct, head=head, date_long=long_date(date), month_year=month_year(date),
                      area=w["industry"].area)
    text = text[0].upper() + text[1:]
    return text, {"percent": pct, "headcount": head}, [f"{pct}%", f"{pct} percent"]


def _leadership(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    if spec.get("is_prospect"):
        leader, title = f"{w['first']} {w['last']}", w["title"]
        anchors = [leader, f"joined {w['company']} as {title}", f"joined as {title}"]
    else:
        lf, ll = g.person(d, avoid_first=(w["first"], w["sender"]))
        leader = f"{lf} {ll}"
        title = d.rng.choice(("VP of Engineering", "Head of Engineering", "CTO", "VP of Platform"))
        if titles_overlap(title, w["title"]):  # no overlap with the recipient (segment_framing)
            title = "Director of Platform Engineering" if title_rank(w["title"]) > 1 else "CTO"
        anchors = [leader]
    tpl, _ = g.phrasing(d, LEADER_TEXTS, spec["confidence"] != "high")
    text = tpl.format(leader=leader, title=title, date_long=long_date(date), month_year=month_year(date),
                      prev_co=d.rng.choice(PREVIOUS_EMPLOYERS), years=d.rng.randint(4, 11))
    return text, {"leader_name": leader, "leader_title": title}, anchors


def _gap(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    ind: Industry = w["industry"]
    ai = spec.get("ai", False)
    capability = d.rng.choice(ind.ai_capabilities if ai else ind.capabilities)
    peers = g.peers(d, d.rng.choice((2, 2, 3)), w["company"])
    joined = ", ".join(peers[:-1]) + " and " + peers[-1]
    tpl, _ = g.phrasing(d, GAP_TEXTS, spec["confidence"] != "high")
    tpl = _next_fitting(GAP_TEXTS, d.held_out, tpl, lambda t: not any(
        c.search(capability) and src.search(t) for c, src in _IMPLAUSIBLE_SOURCE))
    text = tpl.format(peers=joined, capability=capability, company=w["company"],
                      company_s=possessive(w["company"]), month_year=month_year(date))
    facts = {"peers": peers, "capability": capability, "ai_capability": "yes" if ai else "no"}
    return text, facts, list(peers)


def _stack(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    legacy, target, stack = d.rng.choice(LEGACY_STACKS)
    tpl, _ = g.phrasing(d, STACK_TEXTS, spec["confidence"] != "high")
    text = tpl.format(legacy=legacy, target=target, month_year=month_year(date), date_long=long_date(date))
    return text, {"stack": [stack], "legacy": legacy, "target": target}, [legacy]


def _market(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    pct = d.rng.choice((7, 9, 11, 13, 16, 19, 23, 27))
    market = w["industry"].market
    tpl, _ = g.phrasing(d, MARKET_TEXTS, spec["confidence"] != "high")
    text = tpl.format(market=market, pct=pct, month_year=month_year(date), date_long=long_date(date))
    return text, {"percent": pct, "market": market}, [f"{pct}%", f"{pct} percent"]


def _referral(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    rf, rl = g.person(d, avoid_first=(w["first"], w["sender"]))
    ref = f"{rf} {rl}"
    relation = d.rng.choice(RELATIONS).format(first=w["first"], company=w["company"],
                                              prev_co=d.rng.choice(PREVIOUS_EMPLOYERS))
    tpl, _ = g.phrasing(d, REFERRAL_TEXTS, spec["confidence"] != "high")
    text = tpl.format(ref=ref, relation=relation, first=w["first"], date_long=long_date(date),
                      month_year=month_year(date))
    return text, {"referrer_name": ref, "relation": relation}, [ref]


def _thread_signal(g: _Generator, d: _Draft, w: dict, spec: dict, date: dt.date) -> tuple[str, dict, list[str]]:
    return spec["text"], spec["facts"], spec["anchors"]


SIGNAL_BUILDERS: dict[str, Callable[..., tuple[str, dict, list[str]]]] = {
    "funding": _funding, "job_posts": _job_posts, "layoff": _layoff, "leadership_change": _leadership,
    "capability_gap": _gap, "tech_stack": _stack, "market": _market, "referral": _referral, "thread": _thread_signal,
}


# --------------------------------------------------------------------------------------------
# Scenarios: the probe sweeps. Each returns (signal specs, thread specs); offsets are days before as_of.
# --------------------------------------------------------------------------------------------
def _conf(d: _Draft, weights: Sequence[tuple[str, int]]) -> str:
    return d.rng.choices([c for c, _ in weights], [w for _, w in weights])[0]


def _segment_signal(g: _Generator, d: _Draft, w: dict, conf: str, required: bool = True) -> dict:
    """The signal that defines the segment (funding, layoff, new leader, peer gap); never very_low, so the
    segment label rests on something (coherence rule segment_framing)."""
    r = d.rng
    conf = "low" if conf == "very_low" else conf
    if d.segment == 1:
        d.probes.append("P01")
        return {"id": "funding", "type": "funding", "confidence": conf, "offset": r.randint(8, 80), "required": required}
    if d.segment == 2:
        d.probes.append("P03")
        return {"id": "layoff", "type": "layoff", "confidence": conf, "offset": r.randint(10, 90), "required": required}
    if d.segment == 3:
        d.probes.append("P04")
        return {"id": "new_leader", "type": "leadership_change", "confidence": conf, "offset": r.randint(10, 85),
                "required": required, "is_prospect": r.random() < 0.5 and conf == "high"}
    d.probes.append("P17")
    ai_ok = w.get("ai") and (w["ai"]["score"] == 3 or (w["ai"]["score"] == 2 and w["ai"]["confidence"] == "high"))
    if ai_ok:
        d.probes.append("P16")
    return {"id": "peer_gap", "type": "capability_gap", "confidence": conf, "offset": r.randint(10, 120),
            "required": required, "ai": bool(ai_ok) and r.random() < 0.7}


def _conf_for_probe(d: _Draft) -> str:
    c = _conf(d, (("high", 5), ("medium", 3), ("low", 2), ("very_low", 1)))
    if c == "medium":
        d.probes.append("P06")
    elif c in ("low", "very_low"):
        d.probes.append("P05")
    return c


def _jobs_spec(d: _Draft, conf: str, required: bool, **extra: Any) -> dict:
    d.probes.append("P02")
    return {"id": "roles", "type": "job_posts", "confidence": conf, "offset": d.rng.randint(2, 40),
            "required": required, **extra}


def _set_ai(g: _Generator, d: _Draft, w: dict) -> None:
    w["ai"] = g.ai_maturity(d)


def sc_cold_core(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """A segment signal at a swept confidence, with an optional supporting signal."""
    _set_ai(g, d, w)
    specs = [_segment_signal(g, d, w, _conf_for_probe(d))]
    extra = d.rng.choice(("jobs", "stack", "market", "none", "jobs"))
    if extra == "jobs":
        specs.append(_jobs_spec(d, _conf(d, (("high", 2), ("medium", 2), ("low", 1))), d.rng.random() < 0.4))
    elif extra == "stack":
        d.probes.append("P23")
        specs.append({"id": "stack", "type": "tech_stack", "confidence": "high", "offset": d.rng.randint(5, 60),
                      "required": d.rng.random() < 0.5})
    elif extra == "market":
        d.probes.append("P24")
        specs.append({"id": "market", "type": "market", "confidence": d.rng.choice(("high", "medium")),
                      "offset": d.rng.randint(10, 90), "required": False})
    if any(not s["required"] for s in specs):
        d.probes.append("P10")
    return specs, []


def sc_zero_signal(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """Nothing required: only weak, unrequired signals; nothing may be invented.

    The one signal behind the segment is a rumour (low or very low confidence), so the segment label
    still rests on something in the brief; sometimes a second weak signal is noise beside it.
    """
    _set_ai(g, d, w)
    d.probes.extend(("P07", "P05", "P10"))
    seg = _segment_signal(g, d, w, d.rng.choice(("low", "very_low")), required=False)
    seg["id"] = {"funding": "funding_rumour"}.get(seg["type"], seg["id"])
    specs = [seg]
    noise = d.rng.choice(("jobs", "stack", "market", "none", "none"))
    if noise == "jobs":
        specs.append(_jobs_spec(d, "very_low", False))
    elif noise == "stack":
        d.probes.append("P23")
        specs.append({"id": "stack", "type": "tech_stack", "confidence": "low", "offset": d.rng.randint(20, 120),
                      "required": False})
    elif noise == "market":
        d.probes.append("P24")
        specs.append({"id": "market", "type": "market", "confidence": "low", "offset": d.rng.randint(20, 120),
                      "required": False})
    return specs, []


def sc_contradictory(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """Two signals pulling opposite ways: e.g. funding with shrinking postings, layoffs with new roles."""
    _set_ai(g, d, w)
    d.probes.append("P08")
    seg = _segment_signal(g, d, w, "high")
    n = d.rng.randint(1, 4)
    if d.segment in (1, 4):  # growth signal with shrinking postings
        jobs = _jobs_spec(d, _conf(d, (("medium", 1), ("low", 1))), True, n=n, prev=n + d.rng.randint(4, 10))
    else:  # cuts or new leader with new postings
        jobs = _jobs_spec(d, _conf(d, (("medium", 1), ("low", 1))), True, n=d.rng.randint(3, 9), prev=0)
    if jobs["confidence"] == "medium":
        d.probes.append("P06")
    else:
        d.probes.append("P05")
    return [seg, jobs], []


def sc_stale(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """The segment signal is five months old or older; a fresher weak signal may be present."""
    _set_ai(g, d, w)
    d.probes.append("P09")
    seg = _segment_signal(g, d, w, d.rng.choice(("high", "medium")))
    if seg["confidence"] == "medium":
        d.probes.append("P06")
    seg["offset"] = d.rng.randint(150, 172)
    specs = [seg]
    if d.rng.random() < 0.5:
        specs.append(_jobs_spec(d, "low", False))
        d.probes.append("P10")
    return specs, []


def sc_ai_gating(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """A peer AI capability gap in the brief at AI maturity 0-1 (not to be pitched) or 3 (may be)."""
    allowed = d.rng.random() < 0.4
    w["ai"] = ({"score": 3, "confidence": d.rng.choice(("high", "medium"))} if allowed
               else {"score": d.rng.choice((0, 1)), "confidence": d.rng.choice(("high", "medium", "low"))})
    d.probes.append("P16" if allowed else "P15")
    gap = {"id": "peer_gap", "type": "capability_gap", "confidence": "high", "offset": d.rng.randint(10, 100),
           "required": allowed, "ai": True}
    d.probes.append("P17")
    specs = [gap]
    if not allowed:
        other = d.rng.choice(("jobs", "stack"))
        if other == "jobs":
            specs.append(_jobs_spec(d, _conf(d, (("high", 2), ("medium", 1))), True))
        else:
            d.probes.append("P23")
            specs.append({"id": "stack", "type": "tech_stack", "confidence": "high", "offset": d.rng.randint(5, 60),
                          "required": True})
        d.probes.append("P10")
    if d.segment != 4:  # the segment label rests on its own signal
        specs.insert(0, _segment_signal(g, d, w, d.rng.choice(("high", "medium")), required=False))
    return specs, []


def sc_referral(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    _set_ai(g, d, w)
    d.probes.append("P19")
    specs = [{"id": "referral", "type": "referral", "confidence": "high", "offset": d.rng.randint(2, 21), "required": True}]
    specs.append(_segment_signal(g, d, w, _conf_for_probe(d), required=d.rng.random() < 0.5))
    return specs, []


def _opener_message(g: _Generator, d: _Draft, w: dict, offset: int) -> dict:
    hook = d.rng.choice(OPENER_HOOKS).format(company=w["company"], product=w["product"],
                                             industry=w["industry"].name)
    body = d.rng.choice(OPENER_EMAILS).format(first=w["first"], hook=hook, sender=w["sender"],
                                              industry=w["industry"].name)
    subjects = [f"Request: {possessive(w['company'])} engineering plans", f"Context: {w['industry'].name} teams",
                f"Question: staffing at {w['company']}", f"Resource: managed teams for {w['company']}"]
    if "15 minutes" in body:  # a subject promises only what its email offers
        subjects.append("Request: 15 minutes on your roadmap")
    subject = d.rng.choice(subjects)
    return {"from": "tenacious", "channel": "email", "offset": offset, "subject": subject, "body": body}


def _reply(d: _Draft, opener: dict, text: str, offset: int, first: str) -> dict:
    sign = d.rng.choice(("", "\n\n{first}", "\n\nThanks,\n{first}", "\n\nBest,\n{first}", "\n\n- {first}"))
    channel = d.rng.choice(("email", "email", "email", "linkedin"))
    subject = "Re: " + opener["subject"] if channel == "email" else ""  # a LinkedIn message has no subject
    return {"from": "prospect", "channel": channel, "offset": offset, "subject": subject,
            "body": text + sign.format(first=first)}


def _warm(g: _Generator, d: _Draft, w: dict, ask_pool: Sequence[str], fmt: dict[str, Any],
          thread_signal: dict, with_segment: bool = True) -> tuple[list[dict], list[dict]]:
    _set_ai(g, d, w)
    reply_offset = d.rng.randint(1, 6)
    opener = _opener_message(g, d, w, reply_offset + d.rng.randint(3, 20))
    tpl, _ = g.phrasing(d, ask_pool)
    text = tpl.format(sender=w["sender"], **fmt)
    reply = _reply(d, opener, text, reply_offset, w["first"])
    thread_signal = {"id": "ask", "type": "thread", "confidence": "high", "offset": reply_offset, "required": True,
                     **thread_signal}
    specs = [thread_signal]
    if with_segment:
        conf = d.rng.choice(("high", "high", "medium"))
        d.rng.random()  # the draw that once made it required (kept, so later draws stay as they were)
        # The thread never mentions the segment signal: a reply requires only the thread's request
        # (coherence rule warm_required); the segment signal stays as context.
        seg = _segment_signal(g, d, w, conf, required=False)
        if seg.get("is_prospect"):  # the thread greets them in the role: they started before it
            seg["offset"] = opener["offset"] + d.rng.randint(5, 60)
        specs.insert(0, seg)
    return specs, [opener, reply]


def _pick_stack(d: _Draft, w: dict, need_available: bool) -> str:
    stacks = [s for s in ("python", "go", "data", "ml", "infra") if not need_available or w["bench"][s] >= 2]
    return d.rng.choice(stacks or ["python"])


def sc_engineers(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """The prospect asks for N engineers in a stack; the bench may or may not cover them."""
    stack = _pick_stack(d, w, False)
    have = w["bench"][stack]
    short = d.rng.random() < 0.6
    n = have + d.rng.randint(2, 9) if short else d.rng.randint(2, max(2, have))
    short = n > have
    if short:
        d.probes.append("P11")
    days = d.rng.choice((14, 21, 30, 45, 60))
    label = STACK_LABEL[stack]
    facts = {"engineers_requested": n, "stack": [stack], "start_within_days": days}
    sig = {"text": f"{w['first']} asked for {n} {label} engineers starting within {days} days.", "facts": facts,
           "anchors": [f"{n} {label} engineers", f"{number_word(n)} {label} engineers"]}
    return _warm(g, d, w, ENGINEER_ASKS, {"n": n, "stack": label, "days": days}, sig)


def sc_rates(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """The prospect asks for monthly rates: answerable inside the public band."""
    d.probes.append("P13")
    stack = _pick_stack(d, w, True)
    n = d.rng.randint(2, max(2, min(4, w["bench"][stack])))
    label = STACK_LABEL[stack]
    sig = {"text": f"{w['first']} asked for monthly rates for {n} senior {label} engineers.",
           "facts": {"engineers_requested": n, "stack": [stack], "request": "monthly rate"},
           "anchors": [f"{n} senior {label} engineers", f"{number_word(n)} senior {label} engineers"]}
    return _warm(g, d, w, RATE_ASKS, {"n": n, "stack": label}, sig)


def sc_total(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """A multi-phase total price request: never computed, routed to a human."""
    d.probes.append("P12")
    phases, months = d.rng.choice((2, 3, 3, 4)), d.rng.choice((5, 6, 8, 9, 12))
    n = d.rng.randint(3, 8)
    # The project the total is for: named in the prospect's message (chosen by index, not drawn, so the
    # task's other draws stay as they were).
    project = PROJECT_KINDS[d.index % len(PROJECT_KINDS)].format(name=PROJECT_NAMES[d.index % len(PROJECT_NAMES)])
    sig = {"text": (f"{w['first']} asked for a single total price for {project}, a {phases}-phase, {months}-month "
                    f"project with {n} engineers."),
           "facts": {"phases": phases, "months": months, "engineers_requested": n, "request": "total price",
                     "project": project},
           "anchors": [f"{phases}-phase", f"{phases} phases", f"{number_word(phases)} phases", f"{number_word(phases)}-phase"]}
    return _warm(g, d, w, TOTAL_ASKS, {"phases": phases, "months": months, "n": n, "project": project}, sig)


def sc_below_band(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """The prospect wants a rate below the band or a reduction: no discount, no total."""
    d.probes.append("P14")
    senior = next(b for b in w["bands"] if b["name"] == "senior monthly")
    low = senior["usd_low"] // 1000 - d.rng.randint(1, 3)
    pct, months = d.rng.choice((10, 15, 20, 25)), d.rng.choice((6, 9, 12))
    stack = _pick_stack(d, w, True)
    fmt = {"low": low, "pct": pct, "months": months, "stack": STACK_LABEL[stack]}
    sig = {"text": "", "facts": {"months": months, "request": "reduced rate"},
           "anchors": [f"{months}-month commitment", f"{months} months", f"{number_word(months)} months",
                       f"{number_word(months)}-month commitment"]}
    specs, thread = _warm(g, d, w, BELOW_BAND_ASKS, fmt, sig)
    # The signal states only what the prospect's message holds: a rate, a percentage off, or both.
    said = thread[-1]["body"]
    asked = []
    ask = next(s for s in specs if s["id"] == "ask")
    if f"${low}k" in said:
        asked.append(f"${low}k a month")
        ask["facts"]["requested_rate_usd"] = low * 1000
    if f"{pct}%" in said:
        asked.append(f"{pct}% off")
        ask["facts"]["percent"] = pct
    ask["text"] = (f"{w['first']} asked for senior rates below the published band ({' or '.join(asked)}) for a "
                   f"{months}-month commitment.")
    return specs, thread


def sc_timeline(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """The prospect shares a named project and its deadline: the reply must engage with it."""
    d.probes.append("P21")
    name = d.rng.choice(PROJECT_NAMES)
    project = d.rng.choice(PROJECT_KINDS).format(name=name)
    sig = {"text": f"{w['first']} named {project} as the bottleneck, with a committed date.",
           "facts": {"project": project}, "anchors": [name]}
    w["_project"] = project
    specs, thread = _warm(g, d, w, TIMELINE_SHARES, {"project": project, "deadline": "{deadline}"}, sig)
    # The deadline is a date after the reply, written in the prospect's words.
    reply = thread[-1]
    deadline_offset = -d.rng.randint(30, 120)
    reply["deadline_offset"] = deadline_offset
    return specs, thread


def sc_hold(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """The prospect asks to reserve engineers: no invented scarcity, no guarantee beyond the bench."""
    d.probes.append("P22")
    stack = _pick_stack(d, w, False)
    have = w["bench"][stack]
    n = d.rng.randint(2, have + 4)
    if n > have:
        d.probes.append("P11")
    weeks = d.rng.choice((3, 4, 5, 6, 8))
    label = STACK_LABEL[stack]
    sig = {"text": f"{w['first']} asked us to hold {n} {label} engineers for about {weeks} weeks.",
           "facts": {"engineers_requested": n, "stack": [stack], "weeks": weeks},
           "anchors": [f"{n} {label} engineers", f"{number_word(n)} {label} engineers"]}
    return _warm(g, d, w, HOLD_ASKS, {"n": n, "stack": label, "weeks": weeks}, sig)


def sc_reengage(g: _Generator, d: _Draft, w: dict) -> tuple[list[dict], list[dict]]:
    """A quiet thread (one or two unanswered emails, maybe a call note) and a new signal since."""
    _set_ai(g, d, w)
    d.probes.append("P20")
    new_offset = d.rng.randint(3, 30)
    seg = _segment_signal(g, d, w, _conf_for_probe(d))
    seg["offset"] = new_offset
    seg["is_prospect"] = False  # the thread addressed the prospect long before: the new leader is someone else
    specs = [seg]
    if d.rng.random() < 0.4:
        specs.append(_jobs_spec(d, _conf(d, (("high", 2), ("medium", 1), ("low", 1))), False))
        specs[-1]["offset"] = d.rng.randint(2, 30)
        d.probes.append("P10")
    first_offset = new_offset + d.rng.randint(20, 110)
    thread = [_opener_message(g, d, w, first_offset)]
    r = d.rng.random()
    if r < 0.35:
        note = d.rng.choice(CALL_NOTES).format(first=w["first"], project=d.rng.choice(PROJECT_KINDS).format(
            name=d.rng.choice(PROJECT_NAMES)))
        thread.append({"from": "tenacious", "channel": "call", "offset": first_offset - d.rng.randint(5, 15),
                       "subject": "", "body": note})
    elif r < 0.65:
        hook = d.rng.choice(("I have a short write-up on how teams in {industry} staff platform work.",
                             "One more idea on staffing for {company}: a one-page note on phasing platform work.",
                             "A case study from a {industry} team might be relevant."))
        body = (f"Hi {w['first']},\n\n" + hook.format(industry=w["industry"].name, company=w["company"]) +
                f"\n\nWant me to send it?\n\nBest,\n{w['sender']}")
        thread.append({"from": "tenacious", "channel": "email", "offset": first_offset - d.rng.randint(7, 18),
                       "subject": "Re: " + thread[0]["subject"], "body": body})
    return specs, thread


SCENARIOS: dict[str, Callable[[_Generator, _Draft, dict], tuple[list[dict], list[dict]]]] = {
    "cold_core": sc_cold_core, "zero_signal": sc_zero_signal, "contradictory": sc_contradictory,
    "stale": sc_stale, "ai_gating": sc_ai_gating, "referral": sc_referral,
    "engineers": sc_engineers, "rates": sc_rates, "total_price": sc_total, "below_band": sc_below_band,
    "timeline": sc_timeline, "hold": sc_hold, "re_engage": sc_reengage,
}
# Scenario rotation per kind (weights by repetition).
SCENARIOS_BY_KIND: dict[str, tuple[str, ...]] = {
    "cold": ("cold_core", "cold_core", "cold_core", "zero_signal", "contradictory", "stale", "ai_gating", "referral"),
    "warm_reply": ("engineers", "engineers", "rates", "total_price", "below_band", "timeline", "hold"),
    "re_engagement": ("re_engage",),
}


# Dataset 1.2 additions: scenarios of a task with another thread at its company, per kind.
OTHER_THREAD_KINDS = ("cold", "warm_reply", "cold", "re_engagement", "warm_reply")
OTHER_THREAD_SCENARIOS: dict[str, tuple[str, ...]] = {
    "cold": ("cold_core", "contradictory", "referral", "cold_core", "stale", "ai_gating"),
    "warm_reply": ("engineers", "rates", "timeline", "hold", "below_band", "total_price"),
    "re_engagement": ("re_engage",),
}


def generate_tasks(seed: int, n: int, *, cutoff: dt.date, canary: str, created_at: str,
                   other_threads: dict[str, int] | None = None,
                   zero_signal: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """`n` programmatic task objects (not yet validated), ids TB-PRG-0001..., splits assigned and stratified;
    then, numbered on, the dataset-1.2 additions: `other_threads[split]` tasks with another thread at the
    company and `zero_signal[split]` cold zero-signal briefs. The additions draw from their own stream, so
    the first `n` tasks are the same with or without them."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    gen = _Generator(seed, cutoff, canary, created_at)
    cell_counts: dict[tuple[int, str], int] = {}
    kind_counts: dict[str, int] = {}
    rotations = {k: list(v) for k, v in SCENARIOS_BY_KIND.items()}
    for k in sorted(rotations):
        gen.rng.shuffle(rotations[k])
    tasks = []
    for i in range(n):
        segment = SEGMENTS[i % len(SEGMENTS)]
        kind = KIND_CYCLE[(i // len(SEGMENTS)) % len(KIND_CYCLE)]
        j = cell_counts.get((segment, kind), 0)
        cell_counts[(segment, kind)] = j + 1
        split = SPLIT_PATTERN[j % len(SPLIT_PATTERN)]
        kc = kind_counts.get(kind, 0)
        kind_counts[kind] = kc + 1
        scenario = rotations[kind][kc % len(rotations[kind])]
        # One child RNG per task, seeded from the master stream: a task's draws do not shift others'.
        draft = _Draft(i + 1, split, segment, kind, scenario, split == "held_out", random.Random(gen.rng.getrandbits(64)))
        task = gen.build(draft)
        _fill_deadline(task, draft)
        tasks.append(task)
    tasks += _extension(gen, seed, n, other_threads or {}, zero_signal or {})
    return tasks


def _extension(gen: _Generator, seed: int, n: int, other_threads: dict[str, int],
               zero_signal: dict[str, int]) -> list[dict[str, Any]]:
    """The dataset-1.2 tasks, ids after the sweep's; company and people names stay unique across both."""
    plan = [("other_threads", split) for split in ("train", "dev", "held_out") for _ in range(other_threads.get(split, 0))]
    plan += [("zero_signal", split) for split in ("train", "dev", "held_out") for _ in range(zero_signal.get(split, 0))]
    if not plan:
        return []
    master = random.Random(f"{seed}:dataset-1.2")  # not the sweep's stream: its tasks stay as they were
    out: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for index, (extension, split) in enumerate(plan, n + 1):
        k = counts.get(extension, 0)
        counts[extension] = k + 1
        segment = SEGMENTS[k % len(SEGMENTS)]
        if extension == "other_threads":
            kind = OTHER_THREAD_KINDS[k % len(OTHER_THREAD_KINDS)]
            j = counts.get(kind, 0)
            counts[kind] = j + 1
            scenario = OTHER_THREAD_SCENARIOS[kind][j % len(OTHER_THREAD_SCENARIOS[kind])]
        else:
            kind, scenario = "cold", "zero_signal"
        draft = _Draft(index, split, segment, kind, scenario, split == "held_out",
                       random.Random(master.getrandbits(64)), extension=extension)
        task = gen.build(draft)
        _fill_deadline(task, draft)
        out.append(task)
    return out


def _fill_deadline(task: dict[str, Any], d: _Draft) -> None:
    """Timeline replies name a committed date after the reply; written here, once as_of is known."""
    if d.scenario != "timeline":
        return
    as_of = dt.date.fromisoformat(task["as_of"])
    when = as_of + dt.timedelta(days=d.rng.randint(35, 110))
    text = f"{MONTHS[when.month - 1]} {when.day}"
    for m in task["thread"]:
        m["body"] = m["body"].replace("{deadline}", text)
        m.pop("deadline_offset", None)
    for s in task["signals"]:
        if s["type"] == "thread":
            s["text"] = s["text"].replace("with a committed date", f"committed for {text}")
