"""scripts/setup-env (behind ./run-app, ./run-tests and .ci/run), run for real in a scratch
copy of the repository with stand-ins for python, pip, dpkg-query, apt-get and id.

What it must do: install only when .venv is missing or pyproject.toml changed (a stamp), so a
second start calls no pip at all; say in one sentence what to install when it cannot become
root; and never let apt-get start or enable a service (a temporary policy-rc.d and preset).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Every outside command the script runs; the stand-ins below come first on PATH. sudo is
# left out on purpose: a machine without it is one of the cases.
REAL_TOOLS = ("bash", "dirname", "sha256sum", "cut", "sed", "grep", "rm", "mkdir", "tee", "chmod")

FAKE_PYTHON = r"""#!/bin/bash
# Stand-in for .venv/bin/python: logs pip calls, "imports" fopegui unless told it is broken.
[ -e "$FAKE_STATE/broken" ] && exit 1
if [ "$1 $2" = "-m pip" ]; then
  echo "pip ${*:3}" >>"$FAKE_STATE/log"
  exit "${FAKE_PIP_RC:-0}"
fi
exit 0
"""
FAKE_BASE_PYTHON = r"""#!/bin/bash
# Stand-in for the system python3: `-m venv [--clear] DIR` makes a venv holding FAKE_PYTHON.
echo "venv ${*:3}" >>"$FAKE_STATE/log"
dir="${!#}"
mkdir -p "$dir/bin"
printf '%s\n' "$(<"$FAKE_STATE/python")" >"$dir/bin/python"  # builtins only: PATH is bare
chmod 755 "$dir/bin/python"
rm -f "$FAKE_STATE/broken"
"""
FAKE_DPKG_QUERY = r"""#!/bin/bash
# Stand-in for dpkg-query -W -f=...: every package is installed except those in FAKE_MISSING.
shift 2
for pkg in "$@"; do
  case " $FAKE_MISSING " in *" $pkg "*) ;; *) echo "$pkg installed" ;; esac
