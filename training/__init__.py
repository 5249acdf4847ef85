"""Training (SFT/DPO) on the benchmark's train split."""
