# `make demo` and `make test` each create .venv and install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
STAMP_BENCH := $(VENV)/.installed-bench

.PHONY: demo test lint fuzz bench-index bench-quality bench-speed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP_RUN)

# Exit status 1 means "a listed name was found", which is what the demo shows.
demo: $(STAMP_RUN)
	$(BIN)/sanctionmatch screen-text fixtures/text/seed_article_en.txt || test $$? -eq 1
	$(BIN)/sanctionmatch screen "Dmitriy Peskov" "PESKOV, Dmitry Sergeyevich" "D. Peskov" \
		"Poutine, Vladimir" "Токарев Николай Петрович" "Selenskyj" "Olaf Scholz" || test $$? -eq 1

test: $(STAMP_DEV)
	$(BIN)/python -m pytest -q

# The fuzz tests with many inputs each (FUZZ_EXAMPLES, default 20000); reports the counts.
fuzz: $(STAMP_DEV)
	$(BIN)/python scripts/fuzz.py

lint: $(STAMP_DEV)
	$(BIN)/ruff check sanctionmatch tests
	$(BIN)/mypy

$(STAMP_BENCH): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@ $(STAMP_RUN)

# Match-quality benchmark on the real lists in ../shared/data (docs/quality.md).
bench-quality: $(STAMP_BENCH)
	$(BIN)/python benchmarks/quality/make_cases.py
	$(BIN)/python benchmarks/quality/run.py
	$(BIN)/python benchmarks/quality/plot.py

# Build-from-lists vs load-saved-index timing on the real lists in ../shared/data.
bench-index: $(STAMP_RUN)
	$(BIN)/python benchmarks/index_load.py --repeat 5

# Latency, brute-force ratio, candidate recall, screen_many and scaling (docs/benchmarks.md).
bench-speed: $(STAMP_BENCH)
	$(BIN)/python benchmarks/speed/run.py
	$(BIN)/python benchmarks/speed/plot.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