done
"""
FAKE_APT_GET = r"""#!/bin/bash
# Stand-in for apt-get: records what would stop services from starting while it runs.
policy="$FOPEGUI_APT_ROOT/usr/sbin/policy-rc.d"
echo "apt-get $*" >>"$FAKE_STATE/log"
if [ "$1" = install ]; then
  if [ -x "$policy" ]; then
    "$policy" unbound start; echo "policy-rc.d exit $?" >>"$FAKE_STATE/log"
  fi
  for preset in "$FOPEGUI_APT_ROOT"/etc/systemd/system-preset/*.preset; do
    [ -f "$preset" ] && printf '%s\n' "$(<"$preset")" >>"$FAKE_STATE/log"
  done
  exit "${FAKE_APT_RC:-0}"
fi
"""
FAKE_ID = '#!/bin/bash\necho "${FAKE_UID:-0}"\n'
PIP = "pip install -q --disable-pip-version-check -e ."
VENV = "venv --clear .venv"


@dataclass
class Env:
    repo: Path
    state: Path
    root: Path  # FOPEGUI_APT_ROOT
    env: dict[str, str]

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(self.repo / "scripts" / "setup-env"), *args],
            env={**self.env, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )

    def log(self) -> list[str]:
        path = self.state / "log"
        lines = path.read_text().splitlines() if path.exists() else []
        path.unlink(missing_ok=True)
        return lines

    @property
    def stamp(self) -> Path:
        return self.repo / ".venv" / ".fopegui-installed"

    @property
    def policy(self) -> Path:
        return self.root / "usr" / "sbin" / "policy-rc.d"


def _script(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o755)
    return path


@pytest.fixture
def setup_env(tmp_path: Path) -> Env:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "setup-env", repo / "scripts" / "setup-env")
    shutil.copy2(REPO / "pyproject.toml", repo / "pyproject.toml")
    state = tmp_path / "state"
    state.mkdir()
    _script(state / "python", FAKE_PYTHON)
    fake = tmp_path / "fakebin"
    fake.mkdir()
    _script(fake / "dpkg-query", FAKE_DPKG_QUERY)
    _script(fake / "apt-get", FAKE_APT_GET)
    _script(fake / "id", FAKE_ID)
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in REAL_TOOLS:
        found = shutil.which(name)
        assert found, name
        (tools / name).symlink_to(found)
    root = tmp_path / "root"
    (root / "usr" / "sbin").mkdir(parents=True)
    env = {
        "PATH": f"{fake}:{tools}",
        "PYTHON": str(_script(tmp_path / "python3", FAKE_BASE_PYTHON)),
        "FAKE_STATE": str(state),
        "FOPEGUI_APT_ROOT": str(root),
        "LC_ALL": "C",
    }
    return Env(repo, state, root, env)


def test_installs_once_then_starts_without_pip(setup_env: Env) -> None:
    first = setup_env.run()
    assert first.returncode == 0, first.stderr
    assert setup_env.log() == [VENV, PIP]
    assert "extras=\n" in setup_env.stamp.read_text()

    again = setup_env.run()
    assert again.returncode == 0, again.stderr
    assert setup_env.log() == []  # no pip, no venv: works with the package index unreachable
    assert again.stderr == ""


def test_test_extra_installs_once_and_covers_the_app(setup_env: Env) -> None:
    assert setup_env.run().returncode == 0
    setup_env.log()
    # The stamp is for the plain install: the tests' tools still have to come.
    assert setup_env.run("test").returncode == 0
    assert setup_env.log() == [f"{PIP}[test]"]
    assert "extras=test\n" in setup_env.stamp.read_text()
    assert setup_env.run("test").returncode == 0
    assert setup_env.run().returncode == 0  # the app after the tests: nothing to do
    assert setup_env.log() == []


def test_changed_pyproject_reinstalls(setup_env: Env) -> None:
    assert setup_env.run("test").returncode == 0
    setup_env.log()
    pyproject = setup_env.repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n# a new dependency, say\n")
    assert setup_env.run().returncode == 0
    assert setup_env.log() == [PIP]
    assert setup_env.run().returncode == 0
    assert setup_env.log() == []


def test_broken_venv_is_rebuilt(setup_env: Env) -> None:
    assert setup_env.run().returncode == 0
    setup_env.log()
    (setup_env.state / "broken").touch()  # e.g. the Python it was made with was removed
    assert setup_env.run().returncode == 0
    assert setup_env.log() == [VENV, PIP]


def test_failed_install_leaves_no_stamp(setup_env: Env) -> None:
    failed = setup_env.run(FAKE_PIP_RC="1")
    assert failed.returncode == 1
    assert "package index" in failed.stderr
    assert not setup_env.stamp.exists()
    setup_env.log()
    assert setup_env.run().returncode == 0
    assert setup_env.log() == [PIP]


def test_not_root_without_sudo_says_what_to_install(setup_env: Env) -> None:
    proc = setup_env.run("test", FAKE_UID="1000", FAKE_MISSING="unbound libxcb-cursor0")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1  # one sentence, not a trace
    assert "fopegui needs these Debian packages: libxcb-cursor0 unbound;" in proc.stderr
    assert "apt-get install --no-install-recommends libxcb-cursor0 unbound" in proc.stderr
    assert setup_env.log() == []  # neither apt-get nor pip


def test_not_root_without_sudo_is_fine_when_nothing_is_missing(setup_env: Env) -> None:
    proc = setup_env.run("test", FAKE_UID="1000")
    assert proc.returncode == 0, proc.stderr
    assert not any(line.startswith("apt-get") for line in setup_env.log())


def test_apt_get_runs_with_services_held(setup_env: Env) -> None:
    proc = setup_env.run("test", FAKE_MISSING="unbound")
    assert proc.returncode == 0, proc.stderr
    log = setup_env.log()
    install = "apt-get install -y -qq --no-install-recommends unbound"
    assert log[:2] == ["apt-get update -qq", install]
    assert "policy-rc.d exit 101" in log  # invoke-rc.d / deb-systemd-invoke: do not start
    assert {"disable unbound.service", "disable unbound-resolvconf.service"} <= set(log)
    assert not setup_env.policy.exists()  # both removed afterwards
    assert not list((setup_env.root / "etc" / "systemd" / "system-preset").iterdir())


def test_failed_apt_get_still_removes_the_policy(setup_env: Env) -> None:
    proc = setup_env.run("test", FAKE_MISSING="unbound", FAKE_APT_RC="100")
    assert proc.returncode == 100
    assert "policy-rc.d exit 101" in setup_env.log()
    assert not setup_env.policy.exists()
    assert not list((setup_env.root / "etc" / "systemd" / "system-preset").iterdir())
    assert not setup_env.stamp.exists()


def test_an_existing_policy_rc_d_is_left_alone(setup_env: Env) -> None:
    mine = "#!/bin/sh\n# the admin's own\nexit 101\n"
    _script(setup_env.policy, mine)
    proc = setup_env.run("test", FAKE_MISSING="unbound")
    assert proc.returncode == 0, proc.stderr
    assert "policy-rc.d exit 101" in setup_env.log()
    assert setup_env.policy.read_text() == mine


@pytest.mark.parametrize("script", ["run-app", "run-tests", ".ci/run", "scripts/setup-env"])
def test_entry_scripts_parse_and_are_executable(script: str) -> None:
    path = REPO / script
    subprocess.run(["bash", "-n", str(path)], check=True)
    assert os.access(path, os.X_OK)
