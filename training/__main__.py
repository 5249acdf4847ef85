"""`python -m tenacious_bench.training sft|dpo|grpo --config F`: the entry point for `accelerate launch -m`."""

import sys

from tenacious_bench.training.train import main

sys.exit(main())
