"""``fopegui-cli dnsbl TARGET`` / ``dnsbl --from FILE``: DNS blacklist checks (CONTRACT.md).

``TARGET`` is an IP address or a host name. ``--from FILE`` is KB2590562 from a message
(usually the NDR a user got): the targets are those core.targets chooses — the IPs the NDR
names as blocked, the outbound edge IP the external hop recorded, never a private address —
and the lists the NDR names are checked first, always, with their fix in their own terms.

Exit status: 0 not listed anywhere that answered and nothing unknown; 1 listed somewhere;
3 inconclusive (nothing listed, something error/unknown, or nothing could be checked); 2 usage.
Everything from a message or a DNS answer is printed terminal-safe (core.visible.printable).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from fopegui.commands import SUMMARIES
from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.targets import TargetPlan, is_zone_name, plan_for_report
from fopegui.core.texts import render
from fopegui.core.visible import printable
from fopegui.net import dnsbl
from fopegui.net.resolver import DEFAULT_DEADLINE_S, ResolverConfig, parse_nameserver


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "dnsbl",
        help=SUMMARIES["dnsbl"],
        description="Check TARGET (IPv4/IPv6 address or host name, resolved first) on DNS "
        "blacklists: Backscatterer first, then the enabled lists of the catalogue. With "
        "--from FILE, check what KB2590562 asks about a message (an NDR): the IPs it names as "
        "blocked and the outbound edge IP, on the lists it names first.",
    )
    p.add_argument("target", metavar="TARGET", nargs="?", help="IPv4/IPv6 address or host name")
    p.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        help="take the targets and lists from a message (.eml, .msg or headers), e.g. an NDR",
    )
    p.add_argument(
        "--hops",
        action="store_true",
        help="with --from: also check every public IP of the Received chain",
    )
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


def _usage(message: str) -> int:
    print(f"fopegui-cli dnsbl: {printable(message)}", file=sys.stderr)
    return dnsbl.EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
    except ValueError as exc:
        return _usage(str(exc))
    if (args.target is None) == (args.from_file is None):
        return _usage("give either TARGET or --from FILE")
    if args.hops and args.from_file is None:
        return _usage("--hops needs --from FILE")
    zones = None
    if args.zones is not None:
        names = [z for z in (s.strip() for s in args.zones.split(",")) if z]
        if not names or not all(is_zone_name(z) for z in names):
            return _usage(f"bad --zones value {args.zones!r}")
        zones = cat.for_zones(names)
    if args.from_file is not None:
        return _run_from(args, config, zones)
    target = args.target.strip()
    if not dnsbl.is_ip(target) and not dnsbl.valid_hostname(target):
        return _usage(f"{target!r} is neither an IP address nor a host name")
    report = dnsbl.run_check(target, zones, config, lang=args.lang)
    _emit(args, report.to_json(), lambda: render_text(report, args.lang))
    return report.exit_code


def _run_from(args: argparse.Namespace, config: ResolverConfig, zones) -> int:
    from fopegui.core.analyze import analyze_path

    report = analyze_path(args.from_file)
    if report.error:
        return _usage(f"{args.from_file}: {render(report.error, args.lang)}")
    plan = plan_for_report(report, hops=args.hops)
    configured = cat.enabled_lists() if zones is None else zones
    lists = cat.lists_for_check(configured, plan.zones)
    checked = dnsbl.run_check(plan, lists, config, lang=args.lang, label=args.from_file)
    data = checked.to_json()
    data["from"] = from_json(args.from_file, report, plan)
    data["resolution"] = resolution_json(checked, lists, args.lang)

    def text() -> str:
        return render_from(args.from_file, plan, report, args.lang) + render_text(
            checked, args.lang, data["resolution"]
        )

    _emit(args, data, text)
    return checked.exit_code


def _emit(args: argparse.Namespace, data: dict, text) -> None:
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text())


def from_json(path: str, report, plan: TargetPlan) -> dict:
    """The ``from`` object of ``dnsbl --from``: the file, its outbound edge, the NDR's listings."""
    edge = plan.edge
    listings = getattr(report.ndr, "listings", None) or []
    return {
        "path": path,
        "edge": {
            "host": edge.host if edge else None,
            "ip": edge.ip if edge and edge.address_class in ("public", "documentation") else None,
        },
        "ndr_listings": [x.to_json() for x in listings],
    }


def resolution_json(report: dnsbl.DnsblReport, lists, lang: str) -> list[dict]:
    """The fix for each list that is listed or that the NDR names, in its own terms."""
    listed = {r.zone for r in report.results if r.status == "listed"}
    return [
        {"zone": lst.zone, "list_id": lst.id, "text": render(cat.resolution(lst), lang)}
        for lst in lists
        if lst.named or lst.zone in listed
    ]


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


def render_from(path: str, plan: TargetPlan, report, lang: str) -> str:
    """What ``--from`` read from the message, before the table."""
    out = [f"From: {printable(path)}"]
    edge = plan.edge
    if edge is not None:
        recorded = edge.ip if edge.address_class in ("public", "documentation") else None
        address = recorded or "no public address recorded"
        out.append(f"Outbound edge: {printable(edge.host)} ({printable(address)})")
    for listing in getattr(report.ndr, "listings", None) or []:
        named = printable(listing.list_name or listing.zone or "a blacklist")
        ip = printable(listing.ip) if listing.ip else "(the NDR names no IP)"
        out.append(f"NDR: {ip} blocked by {named}")
    if plan.empty:
        out.append("Nothing to check: the message names no blocked IP, no public outbound edge "
                   "IP and no host name to look up.")  # fmt: skip
    return "\n".join(out) + "\n"


def render_text(
    report: dnsbl.DnsblReport, lang: str = "en", resolution: list[dict] | None = None
) -> str:
    """A readable table: the DNS lookup step, then one row per list and IP, then a summary."""
    out: list[str] = [f"Target: {printable(report.target)}"]
    for lookup in report.lookups:
        out.append(f"DNS lookup: {printable(lookup.detail)}")
    for target in report.targets:
        out.append(f"Checked: {target.ip} — {printable(render(cat.target_text(target), lang))}")
    for _target, why in report.excluded:
        out.append(f"Not checked: {printable(why)}")
    resolver = report.config.describe()
    servers = ", ".join(resolver["nameservers"]) or "(none)"
    out.append(
        f"Resolver: {servers} port {resolver['port']}, deadline {resolver['deadline_s']:g} s"
    )
    out.append("")
    headers = ["List", "Zone", "IP", "Status", "Codes", "Meaning"]
    rows = [
        [printable(r.name or r.zone), printable(r.zone), r.ip, status_label(r.status, lang),
         printable(",".join(r.codes) or "-"), printable(r.detail or "")]
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
            txt = printable(r.txt) if r.txt else ""
            out.append(f"  {r.zone} {r.ip}: {txt} {printable(r.lookup_url or '')}".rstrip())
    for s in report.skipped:
        out.append(f"Skipped {s.zone} for {s.ip}: {printable(s.reason)}")
    for item in resolution or []:
        out.append("")
        out.append(f"What to do ({item['zone']}): {printable(item['text'])}")
    s = report.summary
    out.append("")
    out.append(
        f"Summary: {s['listed']} listed, {s['not_listed']} not listed, {s['error']} error, "
        f"{s['unknown']} unknown ({report.elapsed_ms / 1000.0:.2f} s, checked {report.checked_at})"
    )
    return "\n".join(out) + "\n"
