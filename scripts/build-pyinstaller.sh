#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller (not run by .ci/run: it takes minutes).
#
#   scripts/build-pyinstaller.sh            -> dist/fopegui/fopegui  (+ dist/fopegui.app on macOS)
#
# Needs a Python environment with fopegui, its dependencies (PySide6 ...) and PyInstaller:
# PyInstaller bundles what that environment holds. After ./run-app that is .venv:
#   .venv/bin/python -m pip install pyinstaller
# and on Debian 12 the Qt runtime libraries (docs/INSTALL.md). Then run
# scripts/smoke-pyinstaller.sh to check the build.
# Environment: PYTHON (default .venv/bin/python when it exists, else python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -z "${PYTHON:-}" ]]; then
    PYTHON=python3
    [[ -x .venv/bin/python ]] && PYTHON=.venv/bin/python
fi

"$PYTHON" -c 'import fopegui, PySide6' 2>/dev/null || {
    echo "build-pyinstaller: $PYTHON lacks fopegui or PySide6; run ./run-app once (it makes" \
        ".venv) or set PYTHON to the python of an environment that has them" >&2
    exit 1
}
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 ||
    { echo "build-pyinstaller: PyInstaller missing: $PYTHON -m pip install pyinstaller" >&2; exit 1; }

# The .ico/.icns for Windows and macOS, rendered from the SVG (Qt only, no Pillow).
"$PYTHON" packaging/make_icons.py build/icons

"$PYTHON" -m PyInstaller --noconfirm --clean \
    --distpath dist --workpath build/pyinstaller packaging/fopegui.spec

echo "build-pyinstaller: built $ROOT/dist/fopegui ($(du -sh dist/fopegui | cut -f1))"
