"""Data files of gdviz; installed as the package gdviz._resources (see gdviz.resources)."""
