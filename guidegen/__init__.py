"""guidegen: a career ladder in YAML, as a printable PDF guide and a PPTX training deck."""

__version__ = "0.1.0"
