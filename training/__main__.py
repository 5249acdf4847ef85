"""`python -m tenacious_bench.training sft|dpo|grpo --config F`: the entry point for `accelerate launch -m`."""

import sys

from tenacious_bench.training.config import offline_if_local

if "--config" in sys.argv:
    offline_if_local(sys.argv[sys.argv.index("--config") + 1])

from tenacious_bench.training.train import main

sys.exit(main())
