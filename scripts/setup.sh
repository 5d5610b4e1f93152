#!/usr/bin/env bash
# Set up everything `make demo` and `make test` need on a new machine: a virtualenv with the
# project and its packages, and the CJK fonts (Debian packages, installed when run as root).
# Says plainly what is missing when it cannot install it.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.issuepress-installed

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "setup: python3 is not installed; install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)" >&2
  exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "setup: issuepress needs Python 3.11 or newer; $("$PY" --version 2>&1) found" >&2
  exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating virtualenv $VENV"
  if ! "$PY" -m venv "$VENV"; then
    echo "setup: could not create a virtualenv; install python3-venv (Debian: apt-get install python3-venv)" >&2
    exit 1
  fi
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "setup: installing issuepress and its packages into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  if ! "$VENV/bin/python" -m pip install -q -e '.[test]'; then
    echo "setup: pip could not install the packages listed in pyproject.toml (see the messages above)" >&2
    exit 1
  fi
  touch "$STAMP"
fi

# The default layouts use Noto Serif/Sans CJK SC and LXGW WenKai (Debian fonts-noto-cjk, fonts-lxgw-wenkai).
missing_pkgs=()
font_dirs=(/usr/share/fonts /usr/local/share/fonts "$HOME/.fonts" "$HOME/.local/share/fonts")
IFS=: read -r -a env_fonts <<< "${ISSUEPRESS_FONTS:-}"; font_dirs+=("${env_fonts[@]}")
have_font() { find "${font_dirs[@]}" -iname "$1" -print -quit 2>/dev/null | grep -q .; }
have_font 'NotoSerifCJK-Regular.tt[cf]' || have_font 'NotoSerifCJKsc-Regular.otf' || missing_pkgs+=(fonts-noto-cjk)
have_font 'LXGWWenKai-Regular.ttf' || missing_pkgs+=(fonts-lxgw-wenkai)
# The CMYK ICC profile for print PDFs (PDF/X output intent, picture conversion): Ghostscript's, from libgs-common.
[ -n "${ISSUEPRESS_CMYK_PROFILE:-}" ] || ls /usr/share/color/icc/ghostscript/default_cmyk.icc >/dev/null 2>&1 \
  || missing_pkgs+=(libgs-common)
# pdftotext (poppler-utils): the tests read every PDF's text layer back with it besides pdfplumber and pypdfium2.
command -v pdftotext >/dev/null 2>&1 || missing_pkgs+=(poppler-utils)
if [ ${#missing_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null; }; then
      echo "setup: could not install ${missing_pkgs[*]} with apt-get; install them (fonts can also go in a folder named by ISSUEPRESS_FONTS)" >&2
      exit 1
    fi
  else
    echo "setup: missing Debian packages: ${missing_pkgs[*]} (CJK fonts, CMYK profile). Install them as root" \
         "(apt-get install ${missing_pkgs[*]}), or put the font files in a folder named by ISSUEPRESS_FONTS." >&2
    exit 1
  fi
fi
