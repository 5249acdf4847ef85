"""Authoring modes of the dataset: programmatic sweeps, hand-authored adversarial tasks, trace-derived tasks, LLM synthesis."""
