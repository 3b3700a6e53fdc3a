"""The values build options may take, shared by the command line and the config file.

Kept apart from both so that neither imports the other, and so that `--help` and completion need
not import WeasyPrint (a test checks that WeasyPrint still offers each PDF variant).
"""

from __future__ import annotations

FORMAT_CHOICES = ("pdf", "pptx", "html")
DEFAULT_FORMATS = ("pdf", "pptx")
PAGE_SIZE_CHOICES = {"a4": "A4", "letter": "letter"}
PAGE_SIZES = tuple(PAGE_SIZE_CHOICES)
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-2u", "pdf/a-3b", "pdf/a-3u", "pdf/a-4u")
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # BCP 47, as the ladder's own language: field checks it
