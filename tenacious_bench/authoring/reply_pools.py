"""Hand-written reply phrasings for the reply-classification generator, by case and by pool.

Every phrasing was written from `../shared/domain/replies.md` with its label decided by the rules
before any model saw it. The `train` pool feeds train and dev items; the `held_out` pool feeds only
held-out items and never shares an 8-gram with the train pool (tests/replies/test_sealing.py).
Slots: {sender} Tenacious's writer, {first}/{last} the prospect, {company}, {stack}, {n}, {month},
{quarter}, {vendor}, {city}, {colleague} (full name), {colleague_first}, {colleague_email},
{colleague_title}, {prev_month}, {return}, {tz}.
"""

from __future__ import annotations

# case -> (gold, objection type or None, why, difficulty)
CASES: dict[str, tuple[str, str | None, str, str]] = {
    "engaged/substantive": ("engaged", None, "a substantive answer: asks a specific question about the service "
                            "(rates, ramp, overlap, staffing, terms) or gives context, numbers and a need", "easy"),
    "curious/tell_me_more": ("curious", None, "asks in general terms to hear more; no specific question, "
                             "context or need", "easy"),
    "soft_defer/not_now": ("soft_defer", None, "not now / later, without objecting to the offer itself", "easy"),
    "objection/price": ("objection", "price", "a price objection: Tenacious costs more than an alternative", "medium"),
    "objection/incumbent": ("objection", "incumbent", "an incumbent objection: a vendor or an in-house team "
                            "already covers this", "medium"),
    "objection/small_poc": ("objection", "small_poc", "a small proof-of-concept objection: only a small pilot "
                            "or trial is wanted, not a team", "medium"),
    "objection/offshore": ("objection", "offshore", "an offshore objection: concerns about teams abroad "
                           "(time zones, quality, policy)", "medium"),
    "hard_no/not_interested": ("hard_no", None, "a plain refusal ('not interested')", "easy"),
    "hard_no/remove": ("hard_no", None, "asks to be removed or to stop the emails", "easy"),
    "hard_no/contact_correction": ("hard_no", None, "corrects the contact (wrong person, left the company); "
                                   "replies.md: hard_no for this thread, the correction passed on", "medium"),
    "abstain/sarcasm": ("abstain", None, "sarcastic: the words and the intent disagree; replies.md names "
                        "sarcasm as a case to abstain on", "hard"),
    "abstain/no_plus_question": ("abstain", None, "mixes a no with a question; replies.md names this as a case "
                                 "to abstain on", "hard"),
    "abstain/out_of_office": ("abstain", None, "an out-of-office or other automatic reply; replies.md names it "
                              "as a case to abstain on", "medium"),
    "abstain/someone_else": ("abstain", None, "written by someone other than the prospect, and not a contact "
                             "correction; replies.md names it as a case to abstain on", "hard"),
}

# Share of each case among the generated items of a split.
WEIGHTS: dict[str, float] = {
    "engaged/substantive": 0.21,
    "curious/tell_me_more": 0.12,
    "soft_defer/not_now": 0.12,
    "objection/price": 0.05,
    "objection/incumbent": 0.05,
    "objection/small_poc": 0.05,
    "objection/offshore": 0.05,
    "hard_no/not_interested": 0.06,
    "hard_no/remove": 0.05,
    "hard_no/contact_correction": 0.06,
    "abstain/sarcasm": 0.05,
    "abstain/no_plus_question": 0.05,
    "abstain/out_of_office": 0.04,
    "abstain/someone_else": 0.04,
}

