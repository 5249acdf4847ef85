"""Record of how labelled.jsonl's first 155 rows were written (run from the repository root).

Each row is an email built here (mostly a train/dev reference with one edit) and its pass-1 labels,
judged from the style guide's rules and task-format.md as the row was written, before any scorer run.
Re-running it overwrites tenacious_bench/data/labelled/labelled.jsonl (label_history would be lost:
edit the JSONL directly after the first scorer run).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rowkit import LabelledRows, parts

L = LabelledRows("L")
T, rows = L.tasks, L.rows
ref, row, add, rep, close, subj = L.ref, L.row, L.add, L.rep, L.close, L.subj

T1, T2, T3 = "TB-HND-EX01", "TB-HND-EX02", "TB-HND-EX03"
ALL = (T1, T2, T3)
# --- clear passes: the references
for t in ALL:
    row(t, *ref(t), note="reference email: all five rules met")

# --- banned phrases: clear fails (18)
for t in ALL:
    add(t, "Our engineers are world-class.", ["banned_phrases"], "banned hype 'world-class'")
    add(t, "We can supercharge the roadmap.", ["banned_phrases"], "banned 'supercharge'")
    add(t, "There is real synergy between our teams.", ["banned_phrases"], "banned 'synergy'")
for t in (T1, T3):
    s, b = ref(t)
    row(t, s, b.replace(",\n\n", ",\n\nI hope this email finds you well. ", 1), ["banned_phrases"], "banned filler opener")
add(T1, "Our bench has Python engineers free today.", ["banned_phrases"], "'bench' prospect-facing")
add(T2, "Our Bench covers Python today.", ["banned_phrases"], "'Bench' capitalised, prospect-facing")
add(T3, "Teams that wait tend to fall behind.", ["banned_phrases"], "condescension 'fall behind'")
add(T1, "You should not let the queue grow.", ["banned_phrases"], "condescension 'you should'")
add(T2, "Our w\u043erld-class team is ready.", ["banned_phrases"], "look-alike Cyrillic o in 'world-class'")
add(T3, "There is syn\u00adergy in that plan.", ["banned_phrases"], "soft hyphen inside 'synergy'")
add(T1, "The Python ecosystem moves fast.", ["banned_phrases"], "borderline: 'ecosystem' is on the banned list even in innocent use")
add(T2, "Don\u2019t miss out on the slots this month.", ["banned_phrases", "honesty"], "'don't miss out' (curly apostrophe); also scarcity")
# --- banned phrases: borderline passes
add(T1, "Many teams benchmark time-to-hire against the plan.", note="borderline: 'benchmark' is not 'bench'")
add(T3, "Benchmarks from similar teams vary widely.", note="borderline: 'benchmarks' is not 'bench'")
add(T1, "Some teams reach that point quickly after a raise.", note="borderline: 'reach' and 'quickly' innocent")
add(T2, "We can reach you quickly with a plan draft.", note="innocent 'reach'/'quickly'; a statement of capability, not a request")
add(T3, "Just to be clear, this is new information.", note="borderline: 'just' in the body is not a banned phrase")
add(T1, "I wrote this from public information, so the team behind the product will know more.", note="borderline: 'behind' without 'falling/curve'")

# --- format: clear fails
for t in ALL:
    row(t, None, ref(t)[1], ["format"], "no subject line")
subj(T1, "Request: 15 minutes on Lumenfold's Series A engineering plan now", ["format"], "subject 63 characters")
subj(T2, "Re: Request: Quarryline's Series B hiring plan and the Python team", ["format"], "subject over 60 characters")
subj(T3, "Context: data engineering capacity after Corvel's reorganisation", ["format"], "subject over 60 characters")
subj(T1, "Quick note on Lumenfold's Series A", ["format"], "'Quick' opener")
subj(T3, "Hey Priya, data engineering after the reorganisation", ["format"], "'Hey' opener")
subj(T1, "URGENT: Lumenfold's Series A engineering plan", ["format"], "all-caps urgency")
for t in ALL:
    add(t, "Teams like [Company] often wait.", ["format"], "unfilled template token")
add(T1, "Our rate is $X,XXX per engineer per month.", ["format"], "placeholder price")
subj(T1, "Request: 15 minutes on your Series A \U0001f680", ["format"], "emoji in a cold subject")
add(T3, "Hope the quarter is going well \U0001f642", ["format"], "emoji in a re-engagement")
add(T1, "Please find attached our capabilities deck.", ["format"], "attachment in cold outreach")
rep(T2, "Best,\nSelam", "Best,\nYabi", ["format"], "signed by the wrong sender")
s, b = ref(T3)
row(T3, s, b + "\nBuilding the future of engineering", ["format"], "tagline in the signature")
s, b = ref(T1)
row(T1, s, b.split("\n\nBest,")[0], ["format"], "no sign-off")
s, b = ref(T3)
p = parts(b)
p[1] += " " + " ".join(["We write this sentence only to pad the body out."] * 4) + " We write this sentence to pad the body out."
row(T3, s, "\n\n".join(p), ["format"], "body 101 words, limit 100 (re-engagement)")
# --- format: borderline passes
s, b = ref(T3)
p = parts(b)
p[1] += " " + " ".join(["We write this sentence only to pad the body out."] * 4) + " We write this sentence to pad the body."
row(T3, s, "\n\n".join(p), note="body exactly 100 words (limit 100): passes")
subj(T1, "Request: 15 minutes on Lumenfold's Series A engineering plans", ["format"], "subject 61 characters (one over)")
add(T2, "Glad the timing works \U0001f642", note="borderline: emoji allowed in a warm reply (task-format: no emoji only in cold/re-engagement)")
add(T2, "I have attached nothing; the one-pager lives on our site.", note="borderline: attachment rule is for cold only")
rep(T1, "Best,\nYabi\nResearch Partner", "Best, Yabi\nResearch Partner", note="sign-off and name on one line")
subj(T1, "Request: 15 minutes on Lumenfold\u2019s Series A plan", note="curly apostrophe in the subject")

# --- grounding: clear fails
for t in ALL:
    rep(t, f"Hi {T[t].prospect.first_name},", "Hi there,", ["grounding"], "greeting without the first name")
rep(T1, "Hi Maya,", "Hi Daniel,", ["grounding"], "greeting with the wrong name")
rep(T2, "Hi Daniel,\n\n", "", ["grounding"], "no greeting")
rep(T3, "Hi Priya,\n\n", "", ["grounding"], "no greeting")
rep(T1, "Congratulations on closing the $14M Series A in February.", "Congratulations on closing your recent raise.", ["grounding"], "required funding signal not named specifically")
rep(T2, "the 15 Python engineers you need within 30 days", "the Python team you need within 30 days", ["grounding"], "required thread ask not named by an anchor")
rep(T3, "After the 12% reduction in force in May", "After the reduction in force in May", ["grounding"], "layoff named without its anchor (12%)")
rep(T1, "Congratulations on closing the $14M Series A in February.", "Congratulations on the news.", ["grounding"], "grounding only in the subject", subject="Request: 15 minutes on Lumenfold's $14M Series A")
rep(T3, "After the 12% reduction in force in May, some", "Some", ["grounding"], "grounding only in the subject", subject="Context: Corvel after the 12% reduction")
rep(T1, "Congratulations on closing the $14M Series A in February.", "$14M. Series A.", ["grounding"], "anchors as fragments, not a real sentence")
rep(T1, "Congratulations on closing the $14M Series A in February.", "Closed a $14M Series A in February 2026, led by Northbeam Ventures.", ["grounding"], "signal text pasted from the brief")
rep(T3, "After the 12% reduction in force in May, some", "Announced a 12% reduction in force on May 28, 2026, mostly in platform teams. Some", ["grounding"], "signal text pasted from the brief")
s, b = ref(T1)
b2 = b.replace("Congratulations on closing the $14M Series A in February.", "Congratulations on the news.") + "\nRe: your $14M Series A"
row(T1, "Request: 15 minutes on Lumenfold's engineering plan", b2, ["grounding", "format"], "anchor only in the signature")
rep(T2, "Thanks for the clear brief on the 15 Python engineers you need within 30 days.", "Thanks for the note.", ["grounding"], "warm reply ignoring the prospect's request")
rep(T2, "Hi Daniel,", "Hi Mr. Reyes,", ["grounding"], "greeting by surname, not first name")
# --- grounding: borderline passes
rep(T1, "the $14M Series A", "the $14 million Series A", note="anchor variant '$14 million' = '$14M'")
rep(T3, "12% reduction", "12 percent reduction", note="anchor written '12 percent'")
rep(T2, "the 15 Python engineers", "the fifteen Python engineers", note="number word form of anchor '15 Python engineers' (numbers are normalised)")
rep(T1, "Hi Maya,", "Hello Maya,", note="other greeting word")
rep(T1, "Hi Maya,", "Dear Maya,", note="'Dear' greeting")

# --- honesty: clear fails
add(T1, "Our senior rate is $15,000 per engineer per month.", ["honesty"], "price outside every band")
add(T1, "We can offer 10% off the first month.", ["honesty"], "discount")
add(T2, "We can also take 5% off for a longer commitment.", ["honesty"], "discount")
rep(T2, "Our public senior rate is $9,000 to $12,000 per engineer per month.", "Seven engineers for three months would total about $210,000.", ["honesty"], "total contract value")
rep(T2, "Today we have 7 Python engineers ready to deploy, so I will not promise all 15.", "We can deploy all 15 Python engineers within 30 days.", ["honesty"], "engineers above the bench")
rep(T1, "We place managed Python and Go engineers", "We can place 5 Go engineers next month, and managed Python engineers", ["honesty"], "5 Go engineers > bench 4")
rep(T1, "I cannot tell from the outside whether the two open backend roles are the whole queue. Is the backlog longer than the postings suggest?", "Your two open backend roles show the team is overloaded.", ["honesty"], "low-confidence signal asserted")
rep(T3, "If the six open data engineering roles are meant to cover that, a managed team", "The six open data engineering roles show the team is stretched, so a managed team", ["honesty"], "medium-confidence signal asserted")
add(T3, "Congratulations on the Series C as well.", ["honesty"], "invented funding round")
add(T1, "After last year's layoffs, the team is leaner.", ["honesty"], "invented layoff")
add(T2, "Congratulations on the new CTO appointment.", ["honesty"], "invented leadership change")
add(T1, "With 200 engineers on staff, that queue matters.", ["honesty"], "invented headcount")
add(T1, "Only two slots are left this quarter.", ["honesty"], "invented scarcity")
add(T3, "Our availability is filling up fast.", ["honesty"], "invented scarcity")
add(T1, "Lumenfold is scaling aggressively.", ["honesty"], "assertive growth claim; the only hiring signal is low confidence")
add(T1, "Your peers already ship machine learning features that Lumenfold lacks.", ["honesty"], "AI capability-gap pitch at AI maturity 1")
add(T2, "Competitors in your space already run ML in production, a gap worth closing.", ["honesty"], "AI gap pitch at maturity 2 with medium confidence")
add(T1, "Your launch in October 2025 was well received.", ["honesty"], "invented date and event")
rep(T1, "$14M Series A", "$40M Series A", ["honesty"], "wrong funding amount (Series A anchor still grounds it)")
rep(T1, "$14M Series A", "$14M Series B", ["honesty"], "wrong round ($14M anchor still grounds it)")
rep(T3, "12% reduction", "20% reduction", ["honesty", "grounding"], "wrong layoff percent")
add(T2, "This rate holds only until the end of the month.", ["honesty"], "invented deadline")
# --- honesty: borderline passes
add(T1, "Our public senior rate is $9,000 to $12,000 per engineer per month.", note="price inside a public band")
add(T1, "Senior engineers start at $9,000 per engineer per month.", note="a price at the band's edge")
add(T1, "At 48 people, every hire changes the team.", note="number present in the brief (employees)")
add(T3, "The 77 roles affected were mostly platform.", note="number present in the brief (headcount fact)")
add(T1, "Teams get at least three hours of overlap with Austin.", note="service fact (3 hours overlap)")
add(T3, "Extensions come in two-week blocks.", note="service fact (two-week blocks)")
add(T2, "Two ML engineers are also available.", note="2 ML engineers = bench ml 2")
rep(T1, "We place managed Python and Go engineers", "We could place 4 Go engineers or managed Python engineers", note="4 Go engineers = bench go 4")
add(T1, "Fixed-scope projects usually run three to four months.", note="service fact range")
add(T3, "I could be wrong, but the data roles may be a backfill.", note="hedged medium signal (explicit uncertainty)")
# --- one_ask: clear fails
for t in ALL:
    s, b = ref(t)
    p = parts(b)
    p[-2] = p[-2] + " Also, please reply with your current bottleneck, and let me know if you want the case studies."
    row(t, s, "\n\n".join(p), ["one_ask"], "stacked asks")
add(T1, "Could you share your hiring plan with me?", ["one_ask"], "second ask in the body")
add(T2, "Could you send me the role descriptions?", ["one_ask"], "second ask in the body")
add(T3, "Would you share the current data roadmap?", ["one_ask"], "second ask in the body")
rep(T1, "would 15 minutes next week be useful?", "would 60 minutes next week be useful?", ["one_ask", "honesty"], "60-minute first call (and 60 minutes is no service fact)")
rep(T2, "Would 30 minutes this week", "Would an hour-long call this week", ["one_ask"], "hour-long first call")
close(T1, "We place managed Python and Go engineers, typically deployed in about two weeks.", ["one_ask"], "no ask at all")
close(T2, "A delivery lead can join that conversation whenever it suits.", ["one_ask"], "no explicit ask")
close(T3, "We place managed data engineers with a one-month minimum.", ["one_ask"], "no ask at all")
close(T1, "We place managed Python and Go engineers. Technically, I recall a callback queue on your site.", ["one_ask"], "fake CTA words (technically, recall, callback), no ask")
rep(T3, "Want me to send the one-page summary?", "Want me to send the one-page summary, and would 15 minutes next week work for a call?", ["one_ask"], "two different requests in one sentence")
rep(T2, "Would 30 minutes this week with our delivery lead work for you?", "Would 45 minutes this week with our delivery lead work for you?", ["one_ask", "honesty"], "45-minute first call")
s, b = ref(T1)
p = parts(b)
p[-2] = "We place managed Python and Go engineers, typically deployed in about two weeks."
p[1] = p[1] + " Would 15 minutes next week be useful?"
row(T1, s, "\n\n".join(p), ["one_ask"], "the only ask is not in the closing part")
# --- one_ask: borderline passes
rep(T1, "would 15 minutes next week be useful?", "would 15 minutes next week be useful? My calendar is at https://cal.com/yabi/15min.", note="question plus calendar link for the same call")
rep(T1, "If that is on your roadmap, would 15 minutes next week be useful?", "If that is on your roadmap, a one-page write-up or 15 minutes, your call?", note="two alternatives for the same next step")
rep(T1, "would 15 minutes next week be useful?", "would 15 minutes next week be useful? If not, ignore this.", note="opt-out is not an ask")
close(T3, "No reply needed; I will share more when the plan settles.", note="no-reply FYI as the one ask")
close(T3, "Purely for your information; no reply needed.", note="no-reply FYI as the one ask (two markers, one sentence)")
close(T1, "If that is on your roadmap, 15 minutes next week could help.", note="conditional offer as the ask")
rep(T2, "Would 30 minutes this week with our delivery lead work for you?", "Would 30 minutes this week work for you? No pressure either way.", note="ask plus 'no pressure'")
close(T3, "Reply with your current bottleneck and I will send what fits.", note="reply request as the one ask")
rep(T1, "would 15 minutes next week be useful?", "would 30 minutes next week be useful?", note="30-minute first call is allowed")

# --- mixed: several failures at once
row(T1, "Quick question about your bench", "Hi there,\n\nWe have world-class rockstars ready. Call me, email me, or book a slot!\n\nThanks", ["banned_phrases", "format", "grounding", "one_ask"], "several failures; honesty judged pass (no numbers or signals)")
row(T2, "Re: Request: Quarryline's Series B hiring plan", "Hi Daniel,\n\nWe can give you all 15 Python engineers at a 20% discount, $500,000 in total.\n\nWould 30 minutes this week work for you?\n\nBest,\nSelam", ["honesty"], "warm reply overcommitting: grounded by '15 Python engineers' in a sentence")
row(T3, "Context: Corvel after the reorganisation", "Hi Priya,\n\nAfter the 12% reduction in force, you need to catch up on data engineering. Your six open data roles prove the team is drowning.\n\nWant me to send the one-page summary?\n\nBest,\nYabi", ["banned_phrases", "honesty"], "condescension plus asserted medium signal")
row(T1, "Request: 15 minutes on Lumenfold's Series A", "Hi Maya,\n\nCongratulations on the $14M Series A in February. Our engineers are ready.\n\nBest,\nYabi", ["one_ask"], "short, grounded, no ask")
row(T3, "Context: Corvel's 12% reduction and data roles", "Hi Priya,\n\nI have sent you three emails already. After the 12% reduction in force in May, a managed team can help.\n\nWant me to send the one-page summary?\n\nBest,\nYabi", ["banned_phrases", "honesty"], "guilt in a re-engagement ('sent you three emails'); also false: the thread holds one email")

# --- more clear and borderline cases
rep(T2, "Thanks for the clear brief", "> Selam, we need 15 Python engineers starting within 30 days.\n\nThanks for the clear brief", note="warm reply quoting the prospect's own numbers")
s, b = ref(T1)
row(T1, None, "```\nSubject: " + s + "\n\n" + b + "\n```", note="code fence around the whole answer")
s, b = ref(T1)
row(T1, None, "**Subject:** " + s + "\n\n" + b, note="markdown emphasis on the subject label")
s, b = ref(T3)
row(T3, None, "subject: " + s + "\n\n" + b, note="lower-case subject label")
rep(T1, "I cannot tell from the outside whether the two open backend roles are the whole queue. Is the backlog longer than the postings suggest?", "Are the two open backend roles the whole queue, or is more hiring behind them?", note="low-confidence signal only in a question")
rep(T1, "I cannot tell from the outside whether the two open backend roles are the whole queue. Is the backlog longer than the postings suggest?", "You are clearly hiring two backend engineers right now.", ["honesty"], "low-confidence signal asserted ('clearly')")
add(T2, "Junior engineers run $5,500 to $7,000 per engineer per month.", note="price inside the junior band")
add(T2, "Senior engineers would be $8,000 per engineer per month.", ["honesty"], "price between bands, outside every band")
add(T3, "We could have 3 data engineers in place within 48 hours.", note="3 data engineers = bench data 3; 48 hours is a service fact")
add(T3, "We could have 5 data engineers in place within 48 hours.", ["honesty"], "5 data engineers > bench data 3")
s, b = ref(T1)
row(T1, s, b.replace(",\n\n", ",\n\nI'll keep this brief. ", 1), ["banned_phrases"], "banned filler")
add(T2, "Just following up on your note.", ["banned_phrases"], "banned filler 'just following up'")
add(T3, "Circling back on the data roles.", ["banned_phrases"], "banned filler 'circling back'")
add(T1, "We leverage Python and Go.", ["banned_phrases"], "jargon verb 'leverage'")
subj(T2, "Re: URGENT Python team for Quarryline", ["format"], "urgency word in the subject")
rep(T1, "Hi Maya,", "Hi Maya", note="greeting without a comma")
rep(T1, "If that is on your roadmap, would 15 minutes next week be useful?", "If that is on your roadmap, would 15 minutes next week be useful, or should I send the case studies first?", note="one sentence, two alternatives for the same next step")
close(T3, "If it helps, I can send the one-page summary; no reply needed otherwise.", note="conditional offer with an opt-out: one ask")

L.write("tenacious_bench/data/labelled/labelled.jsonl")
