"""Package list for setuptools; everything else is in pyproject.toml.

pyproject's `packages.find` cannot add a package whose folder is mapped elsewhere,
so the top-level resources/ folder is appended here as gdviz._resources.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["gdviz", "gdviz.*"]), "gdviz._resources"])
