#!/usr/bin/env bash
# Smoke test of the PyInstaller build (scripts/build-pyinstaller.sh): the frozen app starts
# offscreen, loads sample messages (.eml and .msg) and saves a screenshot of each tab.
# Not run by .ci/run (the build takes minutes); run it after building, before a release.
#
#   scripts/smoke-pyinstaller.sh [DIST_DIR]     (default: dist/fopegui)
#
# Exits non-zero if the app fails, or writes no PNG or a blank one.
# KEEP_SCREENSHOTS=DIR keeps the PNGs there for a look.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist/fopegui}"
APP="$DIST/fopegui"
[[ -x "$APP" ]] || APP="$DIST/fopegui.exe"
[[ -x "$APP" ]] || { echo "smoke-pyinstaller: no app in $DIST; run scripts/build-pyinstaller.sh" >&2; exit 1; }

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
SAMPLES="$ROOT/tests/data/samples"
MSG="$ROOT/tests/data/msg/EmailWithMsgAttachment.msg"

# A PNG with real content: signature, and more than a few hundred bytes (a blank window
# compresses to almost nothing). Prints WIDTHxHEIGHT from the IHDR chunk.
check_png() {
    local png="$1" size
    [[ -s "$png" ]] || { echo "smoke-pyinstaller: no screenshot $png" >&2; return 1; }
    [[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
        { echo "smoke-pyinstaller: $png is not a PNG" >&2; return 1; }
    size=$(wc -c <"$png")
    ((size > 5000)) || { echo "smoke-pyinstaller: $png is almost empty ($size bytes)" >&2; return 1; }
    printf '%dx%d, %d bytes' \
        "$((16#$(od -An -tx1 -j16 -N4 "$png" | tr -d ' \n')))" \
        "$((16#$(od -An -tx1 -j20 -N4 "$png" | tr -d ' \n')))" "$size"
}

status=0
for tab in headers received blacklist raw; do
    png="$OUT/$tab.png"
    start=$EPOCHREALTIME
    if "$APP" --screenshot "$png" --tab "$tab" "$SAMPLES/fope-spam-customspam.eml" "$MSG"; then
        info=$(check_png "$png") || { status=1; continue; }
        printf 'smoke-pyinstaller: ok   %-9s %s, %.1f s\n' "$tab" "$info" \
            "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
    else
        echo "smoke-pyinstaller: FAIL --tab $tab (exit $?)" >&2
        status=1
    fi
done
if [[ -n "${KEEP_SCREENSHOTS:-}" ]]; then
    mkdir -p "$KEEP_SCREENSHOTS"
    cp "$OUT"/*.png "$KEEP_SCREENSHOTS"/ 2>/dev/null || true
fi
echo "smoke-pyinstaller: build size $(du -sh "$DIST" | cut -f1)"
exit $status
