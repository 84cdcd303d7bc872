"""gdviz: an animated gradient-descent visualiser for teaching."""

__version__ = "0.1.0"
