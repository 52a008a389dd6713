#!/usr/bin/env bash
# Install fopegui for the current user only (~/.local), with a menu entry, an icon and
# the file associations, so a double-click on a saved message opens it (.eml, .msg) and
# "Open with" offers fopegui for a mailbox (.mbox, .pst, .ost: the triage window).
#
#   scripts/install-linux-user.sh [--venv | --user | --desktop-only] [--from SPEC]
#                                 [--system-site-packages] [--default] [--uninstall]
#
#   --venv          (default) install into ~/.local/share/fopegui/venv. Works on Debian 12,
#                   whose system Python refuses `pip install --user` (PEP 668).
#   --user          `pip install --user` instead (for a Python that allows it).
#   --desktop-only  install only the menu entry, icon and MIME types for a `fopegui`
#                   already on PATH (e.g. from `pipx install` or `uv tool install`).
#   --from SPEC     what pip installs: a checkout, a wheel or a requirement
#                   (default: the checkout this script is in).
#   --system-site-packages
#                   let the venv see the PySide6/dnspython/olefile of PYTHON's environment
#                   (system or venv) instead of downloading them again.
#   --default       also make fopegui the default application for .eml and .msg (the
#                   defaults it replaces are remembered, and --uninstall puts them back).
#                   Mailboxes stay with their own default applications.
#   --uninstall     remove what an earlier run installed, and every mimeapps.list entry
#                   that names fopegui.desktop.
#
# Environment: PYTHON (default python3); XDG_DATA_HOME (default ~/.local/share);
# XDG_CONFIG_HOME (default ~/.config, where mimeapps.list holds the defaults). pip's own
# variables (PIP_INDEX_URL, PIP_NO_INDEX ...) pass through. FOPEGUI_NO_XDG=1 skips xdg-mime
# and uses the plain-file fallback (used by the tests; also for desktops without xdg-utils).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINUX_RES="$ROOT/resources/linux"
ICON_SVG="$ROOT/resources/icons/fopegui.svg"
PYTHON="${PYTHON:-python3}"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_DIR="$DATA/fopegui"
VENV="$APP_DIR/venv"
STATE="$APP_DIR/install.conf"
DESKTOP="$DATA/applications/fopegui.desktop"
ICON="$DATA/icons/hicolor/scalable/apps/fopegui.svg"
MIME_XML="$DATA/mime/packages/fopegui-mime.xml"
DEFAULT_TYPES=(message/rfc822 application/vnd.ms-outlook)  # what --default takes
# Every type fopegui.desktop declares: --uninstall takes fopegui out of mimeapps.list for all.
OPENED_TYPES=("${DEFAULT_TYPES[@]}" application/mbox application/vnd.ms-outlook-pst)
MIMEAPPS="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"  # where xdg-mime default writes

mode=venv
from="$ROOT"
uninstall=0
make_default=0
venv_args=()

die() { echo "install-linux-user: $*" >&2; exit 1; }
note() { echo "install-linux-user: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }
# xdg-mime (xdg-utils 1.1.3) splits paths at spaces and then writes elsewhere: only use it
# when the data directory has none.
use_xdg() { [[ "${FOPEGUI_NO_XDG:-0}" != 1 && "$DATA" != *[[:space:]]* ]] && have xdg-mime; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --venv) mode=venv ;;
        --user) mode=user ;;
        --desktop-only) mode=desktop ;;
        --from) [[ $# -ge 2 ]] || die "--from needs a value"; from="$2"; shift ;;
        --system-site-packages) venv_args+=(--system-site-packages) ;;
        --default) make_default=1 ;;
        --uninstall) uninstall=1 ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
    shift
done

