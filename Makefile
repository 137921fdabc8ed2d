# Two commands do all set-up on a fresh machine (Python 3.11 + package registries):
#   make run    archive seeds/ into ./archive and print a summary
#   make test   run the whole test suite
# Installs are exact: uv installs what uv.lock pins (uv itself is pinned below), and
# compiles bytecode once (this environment sets PYTHONDONTWRITEBYTECODE, so without it
# every process would recompile Prefect and its dependencies at start-up).

PYTHON    ?= python3
UV_VERSION = 0.13.9
BOOT       = .uv
UV         = $(BOOT)/bin/uv
VENV       = .venv
ARCHIVE   ?= archive

export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED = false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 90
export UV_PYTHON = $(PYTHON)

.PHONY: run test install install-test clean-env browser

$(UV):
	$(PYTHON) -m venv $(BOOT)
	$(BOOT)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --inexact --compile-bytecode --quiet
	touch $@

$(VENV)/.installed-test: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --inexact --compile-bytecode --quiet --extra test
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(VENV)/bin/newsarchive run seeds/ --archive $(ARCHIVE)

test: install-test browser
	$(VENV)/bin/python -m pytest

# Headless chromium for the `newsarchive inspect --html` screenshot test (Debian package; needs root).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

clean-env:
	rm -rf $(BOOT) $(VENV) .prefect
