"""Training (SFT/DPO/GRPO with LoRA via TRL and peft) on the benchmark's train split.

Heavy libraries (torch, transformers, trl, peft, datasets) are imported inside functions only.
"""
