# Two commands set everything up: `make lab` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed+course
TEST_STAMP := $(VENV)/.installed+browser-tests+course+test
JUPYTER_PORT ?= 8888
JUPYTER_IP ?= localhost
# The browser tests (tests/browser) drive the system's Chromium; without one they are skipped.
CHROMIUM := $(shell [ -x /usr/bin/chromium ] && echo /usr/bin/chromium || { c="$$(command -v chromium)" && [ -x "$$c" ] && echo "$$c"; })

.PHONY: lab test test-widgets7 benchmarks notebooks clean-notebooks solutions student pin links wheelhouse clean

# Both stamps come from tools/lab.py, the one way the environment is built (it also serves Windows, without make).
$(STAMP): pyproject.toml
	$(PYTHON) tools/lab.py --install-only --extras course

$(TEST_STAMP): pyproject.toml
	$(PYTHON) tools/lab.py --install-only --extras course,test,browser-tests

## Open the course in JupyterLab (JUPYTER_PORT, JUPYTER_IP and JUPYTER_TOKEN are honoured, so it runs on a server too).
lab:
	JUPYTER_PORT=$(JUPYTER_PORT) JUPYTER_IP=$(JUPYTER_IP) $(PYTHON) tools/lab.py

## Unit tests, every notebook under nbval, then every notebook in a real browser (JupyterLab in headless Chromium).
test: $(TEST_STAMP)
ifeq ($(CHROMIUM),)
	@echo "make test: no Chromium found (/usr/bin/chromium or chromium on PATH): the browser tests will be SKIPPED."
	@echo "           Install one to run them: apt-get install chromium (.ci/run does this in CI)."
endif
	$(BIN)/python -m pytest -rs

## The same tests (browser aside) with Colab's widget stack: ipywidgets 7.7.1, IPython 7.34, ipykernel 6. CI runs
## both, so the ipywidgets-7 code paths (_ipython_display_, description_tooltip, Play) are tried on every change.
WIDGETS7 := .venv-widgets7
test-widgets7:
	$(PYTHON) tools/lab.py --install-only --env $(WIDGETS7) --extras course,test
	$(WIDGETS7)/bin/python -m pip install --quiet "ipywidgets==7.7.1" "ipython==7.34.0" "ipykernel>=6,<7"
	$(WIDGETS7)/bin/python -c 'import ipywidgets, IPython; print("ipywidgets", ipywidgets.__version__, "IPython", IPython.__version__)'
	$(WIDGETS7)/bin/python -m pytest -rs --ignore=tests/browser

## Speed figures: training against bare numpy and scikit-learn, and widget update times.
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/train_digits.py
	$(BIN)/python benchmarks/widget_latency.py

## Re-run every notebook top to bottom in a fresh kernel and save it without widget state.
notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py "notebooks/*.ipynb"

## Strip state that should not be committed (widget state, stray metadata) without re-running.
clean-notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py --clean-only "notebooks/*.ipynb"

## Solution-filled, executed copies of every notebook in solutions/ (not committed): for instructors.
solutions: $(STAMP)
	$(BIN)/python tools/run_notebooks.py --solutions=solutions "notebooks/*.ipynb"

## A copy of the course for learners in OUT (default student/), without any solution; REVEAL=01,02 keeps those
## notebooks' solutions. Its links and setup cell point at REF (default: the folder's name, as a branch) of REPO.
## INSTRUCTORS.md gives the commands that publish it.
OUT ?= student
student: $(STAMP)
	$(BIN)/python tools/run_notebooks.py --student="$(OUT)" --reveal="$(REVEAL)" $(if $(REF),--ref="$(REF)") $(if $(REPO),--repo="$(REPO)")

## Pin the course to a new tag in one step: every Binder, Colab and nbgitpuller link and the Colab setup cell
## rewritten for REF (and REPO, your fork), committed, and that commit tagged REF. Then: git push origin main REF.
pin: $(STAMP)
	$(BIN)/python tools/links.py --pin="$(REF)" $(if $(REPO),--repo="$(REPO)")

## Rewrite the links and setup cell for REF and REPO without committing (make links REF=main follows main again).
links: $(STAMP)
	$(BIN)/python tools/links.py $(if $(REPO),--repo="$(REPO)") $(if $(REF),--ref="$(REF)")

## Wheels for Windows, macOS and Linux (Python 3.10-3.13) in DEST (default wheelhouse/), for a room without
## internet: python tools/lab.py --offline DEST installs from it (a USB stick, say).
DEST ?= wheelhouse
wheelhouse: $(STAMP)
	$(BIN)/python tools/wheelhouse.py --dest="$(DEST)"

clean:
	rm -rf $(VENV) $(WIDGETS7) build *.egg-info solutions student
