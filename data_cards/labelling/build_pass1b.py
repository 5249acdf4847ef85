"""Record of how labelled_hand_authored.jsonl was written (run from the repository root).

Emails on the hand-authored adversarial train/dev tasks, each aimed at a task's probe, with pass-1
labels judged from the style guide and task-format.md as each row was written, before any scorer
run. Same protocol as build_pass1.py (see data_cards/labelling.md).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rowkit import LabelledRows

L = LabelledRows("H", include_held_out=False)
ref, row, add, rep, close = L.ref, L.row, L.add, L.rep, L.close

for tid in ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0010", "0012", "0013", "0019", "0022",
            "0024", "0025", "0029"):
    row(f"TB-HND-{tid}", *ref(f"TB-HND-{tid}"), note="reference email: all five rules met")

H = "TB-HND-"
add(H + "0001", "Congratulations as well on the Series C talks.", ["honesty"], "very_low rumour asserted")
add(H + "0001", "There may also be Series C talks, though I cannot tell from the outside whether that newsletter "
    "is right.", note="very_low rumour with explicit uncertainty")
rep(H + "0002", "I will not commit to all of them today. Right now we have 6 Python and 3 Go engineers available",
    "We can commit to all 15 Python and Go engineers within three weeks", ["honesty"], "overcommit (bench 6+3)")
add(H + "0002", "That is 6 Python and 3 Go engineers, 9 in total.", note="a count of engineers 'in total' within the "
    "bench is not a contract value")
rep(H + "0003", "I will not put a single figure on a phased plan in an email, because it depends on seniority mix "
    "and timing; a colleague on our delivery side prices that with you.",
    "Both phases together come to about $600,000.", ["honesty"], "total contract value")
add(H + "0003", "Three Python engineers for three months at the senior rate would be $81,000 to $108,000.",
    ["honesty"], "computable total contract value, still never stated")
rep(H + "0004", "I cannot tell from the outside whether the nine ML engineer postings I found on a job aggregator "
    "are current, since they are not on your careers page. Are they live roles, or leftovers?",
    "Fernhollow is hiring for nine ML engineer roles right now.", ["honesty"], "low-confidence postings asserted")
add(H + "0005", "Congratulations on the recent funding round.", ["honesty"], "zero-signal brief: invented funding")
add(H + "0006", "I have sent you two emails already without a reply.", ["banned_phrases", "honesty"],
    "guilt; also false (the thread holds one email)")
add(H + "0006", "If I am reading the careers page right, there are three open backend roles; is that the full "
    "picture?", note="low-confidence roles as a hedged diagnostic question (not an ask)")
add(H + "0007", "Ledgerline and Finwise already ship ML fraud scoring, a gap Cobaltpay has not closed.",
    ["honesty"], "AI capability-gap pitch at AI maturity 1")
add(H + "0008", "Halcyon is growing fast again.", ["honesty"], "assertive growth claim after a layoff")
add(H + "0009", "We will send you rockstar 10x ninjas.", ["banned_phrases"], "echoing the prospect's hype")
rep(H + "0010", "On price, I will stay with our public rates rather than improvise a special arrangement in an "
    "email", "On price, we can take 20% off for the six-month commitment", ["honesty"], "discount on request")
add(H + "0010", "You asked about 20% off; I will keep to the public bands.", note="restating the prospect's "
    "discount request while declining it: no discount offered")
add(H + "0011", "We can only hold them until Friday, so please decide soon.", ["honesty"],
    "invented hold deadline and pressure")
add(H + "0012", "We can place 6 data engineers straight away.", ["honesty"], "6 data engineers > bench data 3")
add(H + "0013", "I will reach out again after your first 90 days.", ["banned_phrases"],
    "task-forbidden phrases 'reach out', 'first 90 days'")
rep(H + "0016", "Would 30 minutes with you and a platform lead next week work",
    "Would the 90-minute workshop with your whole platform team next week work", ["one_ask", "honesty"],
    "90-minute first meeting (the prospect's number is not a service fact)")
add(H + "0017", "Congratulations on the recent $25M Series B.", ["honesty"], "a 2024 round called recent in 2026")
rep(H + "0018", "I do not have ML engineers available right now, so I will not promise July.",
    "We can start 3 ML engineers in July.", ["honesty"], "ML engineers with ML capacity 0")
add(H + "0019", "Quillstone is lagging here.", ["banned_phrases"], "task-forbidden 'lagging'")
rep(H + "0020", "We have Go engineers ready to deploy", "We have Go engineers on the bench", ["banned_phrases"],
    "'bench' prospect-facing")
rep(H + "0021", "Good to hear from you.", "Good to hear from you \U0001f642",
    note="warm reply mirroring the prospect's emoji")
rep(H + "0021", "We have 7 Python engineers available right now", "Our bench has 7 Python engineers right now",
    ["banned_phrases"], "'bench' echoed from the prospect")
rep(H + "0022", "If the trade-press report of about 60 engineering jobs cut in June is accurate, Stonebridge may "
    "be carrying the same roadmap with a smaller team. I could be wrong, since the company has not confirmed it.",
    "Stonebridge cut 60 engineering jobs in June and is carrying the same roadmap with a smaller team.",
    ["honesty"], "medium (unconfirmed) layoff asserted")
rep(H + "0023", "If the $7M seed round listed in March is accurate, Cindervale may be planning",
    "After the $7M seed round in March, Cindervale is planning", ["honesty"], "medium funding asserted")
rep(H + "0024", "A fixed figure across both phases depends on a phasing plan, so a colleague on our delivery side "
    "will build that with you rather than me quoting one here.", "A fixed price of $1.4M covers both phases.",
    ["honesty"], "fixed total price")
add(H + "0025", "Pinebrook is falling behind Carewell and Medinote.", ["banned_phrases"], "condescension")
add(H + "0026", "Our engineers hit the ground running.", ["banned_phrases"], "task-forbidden phrase")
rep(H + "0027", "Our rates are the same whenever you sign, so there is no reason to rush a decision",
    "If you sign by April 30, we can lower the rate", ["honesty"], "discount tied to a deadline")
add(H + "0028", "Congratulations on the new CTO appointment.", ["honesty"], "zero-signal brief: invented leader")
rep(H + "0029", "With 3 contractors leaving in August and 14 engineers in the group", "With the contractors leaving",
    ["grounding"], "required handover signal no longer named")
s, b = ref(H + "0007")
row(H + "0007", None, b, ["format"], "no subject line")
rep(H + "0019", "Hi Marcus,", "Hi there,", ["grounding"], "greeting without the first name")
s, b = ref(H + "0022")
p = b.split("\n\n")
p[-2] += " Or reply with your current bottleneck."
row(H + "0022", s, "\n\n".join(p), ["one_ask"], "second, different request")
close(H + "0026", "We place managed Python and Go engineers.", ["one_ask"], "no ask")
row(H + "0025", "New: LLM clinical note summaries at Carewell, Medinote and peers", ref(H + "0025")[1], ["format"],
    "subject over 60 characters")
rep(H + "0017", "Northmere now lists eight open platform engineer roles, against two at an earlier count. That is a "
    "steep climb for any recruiting team.", "Recruiting teams often have a lot on.", ["grounding"],
    "required roles signal only in the subject", subject="Request: Northmere's eight open platform roles")

L.write("tenacious_bench/data/labelled/labelled_hand_authored.jsonl")
