"""lm-evaluation-harness task files (YAML + utils), shipped as package data."""
