"""``fopegui-cli dnsbl TARGET``: check an IP or host name on DNS blacklists (CONTRACT.md).

Exit status: 0 not listed anywhere that answered and nothing unknown; 1 listed somewhere;
3 inconclusive (nothing listed, something error/unknown, or nothing could be checked); 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from fopegui.core import dnsbl_catalogue as cat
from fopegui.net import dnsbl
from fopegui.net.resolver import DEFAULT_DEADLINE_S, ResolverConfig, parse_nameserver


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "dnsbl",
        help="check an IP address or host name on DNS blacklists",
        description="Check TARGET (IPv4/IPv6 address or host name, resolved first) on DNS "
        "blacklists: Backscatterer first, then the enabled lists of the catalogue.",
    )
    p.add_argument("target", metavar="TARGET", help="IPv4/IPv6 address or host name")
    p.add_argument(
        "--zones", metavar="Z1,Z2", help="comma-separated zones instead of the catalogue"
    )
    p.add_argument(
        "--nameserver", metavar="IP[:PORT]", help="resolver to ask (default: the system's)"
    )
    p.add_argument(
        "--timeout",
        metavar="SEC",
        type=float,
        default=DEFAULT_DEADLINE_S,
        help=f"overall deadline in seconds (default {DEFAULT_DEADLINE_S:g})",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("en", "ja"), default="en", help="language of the texts")
    return p


def run(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
    except ValueError as exc:
        print(f"fopegui-cli dnsbl: {exc}", file=sys.stderr)
        return dnsbl.EXIT_USAGE
    target = args.target.strip()
    if not dnsbl.is_ip(target) and not dnsbl.valid_hostname(target):
        print(
            f"fopegui-cli dnsbl: {target!r} is neither an IP address nor a host name",
            file=sys.stderr,
        )
        return dnsbl.EXIT_USAGE
    zones = None
    if args.zones is not None:
        names = [z for z in (s.strip() for s in args.zones.split(",")) if z]
        if not names or not all(dnsbl.valid_hostname(z) for z in names):
            print(f"fopegui-cli dnsbl: bad --zones value {args.zones!r}", file=sys.stderr)
            return dnsbl.EXIT_USAGE
        zones = cat.for_zones(names)
    report = dnsbl.run_check(target, zones, config, lang=args.lang)
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(report, args.lang))
    return report.exit_code


def _config(args: argparse.Namespace) -> ResolverConfig:
    if not args.timeout > 0 or args.timeout > 300:
        raise ValueError("--timeout must be more than 0 and at most 300 seconds")
    # One deadline for the whole check; a single question may use all of it.
    if args.nameserver:
        host, port = parse_nameserver(args.nameserver)
        return ResolverConfig((host,), port or 53, args.timeout, args.timeout)
    return ResolverConfig((), 53, args.timeout, args.timeout)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def status_label(status: str, lang: str = "en") -> str:
    """The status as shown in the table; listings in capitals so they stand out."""
    label = cat.message(f"status_{status}", lang)
    return label.upper() if status == "listed" else label


def render_text(report: dnsbl.DnsblReport, lang: str = "en") -> str:
    """A readable table: the DNS lookup step, then one row per list and IP, then a summary."""
    out: list[str] = [f"Target: {report.target}"]
    if report.lookup:
        out.append(f"DNS lookup: {report.lookup.detail}")
    if report.ips:
        out.append(f"IP addresses: {', '.join(report.ips)}")
    resolver = report.config.describe()
    servers = ", ".join(resolver["nameservers"]) or "(none)"
    out.append(
        f"Resolver: {servers} port {resolver['port']}, deadline {resolver['deadline_s']:g} s"
    )
    out.append("")
    headers = ["List", "Zone", "IP", "Status", "Codes", "Meaning"]
    rows = [
        [r.name or r.zone, r.zone, r.ip, status_label(r.status, lang), ",".join(r.codes) or "-",
         r.detail or ""]
        for r in report.results
    ]  # fmt: skip
    if rows:
        widths = [max(_width(row[i]) for row in [headers, *rows]) for i in range(5)]
        for row in [headers, ["-" * w for w in widths] + ["-------"], *rows]:
            out.append(
                "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5]
            )
    for r in report.results:
        if r.status == "listed" and (r.txt or r.lookup_url):
            out.append(f"  {r.zone} {r.ip}: {r.txt or ''} {r.lookup_url or ''}".rstrip())
    for s in report.skipped:
        out.append(f"Skipped {s.zone} for {s.ip}: {s.reason}")
    s = report.summary
    out.append("")
    out.append(
        f"Summary: {s['listed']} listed, {s['not_listed']} not listed, {s['error']} error, "
        f"{s['unknown']} unknown ({report.elapsed_ms / 1000.0:.2f} s, checked {report.checked_at})"
    )
    return "\n".join(out) + "\n"