CORES: dict[str, dict[str, list[str]]] = {
    "engaged/substantive": {
        "train": [
            "What does a typical ramp look like for two {stack} engineers? We'd need them overlapping with our {tz} mornings.",
            "We are hiring three backend people and losing the race for candidates. How fast could you get {n} {stack} engineers started, and do they work in our repo and standups or as a separate team?",
            "Timing is decent actually. We're migrating off a monolith this year. Do your engineers have experience with event-driven systems on {stack}? What's the monthly rate for a senior?",
            "Can you share what a typical engagement costs per engineer per month? We're budgeting for H2 and I need a number to take to finance.",
            "Interesting. Our data team is 4 people and drowning in pipeline maintenance. Have you placed data engineers with teams using dbt and Airflow? How long before they're productive?",
            "Yes, the hiring gap you mention is real and we're feeling it. Who would actually be on the team, contractors you sub out or your own employees? Retention is my main worry.",
            "How many hours of overlap do you guarantee with US Eastern? Our last outside team was 10 hours off and it was painful.",
            "We need help with our mobile app backlog, roughly 6 months of work. Is that a fit for you, or do you only do longer team placements?",
            "Send me some times for next week. I'd like to understand how you handle code ownership and handover when an engagement ends.",
            "Good timing. I have budget for two engineers starting next month. What's the minimum commitment, and can we extend month to month after that?",
            "How many of your engineers have shipped ML systems to production, as opposed to notebooks? That's the gap on our side.",
            "Short version: yes, we need {stack} capacity. Longer version: our payments rewrite slipped a quarter and the board noticed. Could you staff {n} people within three weeks?",
            "Do you work with companies our size? And what does security review look like on your end: SOC 2, background checks, device policies?",
            "Thursday afternoon works for a call. Before then, could you send the senior monthly range so I can check it against what we pay contractors now?",
            "We've got a new VP Eng starting and she'll want to rebuild the platform team. Could two {stack} engineers start in {month}?",
            "happy to chat. what's the process after a first call? trial period, paid pilot, straight to a contract?",
            "We have 7 open reqs and two offers declined last week. If we went with you, would the engineers interview with my leads first?",
        ],
        "held_out": [
            "Our analytics stack is held together with cron jobs and hope. If I brought in {n} of your data people, who decides what they work on first, me or your delivery lead?",
            "Let's talk. Specifically I want to know whether your folks can take on-call shifts, because that's where we bleed the most.",
            "Useful note. We plan to open an office in {city} next year; until then we need roughly {n} {stack} developers. What would the first month cost us, ballpark?",
            "The timing lines up with our reorg. Can your engineers join our sprint rituals from day one, and how do you replace someone who isn't working out?",
            "I read your email twice. Three questions: rate per senior, notice period, and whether we can interview the individuals. If those answers work, let's book 30 minutes.",
            "We ship firmware plus a cloud backend and the backend is the bottleneck. Any experience with IoT telemetry ingestion at a few million events a day?",
            "Right now I'm the only one doing infra. Could someone from your side own our Terraform and CI for a quarter?",
            "Agree that recruiting has been slow. How soon after signing could people start, and do you handle laptops and accounts or do we?",
            "Would love to compare notes on this. Our plan assumes doubling engineering by spring; what share of that could a managed team realistically cover?",
        ],
    },
    "curious/tell_me_more": {
        "train": [
            "Tell me more.",
            "What is it you do exactly? Staffing agency?",
            "Sure, send over some more info.",
            "Curious, how does this work?",
            "I might be interested. Can you explain a bit more about what Tenacious offers?",
            "What's the pitch in two sentences?",
            "Not sure I follow what you're offering. Can you give me the short version?",
            "Happy to learn more. Who are you guys?",
            "ok, I'm listening. what do you do?",
            "Can you send a one-pager or a link I can skim?",
            "Maybe. What kind of companies do you usually work with?",
            "I get a lot of these. What makes you different? Give me the gist.",
            "Intrigued. More details please.",
        ],
        "held_out": [
            "Go on, what exactly would you be offering us?",
            "Say more? I don't really know what Tenacious is.",
            "Hm, possibly relevant. Could you explain how your model works in a few lines?",
            "I'm open to hearing more about this, what's involved?",
            "What does working with you look like in practice?",
            "Before I forward this around, what's Tenacious in a nutshell?",
            "Interesting name. What is your company's actual business?",
        ],
    },
    "soft_defer/not_now": {
        "train": [
            "Not the right time for us. Try me again in {month}.",
            "We're heads down on a launch until the end of the quarter. Circle back after that?",
            "Too busy to think about this right now, sorry.",
            "Could be relevant later in the year but not now. Reach out in {quarter}?",
            "Budgets for next year get set in {month}. Happy to revisit then.",
            "I'm swamped this month. Let's reconnect in a few weeks.",
            "Not a priority this quarter. Ping me next quarter.",
            "Appreciate it but we just finished planning and everything is allocated. Maybe later in the year.",
            "We're in the middle of an acquisition process so nothing new until that's done. I'll be more open in {month}.",
            "Bad timing, I'm on paternity leave from next week. After {month} I'm all yours.",
            "Let's park this for now. Check back in a couple of months.",
            "We might need something like this next year. Not before.",
            "Not now, but don't lose my email.",
        ],
        "held_out": [
            "Interesting but the next few months are spoken for. Could you follow up around {month}?",
            "Our roadmap is frozen until the board meeting. Revisit after that, please.",
            "I don't have the bandwidth to evaluate vendors right now. Later this year maybe.",
            "Timing isn't great, we're mid-migration. Drop me a line in {quarter}.",
            "Ask me again after our fiscal year closes in {month}.",
            "Hold that thought for a bit; we're busy closing our round. I'll be in a better spot in a couple of months.",
            "No capacity to take this on currently. Happy to hear from you again in the new year.",
        ],
    },
    "objection/price": {
        "train": [
            "We looked at nearshore teams last year and you'd be well above what {vendor} quoted us.",
            "Your senior range is more than we pay our contractors in Poland. Hard to justify.",
            "Honestly the price is the issue. We can get freelancers on Upwork for half that.",
            "That's a lot more than {vendor} charges for the same seniority.",
            "Sounds nice but way out of our price range compared to what we pay now.",
            "We got a quote from {vendor} at about two thirds of your rate. Why would we pay more?",
        ],
        "held_out": [
            "Frankly you cost more than {vendor}, and they've been fine for us on smaller projects.",
            "For that money I could hire a full-time senior locally. Doesn't add up for us.",
            "Your rates are noticeably higher than the agencies we've used before.",
            "I ran the numbers and it comes out pricier than growing our own contractor pool.",
        ],
    },
    "objection/incumbent": {
        "train": [
            "We already work with {vendor} for this and they're doing fine.",
            "We have an in-house platform team that covers this. Not looking to add an outside vendor.",
            "Thanks, but we have a long-standing partner for engineering augmentation.",
            "Our engineering is all in-house by design. We don't outsource.",
            "{vendor} has been our development partner for three years, and I don't see us switching.",
            "We're covered. We built out an internal team in {city} last year.",
        ],
        "held_out": [
            "We already have an agency relationship that works, so there isn't an opening here.",
            "All of our engineering sits with our own staff and I plan to keep it that way.",
            "We signed a two-year framework agreement with {vendor} in the spring.",
            "Our existing partner handles overflow work for us already.",
        ],
    },
    "objection/small_poc": {
        "train": [
            "We'd only consider a small pilot, one engineer for a few weeks, before anything bigger.",
            "A full team is too much for us. Could we start with a tiny proof of concept?",
            "We only need a small POC right now, nothing like a managed team.",
            "If we did anything it would be a two-week trial on one feature. That's the most I can sell internally.",
            "Honestly we just need someone to prototype one integration. Is a very small engagement even possible?",
        ],
        "held_out": [
            "The most I could get approved is a small experiment, maybe a month with a single developer.",
            "We'd want to test you on a narrow piece of work first; a managed team is a big leap.",
            "Our appetite is a limited proof of concept. Nothing long-term until we see results.",
            "Start small or not at all: one contained deliverable, then we talk.",
        ],
    },
    "objection/offshore": {
        "train": [
            "We've been burned by offshore teams before. Communication and quality were a disaster.",
            "Our customers are in regulated industries and we can't have code written offshore.",
            "Time zones killed our last outsourcing attempt. Not keen to repeat that.",
            "I'm wary of remote teams in other countries. Our CEO won't approve it.",
            "Last time we used an offshore shop the code had to be rewritten. Why would this be different?",
        ],
        "held_out": [
            "Working across continents hasn't gone well for us; the overnight handoffs always broke something.",
            "Our security team has a policy against engineers outside the country touching production.",
            "Distributed teams abroad were a headache for us: missed standups, slow reviews.",
            "I'd need people in our own time zone. Overseas developers are a hard sell here.",
        ],
    },
    "hard_no/not_interested": {
        "train": [
            "Not interested, thanks.",
            "No thank you.",
            "We're not interested. Please don't follow up.",
            "Pass.",
            "This isn't something we need. Not interested.",
            "Thanks but no.",
            "Not for us.",
            "We won't be moving forward with this. Good luck.",
        ],
        "held_out": [
            "We have no interest in this.",
            "Not something we'd consider. No thanks.",
            "Hard pass.",
            "Not looking for this kind of service. Please close this out.",
            "No, we're all set.",
        ],
    },
    "hard_no/remove": {
        "train": [
            "Please remove me from your list.",
            "Unsubscribe.",
            "Stop emailing me.",
            "Take me off your mailing list please.",
            "Remove me from this sequence.",
            "Please stop contacting me and my team.",
        ],
        "held_out": [
            "Please take my address off whatever list this is.",
            "Do not contact me again.",
            "Opt me out of these emails.",
            "I'd like to be removed from further outreach.",
        ],
    },
    "hard_no/contact_correction": {
        "train": [
            "I'm not the right person. You want {colleague}, our {colleague_title}.",
            "Wrong person, I run marketing. Try {colleague} ({colleague_title}).",
            "I left {company} in {prev_month}. {colleague} took over my role.",
            "This isn't my area. {colleague} handles engineering vendors.",
            "You have the wrong contact; engineering hiring goes through {colleague}, our {colleague_title}.",
            "Not me. {colleague} is who you're looking for.",
        ],
        "held_out": [
            "Wrong inbox, I'm afraid. Vendor decisions like this sit with {colleague}, {colleague_title}.",
            "I moved on from {company} a while ago; {colleague} leads that team now.",
            "You'll want to speak with {colleague} instead. I'm on the finance side.",
            "I don't own engineering anymore. It's {colleague}'s call these days.",
        ],
    },
    "abstain/sarcasm": {
        "train": [
            "Oh wonderful, another vendor who read our press release. Exactly what my inbox was missing.",
            "Wow, a 'managed engineering team'. Groundbreaking. Never heard that one before.",
            "Sure, I'll drop everything to talk to a stranger about staffing. Sounds like a great use of my week.",
            "Love how everyone suddenly cares about our company the week it makes the news. Truly touching.",
            "Let me guess, you also have a 'unique approach'?",
            "Great, just what we need, more people in our Slack.",
        ],
        "held_out": [
            "Ah yes, the fifth 'congrats' email this morning. Very personal.",
            "Amazing. I've always dreamed of a cold email deciding my hiring plan.",
            "What a coincidence, everyone has engineers free the week after we make headlines.",
            "Fantastic, another LinkedIn scrape turned into a pitch. Bravo.",
        ],
    },
    "abstain/no_plus_question": {
        "train": [
            "Not for us right now. Out of curiosity though, do you have anyone who knows Rust?",
            "We're not looking. What do you charge, just so I know for later?",
            "No thanks, but how did you know we were hiring {stack} people?",
            "Not interested in a team. Would you ever place a single contractor for a month?",
            "We'll pass for now. Do you also do design, or only engineering?",
            "I don't think so. Is there someone on your side who could talk to our CFO instead?",
        ],
        "held_out": [
            "Probably not a fit. That said, are your engineers vetted for healthcare data work?",
            "We're fine for now, though who else in our space have you worked with?",
            "Can't see us using this. Do you ever do one-off architecture reviews?",
            "Not at the moment, no. What's your minimum engagement length, out of interest?",
        ],
    },
    # Automatic replies carry their own sign-off: the generator adds no greeting or closing.
    "abstain/out_of_office": {
        "train": [
            "I am out of the office until {return} with limited access to email. For urgent matters please contact {colleague_first} at {colleague_email}.",
            "Thanks for your email. I'm currently on annual leave, returning {return}. I will respond when I'm back.",
            "Auto-reply: I'm travelling this week and checking email intermittently. Expect a delay in my response.",
            "Hello, I'm out on parental leave until {return}. Messages are not being forwarded.",
            "This mailbox is not monitored until {return}. Your message has been received.",
        ],
        "held_out": [
            "Automatic reply: I'm away at a conference and back on {return}. Replies will be slow until then.",
            "I'm currently out with no access to email and will get back to you after {return}. If this is time-sensitive, reach {colleague_first} at {colleague_email}.",
            "Out of office, returning {return}. This message is automated.",
            "Thank you for reaching out. I am on a sabbatical until {return} and won't be reading messages.",
        ],
    },
    # Written by a colleague or an assistant; `reply.from` names them.
    "abstain/someone_else": {
        "train": [
            "{first} forwarded me your note. What is this regarding?",
            "{first} passed this to me. We might be interested; can we set up a time?",
            "Hi, I manage {first}'s calendar. Please send any meeting requests through me.",
            "Forwarding from {first}. I look after vendor onboarding. Do you have a security questionnaire filled in?",
            "{first} asked me to reply on their behalf: not right now.",
        ],
        "held_out": [
            "I work with {first} on the platform team. {first} shared your email and I had a couple of questions about availability.",
            "Replying for {first}, who is travelling. What would you need from us to get started?",
            "Hello, this is {first}'s chief of staff. Could you clarify what you're proposing?",
            "{first} looped me in. Not sure this is for us, but I'm happy to listen.",
        ],
    },
}

