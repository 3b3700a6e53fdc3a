"""guidegen: a career ladder in YAML, as a printable PDF guide, a PPTX training deck and a web page.

The Python API the command line is a thin shell over::

    import guidegen

    ladder = guidegen.load_ladder("ladder.yaml")          # validated, overlays applied
    paths = guidegen.build(ladder="ladder.yaml", out="output", brand=["brand.yml"], rungs=["pm"])

``build`` takes every setting of ``guidegen build`` as a keyword (the same names as guidegen.toml's
keys). Both raise ``guidegen.InputError`` (bad input: the message names the file and line) or
``guidegen.BuildError`` (a document could not be written). They are imported on first use, so
that ``import guidegen`` (and ``guidegen --help``) stays quick.
"""

from ._version import __version__

__all__ = ["__version__", "build", "load_ladder", "load_brand", "InputError", "BuildError"]

_API = {"build": ("guidegen.api", "build"), "load_ladder": ("guidegen.input.ladder", "load_ladder"),
        "load_brand": ("guidegen.input.brand", "load_brand"), "InputError": ("guidegen.errors", "InputError"),
        "BuildError": ("guidegen.errors", "BuildError")}


def __getattr__(name: str):
    if name in _API:
        import importlib

        module, attribute = _API[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'guidegen' has no attribute {name!r}")
