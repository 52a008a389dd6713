"""The documentation says what is there: links resolve, named files exist, and docs/cli.md
matches the command line and JSON the installed code really has.

docs/cli.md describes the whole contract, including parts other work is still building;
those carry the mark "*(in progress)*". The mark must go when the feature lands: a command,
option or JSON field that the code has and the doc still calls in progress fails here, as
does one the code has and the doc does not mention.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fopegui import cli
from fopegui.ui import app

REPO = Path(__file__).resolve().parent.parent
CLI_DOC = REPO / "docs" / "cli.md"
IN_PROGRESS = "*(in progress)*"
OPTION = r"--[a-z][a-z0-9-]*"
SAMPLES = REPO / "tests" / "data" / "samples"
# The Markdown a newcomer reads; generated and third-party trees are not ours to check.
DOCS = sorted(
    p
    for p in REPO.rglob("*.md")
    if not {".venv", "build", "dist", ".pytest_cache", "node_modules"} & set(p.parts)
)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# Paths in `code` that name something in this repository (first word of the span).
REPO_PATH = re.compile(
    r"`((?:\./)?(?:scripts|docs|packaging|tests|resources|benchmarks|\.ci)/[^`\s]*)"
)


def _without_code_blocks(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _without_code_blocks(path.read_text(encoding="utf-8"))
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*$", text, re.M)}


def test_docs_are_found() -> None:
    names = {p.relative_to(REPO).as_posix() for p in DOCS}
    assert {"README.md", "CHANGELOG.md", "docs/cli.md", "docs/INSTALL.md", "docs/I18N.md"} <= names


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_relative_links_resolve(doc: Path) -> None:
    broken = []
    for target in LINK.findall(_without_code_blocks(doc.read_text(encoding="utf-8"))):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ... not ours to check
            continue
        file_part, _, anchor = target.partition("#")
        path = (doc.parent / file_part).resolve() if file_part else doc
        if not path.exists():
            broken.append(f"{target}: no such file")
        elif REPO not in path.parents and path != REPO:
            broken.append(f"{target}: outside the repository")
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path):
            broken.append(f"{target}: no heading #{anchor} in {path.name}")
    assert not broken, f"{doc.relative_to(REPO)}: " + "; ".join(broken)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_named_repository_paths_exist(doc: Path) -> None:
    missing = []
    for name in REPO_PATH.findall(doc.read_text(encoding="utf-8")):
        name = name.partition("::")[0].rstrip(".,:;)")  # tests/x.py::test_y names a file too
        if any(c in name for c in "*<>{}…$"):  # a pattern or placeholder, not a path
            continue
        if not (REPO / name).exists():
            missing.append(name)
    assert not missing, f"{doc.relative_to(REPO)} names missing paths: {missing}"


def test_every_doc_is_reachable_from_the_readme() -> None:
    # A page nobody links to is a page nobody reads (docs/I18N.md was one). The READMEs
    # beside test data are read where they are.
    seen: set[Path] = set()
    todo = [REPO / "README.md"]
    while todo:
        doc = todo.pop()
        if doc in seen:
            continue
        seen.add(doc)
        for target in LINK.findall(_without_code_blocks(doc.read_text(encoding="utf-8"))):
            path = (doc.parent / target.partition("#")[0]).resolve()
            if path.suffix == ".md" and path.is_file():
                todo.append(path)
    pages = [p for p in DOCS if p.parent in (REPO, REPO / "docs")]
    unreachable = [p.relative_to(REPO).as_posix() for p in pages if p not in seen]
    assert not unreachable


# ---------------------------------------------------------------- docs/cli.md


def _sections(text: str, level: str) -> dict[str, str]:
    """Heading text → body, for headings of exactly ``level`` ("##" or "###")."""
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def _command_sections() -> dict[str, str]:
    """ "analyze" → its section of docs/cli.md (heading included, up to the next heading of
    the same level), and "" → the section on the `fopegui` app."""
    text = CLI_DOC.read_text(encoding="utf-8")
    out = {}
    for heading, body in _sections(text, "###").items():
        m = re.fullmatch(r"`fopegui-cli (\w+)`(.*)", heading)
        if m:
            out[m.group(1)] = heading + "\n" + re.split(r"^## ", body, flags=re.M)[0]
    app_heading = next(h for h in _sections(text, "##") if h.startswith("`fopegui` "))
    out[""] = _sections(text, "##")[app_heading]
    return out


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "fopegui.cli", *args, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _options(help_text: str) -> tuple[set[str], set[str]]:
    """The options and the choices a --help text prints."""
    options = set(re.findall(rf"(?<![\w-])({OPTION})", help_text))
    choices = {c for group in re.findall(r"\{([^}]+)\}", help_text) for c in group.split(",")}
    return options - {"--help"}, choices


def _pending(section: str, name: str) -> set[str]:
    """Names (regex ``name``, in backquotes) in the first cell of table rows marked in progress."""
    return {
        found
        for line in section.splitlines()
        if IN_PROGRESS in line and line.startswith("|")
        for found in re.findall(rf"`({name})", line.split("|")[1])
    }


def _documented_options(section: str) -> tuple[set[str], set[str]]:
    """Options a section mentions, and those its tables mark as in progress."""
    return set(re.findall(rf"`({OPTION})", section)), _pending(section, OPTION)


def test_cli_doc_has_every_command() -> None:
    sections = _command_sections()
    commands = set(_subparsers(cli.build_parser()))
    assert commands, "no sub-commands found in fopegui.cli"
    assert commands <= set(sections), "commands missing from docs/cli.md"
    top = _help()
    for name in commands:
        assert name in top  # what the doc is compared with is what --help shows
    for name, section in sections.items():
        heading = section.splitlines()[0]
        if name in commands:
            assert IN_PROGRESS not in heading, f"`{name}` has landed: drop its in-progress mark"
        elif name:
            assert IN_PROGRESS in heading, f"`{name}` is documented but not in fopegui-cli"


@pytest.mark.parametrize("command", sorted(_subparsers(cli.build_parser())))
def test_cli_doc_has_every_option_of(command: str) -> None:
    section = _command_sections()[command]
    options, choices = _options(_help(command))
    mentioned, pending = _documented_options(section)
    assert options - mentioned == set(), f"options of `{command}` missing from docs/cli.md"
    landed = options & pending
    assert not landed, f"{sorted(landed)} of `{command}` have landed: drop the in-progress mark"
    assert {c for c in choices if c not in section} == set(), "choices missing"


def test_cli_doc_has_every_option_of_the_app() -> None:
    section = _command_sections()[""]
    help_text = app.build_parser().format_help()
    options, choices = _options(help_text)
    mentioned, _ = _documented_options(section)
    assert options - mentioned == set()
    assert {c for c in choices if c not in section} == set()


def test_cli_doc_top_level_options() -> None:
    options, _ = _options(_help())
    text = CLI_DOC.read_text(encoding="utf-8")
    assert {o for o in options if f"`{o}`" not in text} == set()


def _keys(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, key) of every object key in a JSON value; name → value maps excluded."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key}".lstrip("."), key
            if f"{path}.{key}" != ".msg.properties":
                yield from _keys(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item, path)


def _json_fields(section: str) -> tuple[set[str], set[str]]:
    """Field names the section writes as `name`, and those in rows marked in progress."""
    mentioned = set(re.findall(r"`([a-z_@][\w.]*)`", section))
    mentioned |= set(re.findall(r'"([a-z_]+)":', section))  # the jsonc outline
    return mentioned, _pending(section, r"[a-z_]+(?=`)")


def _check_fields(output: dict | list, section: str) -> None:
    mentioned, pending = _json_fields(section)
    keys = dict(_keys(output))
    missing = sorted(p for p, k in keys.items() if k not in mentioned)
    assert not missing, f"JSON fields not in docs/cli.md: {missing}"
    landed = sorted(set(keys.values()) & pending)
    assert not landed, f"{landed} are in the output now: drop their in-progress mark"


def _cli_json(*args: str) -> object:
    proc = subprocess.run(
        [sys.executable, "-m", "fopegui.cli", *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode in (0, 1, 3), proc.stderr
    return json.loads(proc.stdout)


def test_cli_doc_has_every_report_field() -> None:
    section = _sections(CLI_DOC.read_text(encoding="utf-8"), "##")["The `analyze` report object"]
    files = [
        SAMPLES / "fope-spam-customspam.eml",
        SAMPLES / "ndr-backscatterer.eml",  # the ndr object
        SAMPLES / "eop-spam-authfail.eml",
        REPO / "tests" / "data" / "msg" / "EmailWithMsgAttachment.msg",  # the msg object
        REPO / "tests" / "data" / "no such file.eml",  # the error shape
    ]
    reports = _cli_json("analyze", "--format", "json", *map(str, files))
    assert isinstance(reports, list) and len(reports) == len(files)
    assert reports[-1]["error"]
    _check_fields(reports, section)


def test_cli_doc_has_every_dnsbl_field(dns_server) -> None:
    section = _sections(CLI_DOC.read_text(encoding="utf-8"), "##")["The `dnsbl` result object"]
    # A host name (the lookup object), a listing zone and an IPv4-only one (skipped IPv6).
    result = _cli_json(
        "dnsbl", "mail.hosts.test", "--zones", "listed.test,clean.test",
        "--nameserver", dns_server.spec, "--timeout", "3", "--format", "json",
    )  # fmt: skip
    assert isinstance(result, dict) and result["lookup"]
    _check_fields(result, section)


def test_cli_doc_exit_statuses_match_the_code() -> None:
    from fopegui.net import dnsbl

    text = CLI_DOC.read_text(encoding="utf-8")
    table = _sections(text, "##")["`fopegui-cli`"]
    for code in (dnsbl.EXIT_CLEAN, dnsbl.EXIT_LISTED, dnsbl.EXIT_USAGE, dnsbl.EXIT_INCONCLUSIVE):
        assert re.search(rf"^\| {code} \|", table, re.M), code


def test_docs_list_the_debian_packages_setup_env_installs() -> None:
    # README says what the two commands install; INSTALL.md gives the apt-get lines for
    # doing it by hand. Both must keep up with scripts/setup-env.
    script = (REPO / "scripts" / "setup-env").read_text(encoding="utf-8")
    packages = {
        name
        for group in re.findall(r"debian_packages\+?=\(([^)]*)\)", script)
        for name in group.split()
    }
    assert {"python3-venv", "libxcb-xinerama0", "unbound"} <= packages
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = (REPO / "docs" / "INSTALL.md").read_text(encoding="utf-8")
    assert {p for p in packages if f"`{p}`" not in readme} == set()
    assert {p for p in packages - {"unbound"} if not re.search(rf"\b{p}\b", install)} == set()