GREETINGS: dict[str, list[str]] = {
    "train": ["Hi {sender},", "Hello {sender},", "{sender},", "Hey {sender},", "", "Hi,", ""],
    "held_out": ["Dear {sender},", "Morning {sender},", "{sender} -", "Hi there,", "", ""],
}
# Optional neutral first sentences (never used for sarcasm, automatic replies or someone else).
PREAMBLES: dict[str, list[str]] = {
    "train": ["Thanks for the note.", "Appreciate you reaching out.", "Thanks for getting in touch."],
    "held_out": ["Got your message.", "Saw this come through.", "Thank you for writing."],
}
SIGNOFFS: dict[str, list[str]] = {
    "train": ["{first}", "Best,\n{first}", "Thanks,\n{first}", "Cheers,\n{first}", "- {first}",
              "Sent from my iPhone", "Regards,\n{first} {last}", ""],
    "held_out": ["Kind regards,\n{first}", "Best regards,\n{first}", "All the best,\n{first}",
                 "{first} {last}\n{title}, {company}", "Sent from my phone", "--{first}", ""],
}

# Hand-written whole replies for the hard and unusual cases: (split pool, case, gold, why, from, channel, body).
# `from` None means the prospect; "colleague" means a colleague of the prospect's writes.
HAND_WRITTEN: list[dict[str, str | None]] = [
    # --- train pool (train and dev)
    {"pool": "train", "case": "abstain/sarcasm", "from": None, "channel": "email",
     "why": "quotes our email back with 'You don't say' and an exaggerated count: sarcasm, intent unclear",
     "body": "Ha. \"Hiring often lags the roadmap.\" You don't say. We only have forty open reqs and a recruiter on vacation.\n\n{first}"},
    {"pool": "train", "case": "engaged/substantive", "from": None, "channel": "email",
     "why": "long answer with context, numbers and several specific questions: engaged",
     "body": "Hi {sender},\n\nThis landed at a good moment. Some context: we're 60 engineers, about a third of them on the core API, and we have committed to a partner integration that nobody has time for. I have approval for outside help if it doesn't turn into a management burden for my leads.\n\nTwo things I'd need to understand. First, who manages the day to day, us or you? Second, if an engineer leaves mid-project, how quickly is the seat refilled and who pays for the ramp-up?\n\nIf the answers are reasonable I'd like to get something going this month.\n\nThanks,\n{first}"},
    {"pool": "train", "case": "hard_no/contact_correction", "from": None, "channel": "linkedin",
     "why": "says they no longer work at the company and points to another person: a contact correction, hard_no",
     "body": "Hey, I'm not at {company} any more, moved to a new job in {prev_month}. Best person there is probably their new CTO, {colleague}."},
    {"pool": "train", "case": "soft_defer/not_now", "from": None, "channel": "email",
     "why": "warm but clearly 'not now' with a later window; no objection to the offer",
     "body": "{sender}, thanks, and sorry for the slow reply. We're in the middle of our annual planning cycle and I can't commit to anything new until that's done. I'd be glad to hear from you again once the dust settles, probably {month}.\n\nBest,\n{first}"},
    {"pool": "train", "case": "objection/incumbent", "from": None, "channel": "email",
     "why": "names an in-house team plus an existing vendor for overflow: an incumbent objection (keeping the info is politeness, not a deferral)",
     "body": "We're pretty happy with our in-house team plus {vendor} for overflow. I'll keep your details though.\n\n{first}"},
    {"pool": "train", "case": "abstain/no_plus_question", "from": None, "channel": "email",
     "why": "refuses staff augmentation but asks an unrelated question: a no mixed with a question",
     "body": "Not interested in staff aug. But is Tenacious the same company that ran the data workshop in Austin? A colleague mentioned it."},
    {"pool": "train", "case": "curious/tell_me_more", "from": None, "channel": "email",
     "why": "non-native phrasing, asks generally what the service is: curious",
     "body": "Hello {sender}, thank you for your mail. Please can you explain more what is your service? Regards, {first}"},
    {"pool": "train", "case": "hard_no/remove", "from": None, "channel": "email",
     "why": "angry demand to stop; no question to answer: hard_no",
     "body": "This is the third email. I never signed up for anything. Stop."},
    {"pool": "train", "case": "engaged/substantive", "from": None, "channel": "email",
     "why": "terse but specific: numbers of engineers by stack, a start date and a question on rate",
     "body": "2 python, 1 data eng, start 1st of next month. rate?"},
    {"pool": "train", "case": "objection/price", "from": None, "channel": "email",
     "why": "likes the idea but objects that the price is above a named cheaper vendor: a price objection",
     "body": "I like the idea, but at your senior rates we're priced out; {vendor} does roughly half that for us today."},
    {"pool": "train", "case": "soft_defer/not_now", "from": None, "channel": "linkedin",
     "why": "busy now, asks to pick it up later: soft_defer",
     "body": "Hey! Crazy few weeks here, can we pick this up after summer?"},
    {"pool": "train", "case": "abstain/sarcasm", "from": None, "channel": "email",
     "why": "mocks the claim of engineers ready at once: sarcasm",
     "body": "Sure, and I'd also like a pony. Engineers ready next week, right."},
    {"pool": "train", "case": "abstain/someone_else", "from": "colleague", "channel": "email",
     "why": "a colleague writes instead of the prospect and asks for a deck: someone else, abstain",
     "body": "Hi, {first} is out this week and asked me to look at inbound vendor emails. Do you have a deck I could share with the team?\n\n{colleague_first}"},
    {"pool": "train", "case": "abstain/out_of_office", "from": None, "channel": "email",
     "why": "an automatic reply in two languages: out-of-office, abstain",
     "body": "I'm out of the office until {return}. / Estoy fuera de la oficina hasta el {return}. I will reply when I return."},
    # --- held-out pool
    {"pool": "held_out", "case": "abstain/sarcasm", "from": None, "channel": "email",
     "why": "mock surprise about budget followed by 'do tell': sarcasm with a faint invitation, unclear",
     "body": "Bold of you to assume we have budget left after that round. But sure, do tell."},
    {"pool": "held_out", "case": "abstain/no_plus_question", "from": None, "channel": "email",
     "why": "says no to the team and asks about something else (training): a no mixed with a question",
     "body": "I'll say no to the team idea, but I'm curious whether you run any training for junior devs?"},
    {"pool": "held_out", "case": "hard_no/contact_correction", "from": None, "channel": "email",
     "why": "says they were let go and names someone else to ask: a contact correction, hard_no",
     "body": "I was let go in the restructuring you mentioned, so I'm the wrong person to ask. Someone in their engineering org, maybe {colleague}, would be."},
    {"pool": "held_out", "case": "engaged/substantive", "from": None, "channel": "email",
     "why": "detailed context (team size, deadline, stack) and a concrete request: engaged",
     "body": "{sender},\n\nFair read of our situation. We promised a customer a reporting module by the end of {month} and the two people who could build it are stuck on incidents. The work is mostly {stack} plus some SQL tuning; call it eight to ten weeks for two people.\n\nIs that the kind of thing your teams pick up, and could anyone start within a fortnight? If so, I'd rather talk this week than next.\n\n{first}"},
    {"pool": "held_out", "case": "curious/tell_me_more", "from": None, "channel": "linkedin",
     "why": "a bare, lowercase 'what is this company': curious",
     "body": "whats tenacious"},
    {"pool": "held_out", "case": "soft_defer/not_now", "from": None, "channel": "email",
     "why": "non-native phrasing: cannot consider it at the moment, speak again after the holidays: soft_defer",
     "body": "Dear {sender}, for the moment we are not able to consider this, maybe after the holidays we can speak again. With regards, {first}"},
    {"pool": "held_out", "case": "objection/offshore", "from": None, "channel": "email",
     "why": "long account of a bad experience with a team abroad and the board's reluctance: an offshore objection",
     "body": "I'll be straight with you. We tried a team in a very different time zone two years ago and spent more time writing tickets than we saved. Our board still brings it up. Unless the engineers are effectively working our hours, I can't take this upstairs."},
    {"pool": "held_out", "case": "hard_no/not_interested", "from": None, "channel": "email",
     "why": "a polite but final refusal, asking to close the file: hard_no",
     "body": "I appreciate the thoughtful note, but we won't be engaging outside firms in any form. Please close my file."},
    {"pool": "held_out", "case": "abstain/out_of_office", "from": None, "channel": "email",
     "why": "a French automatic reply: out-of-office, abstain",
     "body": "Je suis absent du bureau jusqu'au {return}, avec un accès limité à mes e-mails. Merci."},
    {"pool": "held_out", "case": "objection/small_poc", "from": None, "channel": "email",
     "why": "only ever starts vendors on a short paid spike: a small proof-of-concept objection",
     "body": "We only ever start new vendors on a paid spike of two weeks or so. Anything bigger is off the table at first."},
]
