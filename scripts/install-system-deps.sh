#!/usr/bin/env bash
# Install the Debian/Ubuntu packages guidegen needs, only those that are missing.
#
#   scripts/install-system-deps.sh          what `guidegen build` needs
#   scripts/install-system-deps.sh --test   and what the test suite needs too
#   scripts/install-system-deps.sh --bench  and pandoc, which the benchmark compares against
#
# Runtime: Pango (WeasyPrint's text layout), libharfbuzz-subset0 (without it
# WeasyPrint subsets fonts with fontTools, several times slower), fontconfig,
# the Inter font of the PDF guide and Carlito, metric-compatible with Calibri,
# the deck's theme font, so that text is measured as PowerPoint will show it.
# Tests: poppler-utils (pdffonts, pdftoppm), qpdf, LibreOffice Impress and Calc (the deck rendered,
# exported workbooks opened as a spreadsheet would), and Chromium (the HTML guide, opened headless as a
# reader's browser would).
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fontconfig fonts-inter fonts-crosextra-carlito
          fonts-dejavu-core fonts-lato fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
case "${1:-}" in
  --test) packages+=(poppler-utils qpdf libreoffice-impress libreoffice-calc chromium) ;;
  --bench) packages+=(pandoc) ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "guidegen needs these packages (Debian names): ${missing[*]}" >&2
  echo "apt-get is not available here: install their equivalents with your package manager." >&2
  exit 1
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
