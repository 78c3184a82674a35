# Set-up and the two main jobs. Everything a fresh machine needs is installed from here.
#   make serve   - install, build the graph, serve the web app + SPARQL endpoint on the embedded store
#   make test    - install (incl. Debian's chromium for the browser tests and haproxy for the scale-out test), build, run every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install chromium haproxy build serve test test-embedded test-remote bench clean

$(BIN)/sendkg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/sendkg

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

haproxy:
	@command -v haproxy >/dev/null 2>&1 || test -x /usr/sbin/haproxy || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }

build: install
	$(BIN)/sendkg build

serve: build
	$(BIN)/sendkg serve --host $(HOST) --port $(PORT)

test-embedded: install chromium haproxy build
	$(BIN)/pytest -q

test-remote: install build
	SENDKG_TEST_BACKEND=oxigraph $(BIN)/pytest -q -m "not embedded_only" $(REMOTE_TESTS)

test: test-embedded test-remote

bench: build
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var test-output
