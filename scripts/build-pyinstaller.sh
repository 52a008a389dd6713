#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller (not run by .ci/run: it takes minutes).
#
#   scripts/build-pyinstaller.sh            -> dist/fopegui/fopegui  (+ dist/fopegui.app on macOS)
#
# Needs: the app's dependencies, `pip install pyinstaller`, and on Debian 12 the Qt runtime
# libraries (see docs/INSTALL.md). Then run scripts/smoke-pyinstaller.sh to check the build.
# Environment: PYTHON (default python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
cd "$ROOT"

"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 ||
    { echo "build-pyinstaller: PyInstaller missing: $PYTHON -m pip install pyinstaller" >&2; exit 1; }

# The .ico/.icns for Windows and macOS, rendered from the SVG (Qt only, no Pillow).
"$PYTHON" packaging/make_icons.py build/icons

"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath dist --workpath build/pyinstaller packaging/fopegui.spec

echo "build-pyinstaller: built $ROOT/dist/fopegui ($(du -sh dist/fopegui | cut -f1))"
