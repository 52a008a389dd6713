"""`fopegui-cli`: the engine for scripts and batch work (see shared CONTRACT.md)."""

from __future__ import annotations

import argparse
import importlib
import sys

from fopegui import __version__

# Sub-command modules in fopegui.commands; each has add_parser(subparsers) and run(args) -> int.
COMMANDS = ("analyze", "dnsbl", "submit", "triage")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fopegui-cli",
        description="Analyse Microsoft FOPE / EOP filtering headers, check DNS blacklists, "
        "prepare false-positive submissions.",
    )
    parser.add_argument("--version", action="version", version=f"fopegui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"fopegui.commands.{name}").add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        return 2
    module = importlib.import_module(f"fopegui.commands.{args.command}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
