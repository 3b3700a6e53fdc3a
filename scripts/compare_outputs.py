"""Build a fixed set of documents, and compare two such sets: for refactors that must not change output.

    python scripts/compare_outputs.py build before/     # on the commit before the change
    python scripts/compare_outputs.py build after/      # on the commit after it
    python scripts/compare_outputs.py diff before/ after/

The set: the default ladder, the three example brands, a handout, Letter paper and a 4:3 company
template. PDFs are compared after ``qpdf --qdf --deterministic-id`` with their dates removed; decks
part by part, their XML with the creation and modification times removed. Exit 1 on any difference.
Not a test: documents legitimately change with features; this guards a change that promises not to.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _cases(folder: Path) -> dict[str, list[str]]:
    sys.path.insert(0, str(ROOT))
    from tests.templates import make_corporate_template

    template = make_corporate_template(folder / "corporate-4x3.potx")
    cases = {"default": [], "handout": ["--rung", "pm"], "letter": ["--page-size", "letter", "--format", "pdf"],
             "template-4x3": ["--pptx-template", str(template), "--format", "pptx"]}
    for example in sorted(path for path in EXAMPLES.iterdir() if (path / "brand.yml").exists()):
        args = ["--brand", str(example / "brand.yml")]
        if (example / "ladder.yaml").exists():
            args += ["--ladder", str(example / "ladder.yaml")]
        cases[example.name] = args
    return cases


def build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, args in _cases(folder).items():
        subprocess.run([sys.executable, "-m", "guidegen", "build", "--out", str(folder / name), *args], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"built {name}")


_PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \([^)]*\)|<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*<")
_DECK_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*<")


def _normal_pdf(path: Path) -> bytes:
    out = path.with_suffix(".qdf")
    subprocess.run(["qpdf", "--qdf", "--deterministic-id", str(path), str(out)], check=True)
    data = _PDF_DATES.sub(b"", out.read_bytes())
    out.unlink()
    return data


def _deck_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: _DECK_DATES.sub(b"", archive.read(name)) for name in archive.namelist()}


def diff(first: Path, second: Path) -> int:
    differences = 0
    for document in sorted(first.rglob("*")):
        if document.suffix not in (".pdf", ".pptx"):
            continue
        other = second / document.relative_to(first)
        if not other.exists():
            print(f"missing in {second}: {other.relative_to(second)}")
            differences += 1
            continue
        if document.suffix == ".pdf":
            same = _normal_pdf(document) == _normal_pdf(other)
            detail = ""
        else:
            parts, other_parts = _deck_parts(document), _deck_parts(other)
            changed = sorted(name for name in parts.keys() | other_parts.keys()
                             if parts.get(name) != other_parts.get(name))
            same, detail = not changed, f" ({', '.join(changed[:5])})"
        if not same:
            differences += 1
            print(f"differs: {document.relative_to(first)}{detail}")
    print("identical" if not differences else f"{differences} document(s) differ")
    return 1 if differences else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        build(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "diff":
        sys.exit(diff(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