refresh_desktop_db() {
    if have update-desktop-database; then
        update-desktop-database -q "$DATA/applications" || note "update-desktop-database failed (ignored)"
    fi
    if have gtk-update-icon-cache && [[ -f "$DATA/icons/hicolor/index.theme" ]]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

refresh_mime_db() {
    if have update-mime-database; then
        update-mime-database "$DATA/mime" || note "update-mime-database failed (ignored)"
    else
        note "update-mime-database not found: the .msg type is known after the next login"
    fi
}

# The value of KEY= in the install state file, or nothing.
state_value() {
    [[ -f "$STATE" ]] || return 0
    awk -v key="$1=" 'index($0, key) == 1 { print substr($0, length(key) + 1); exit }' "$STATE"
}

# The user's own default application for a MIME type in mimeapps.list, or nothing.
user_default() {
    [[ -f "$MIMEAPPS" ]] || return 0
    awk -v key="$1=" '/^\[/ { section = $0; next }
        section == "[Default Applications]" && index($0, key) == 1 {
            print substr($0, length(key) + 1); exit }' "$MIMEAPPS"
}

# "default.TYPE=APP" lines for the state file: the user's default before fopegui came, so
# that --uninstall can put it back after --default (or after the user chose fopegui in the
# desktop's own settings). The first install recorded it; later runs keep that record, as
# they may find fopegui.desktop itself there.
previous_defaults() {
    local type before
    for type in "${DEFAULT_TYPES[@]}"; do
        if [[ -f "$STATE" ]] && grep -qF "default.$type=" "$STATE"; then
            before="$(state_value "default.$type")"
        else
            before="$(user_default "$type")"
            [[ "$before" != fopegui.desktop ]] || before=""
        fi
        printf 'default.%s=%s\n' "$type" "$before"
    done
}

# Take fopegui.desktop out of mimeapps.list for our MIME types: in [Default Applications]
# the default recorded at install comes back (none recorded, as for mailboxes: the line goes,
# and the system's default applies again); from lists (GNOME's [Added Associations]) only our entry goes.
# Entries the user has changed since, and other MIME types, stay as they are.
restore_defaults() {
    [[ -f "$MIMEAPPS" ]] || return 0
    local type before="" edited
    for type in "${DEFAULT_TYPES[@]}"; do
        before+="$type=$(state_value "default.$type")"$'\n'
    done
    edited="$(awk -v types="${OPENED_TYPES[*]}" -v before="$before" '
        BEGIN {
            n = split(types, t, " "); for (i = 1; i <= n; i++) ours[t[i]] = 1
            n = split(before, b, "\n")
            for (i = 1; i <= n; i++) if ((eq = index(b[i], "=")) > 0)
                previous[substr(b[i], 1, eq - 1)] = substr(b[i], eq + 1)
        }
        /^\[/ { section = $0 }
        (eq = index($0, "=")) > 0 && (substr($0, 1, eq - 1) in ours) {
            key = substr($0, 1, eq - 1); kept = ""; found = 0
            n = split(substr($0, eq + 1), apps, ";")
            for (i = 1; i <= n; i++) {
                if (apps[i] == "fopegui.desktop") found = 1
                else if (apps[i] != "") kept = kept apps[i] ";"
            }
            if (found) {
                if (kept == "" && section == "[Default Applications]") kept = previous[key]
                if (kept != "") print key "=" kept
                next
            }
        }
        { print }' "$MIMEAPPS")"
    if [[ "$edited" != "$(<"$MIMEAPPS")" ]]; then
        printf '%s\n' "$edited" >"$MIMEAPPS"
        note "restored the default applications in $MIMEAPPS"
    fi
}

do_uninstall() {
    local recorded_mode=""
    [[ -f "$STATE" ]] && recorded_mode="$(sed -n 's/^mode=//p' "$STATE")"
    if [[ "$recorded_mode" == user || "$mode" == user ]]; then
        "$PYTHON" -m pip uninstall -y fopegui || note "pip uninstall failed (ignored)"
    fi
    rm -f "$DESKTOP" "$ICON"
    if use_xdg && [[ -f "$MIME_XML" ]]; then
        xdg-mime uninstall --mode user "$MIME_XML" || rm -f "$MIME_XML"
    fi
    if [[ -f "$MIME_XML" ]]; then
        rm -f "$MIME_XML"
        refresh_mime_db
    fi
    restore_defaults
    rm -rf "$VENV"
    rm -f "$STATE"
    rmdir "$APP_DIR" 2>/dev/null || true
    [[ -d "$DATA/applications" ]] && refresh_desktop_db
    note "fopegui removed"
}

# --system-site-packages when PYTHON itself runs in a venv: venv(8) would only share the
# base interpreter's packages, so also point the new venv at PYTHON's own site-packages.
share_site_packages() {
    local shared target
    shared="$("$PYTHON" -c 'import site, sys
if sys.prefix != sys.base_prefix:
    print("\n".join(site.getsitepackages()))')"
    [[ -n "$shared" ]] || return 0
    target="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
    printf '%s\n' "$shared" >"$target/fopegui-shared-site.pth"
}

install_python() {
    case "$mode" in
        venv)
            "$PYTHON" -m venv "${venv_args[@]}" "$VENV"
            [[ ${#venv_args[@]} -gt 0 ]] && share_site_packages
            "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade "$from"
            exec_path="$VENV/bin/fopegui"
            ;;
        user)
            "$PYTHON" -m pip install --disable-pip-version-check --user --upgrade "$from"
            exec_path="$("$PYTHON" -c 'import site; print(site.USER_BASE)')/bin/fopegui"
            ;;
        desktop)
            exec_path="$(command -v fopegui)" || die "--desktop-only: no fopegui on PATH"
            ;;
    esac
    [[ -x "$exec_path" ]] || die "installed, but $exec_path is missing"
}

# The Exec key has its own quoting rules; keep to paths that need none of its escapes.
desktop_exec() {
    case "$1" in
        *[\"\`\$\\]*) die "install path has a character the .desktop Exec key cannot hold: $1" ;;
        *" "*) printf '"%s"' "$1" ;;
        *) printf '%s' "$1" ;;
    esac
}

install_desktop() {
    mkdir -p "$DATA/applications" "$(dirname "$ICON")" "$APP_DIR"
    install -m 644 "$ICON_SVG" "$ICON"

    local exec_q line
    exec_q="$(desktop_exec "$exec_path")"
    while IFS= read -r line; do
        case "$line" in
            Exec=*) printf 'Exec=%s %%F\n' "$exec_q" ;;
            TryExec=*) printf 'TryExec=%s\n' "$exec_path" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done <"$LINUX_RES/fopegui.desktop" >"$DESKTOP"
    chmod 644 "$DESKTOP"
    if have desktop-file-validate; then
        desktop-file-validate "$DESKTOP" || note "warning: desktop-file-validate complained"
    fi

    if use_xdg && xdg-mime install --mode user --novendor "$LINUX_RES/fopegui-mime.xml" &&
        [[ -f "$MIME_XML" ]]; then
        :
    else
        mkdir -p "$(dirname "$MIME_XML")"
        install -m 644 "$LINUX_RES/fopegui-mime.xml" "$MIME_XML"
        refresh_mime_db
    fi
    refresh_desktop_db

    local defaults
    defaults="$(previous_defaults)"
    if [[ $make_default == 1 ]]; then
        if use_xdg; then
            xdg-mime default fopegui.desktop "${DEFAULT_TYPES[@]}"
        else
            note "--default needs xdg-mime (package xdg-utils) and a data path without spaces; skipped"
        fi
    fi
    printf 'mode=%s\nexec=%s\n%s\n' "$mode" "$exec_path" "$defaults" >"$STATE"
}

if [[ $uninstall == 1 ]]; then
    do_uninstall
    exit 0
fi

[[ -f "$LINUX_RES/fopegui.desktop" && -f "$ICON_SVG" ]] || die "resources not found under $ROOT"
install_python
install_desktop
note "installed: $exec_path"
note "menu entry: $DESKTOP"
