PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: venv run test fuzz bench screenshots clean

venv: $(VENV)/.installed

# Reinstalls only when the packaging files change. setuptools + wheel in the venv
# let tests build a wheel without build isolation.
$(VENV)/.installed: pyproject.toml setup.py
	bash .ci/deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install 'setuptools>=64' wheel
	$(PY) -m pip install -e '.[test]'
	touch $@

run: venv
	$(PY) main.py

test: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The property-based and window fuzz tests with a long budget (make test runs them briefly).
fuzz: venv
	QT_QPA_PLATFORM=offscreen HYPOTHESIS_PROFILE=fuzz GDVIZ_FUZZ_EXAMPLES=3000 $(PY) -m pytest -q \
		tests/test_properties_engine.py tests/test_properties_csv.py tests/test_fuzz_window.py

bench: venv
	$(PY) -m gdviz.bench

screenshots: venv
	$(PY) -m gdviz.tools.screenshots

# Removes build output and caches; keeps .venv (delete it by hand to rebuild).
clean:
	rm -rf build dist .pytest_cache *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
