# Two commands do all the set-up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= data/kdkmp.duckdb

.PHONY: run run-cluster test install install-dev demo clean bench load

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install if needed, load the demo data into an empty database, serve on 127.0.0.1:8501
run: install
	KDKMP_DB=$(DB) $(PY) -m analytics demo --if-empty --db $(DB)
	KDKMP_DB=$(DB) $(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port 8501

## make run-cluster N=2: N app servers behind nginx on 127.0.0.1:$(PORT_KLASTER), one lake (README "Lebih dari satu server")
N            ?= 2
PORT_KLASTER ?= 8500
run-cluster: install
	$(PY) -m analytics.klaster --n $(N) --port $(PORT_KLASTER)

## make test: install the dev requirements and run every test
test: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest $(PYTEST_ARGS)

## make bench: the national benchmark of issue 11 (first run builds bench/cache/, minutes; report in bench/report-*.md)
bench: install
	$(PY) bench/bench_national.py $(ARGS)

## make load ARGS="--halaman zona --query provinsi=33 --sesi 20": concurrent real sessions (bench/beban.py)
load: install
	$(PY) bench/beban.py $(ARGS)

demo: install
	$(PY) -m analytics demo --db $(DB)

clean:
	rm -rf $(VENV) .pytest_cache
