"""Record of how labelled_programmatic.jsonl was written (run from the repository root).

Emails on programmatic dataset tasks of the train and dev splits, with pass-1 labels judged from the
style guide and task-format.md as each row was written, before any scorer run. Same protocol as
build_pass1.py (see data_cards/labelling.md).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from rowkit import LabelledRows

L = LabelledRows("P")
ref, row, add, rep = L.ref, L.row, L.add, L.rep

P = "TB-PRG-"
for tid in ("0215", "0304", "0023", "0399", "0208", "0432", "0039", "0129", "0075", "0240"):
    row(P + tid, *ref(P + tid), note="reference email: all five rules met")

rep(P + "0215", "If Lukas Rossi joining as Head of Platform Engineering means the staffing plan is under review, a "
    "low-key first look at staffing could be timely.", "Lukas Rossi joined as Head of Platform Engineering in "
    "August, so the staffing plan is under review.", ["honesty"], "medium leadership change asserted")
rep(P + "0304", "I cannot tell from the outside whether what Saffronfield and Kestrelmark have written about "
    "real-time telemetry ingestion is relevant to your plans.", "Saffronfield and Kestrelmark already run "
    "real-time telemetry ingestion, and Loomline has nothing comparable yet.", ["honesty"],
    "low-confidence peer gap asserted")
add(P + "0304", "EV-charging software purchasing grew 7% in the February 2025 survey.",
    note="high-confidence market signal with its own number and date")
add(P + "0304", "The EV-charging software market grew 20% last year.", ["honesty"], "invented market figure")
add(P + "0023", "I wanted to reach out with a short introduction.", ["banned_phrases"], "task-forbidden 'reach out'")
add(P + "0023", "Congratulations on the recent Series B.", ["honesty"], "zero-signal brief: invented funding")
rep(P + "0399", "It helps to know that Project Fjord is the pressure point you mentioned.",
    "It helps to know what the pressure point is.", ["grounding"], "the prospect's named project dropped")
add(P + "0399", "We would need your decision by the end of the week to make July 30.", ["honesty"],
    "invented decision deadline")
add(P + "0399", "Teams like yours are already shipping machine learning features, a gap worth closing.",
    ["honesty"], "AI gap pitch at AI maturity 0")
rep(P + "0208", "Today we have 6 Go engineers available", "Today we have 9 Go engineers available", ["honesty"],
    "9 Go engineers > bench go 6")
add(P + "0208", "You are missing what your peers already ship.", ["banned_phrases"], "condescension")
rep(P + "0432", "We place managed Python, Go and data engineers", "We place a managed team of Python, Go and data "
    "engineers", ["banned_phrases"], "task-forbidden 'managed team'")
add(P + "0432", "Customer-data budgets are growing 13% this year.", ["honesty"],
    "medium (single trade blog) market signal asserted")
add(P + "0432", "If the analyst note is right, customer-data budgets may grow 13% this year.",
    note="medium market signal conditioned")
rep(P + "0039", "Today 8 Python engineers are ready to deploy with us, fewer than the request.",
    "All 12 Python engineers can start within 14 days.", ["honesty"], "12 Python engineers > bench python 8")
add(P + "0039", "Congratulations on joining as CTO after 7 years at Delivery Hero.", ["honesty"],
    "medium (unconfirmed) leadership change asserted")
add(P + "0129", "Your 13 open ML platform roles show how fast you are growing.", ["honesty"],
    "low-confidence roles asserted as growth")
add(P + "0129", "We can place 2 Go engineers next month.", ["honesty"], "Go engineers with Go capacity 0")
add(P + "0075", "I have written to you twice without hearing back.", ["banned_phrases"], "guilt in a re-engagement")
rep(P + "0240", "If useful, reply with your current bottleneck and I will bring the right person.",
    "If useful, reply with your current bottleneck, and book 30 minutes on my calendar as well.", ["one_ask"],
    "two different requests")
add(P + "0240", "With June 2 fixed by the board, a team could be in place within 48 hours.",
    note="thread date and a service fact (48 hours)")
row(P + "0129", "Quick question on Quillcast's Series B", ref(P + "0129")[1], ["banned_phrases", "format"],
    "'Quick question' subject: banned phrase and banned opener")
rep(P + "0075", "Thanks,\nDawit\nDelivery Lead", "Thanks,\nDawit Tesfaye\nDelivery Lead",
    note="sign-off name with a surname still carries the first name")
rep(P + "0304", "Hello Marta,", "Hello Kofi,", ["grounding"], "greeting names the sender, not the prospect")

L.write("tenacious_bench/data/labelled/labelled_programmatic.jsonl")
