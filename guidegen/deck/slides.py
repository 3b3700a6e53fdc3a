"""Where the deck's entry point used to live; it is ``guidegen.deck.render`` now.

Kept only because guidegen/preview.py (``Builder._slides``) and guidegen/parallel.py (``warm_up``) still
import it and are being rewritten elsewhere: delete this module once they import guidegen.deck.render.
"""

from guidegen.deck.render import render  # noqa: F401
