"""The DNS blacklists the app knows, loaded from ``catalogue/dnsbl.json`` (no network here).

Public API:

- :func:`lists` — every list (catalogue order: Backscatterer first), with ``enabled`` resolved
  from the catalogue default, the user's overrides and the user's own zones.
- :func:`enabled_lists` — the same, only the enabled ones (what a check queries by default).
- :func:`by_zone` / :func:`for_zones` — catalogue entries for zone names, or custom entries for
  zones the catalogue does not know (``fopegui-cli dnsbl --zones``).
- :func:`lists_for_check` — the lists a check asks: those an NDR names first (always, even
  when switched off), then the configured ones.
- :func:`known_error_code` — meaning of an answer that is an error whatever the zone.
- :func:`covers_open_proxies` — whether the lists checked include one that lists open proxies.
- :func:`public_resolver` — the operator of a well-known public resolver address (Spamhaus
  refuses them; Barracuda answers registered resolvers only).
- :func:`message` — a bilingual message of the DNSBL engine, formatted; :func:`resolution` —
  a list's fix in its own terms; :func:`target_text` / :func:`address_class_text` — how a
  check target and an address class are described (language-free, core.texts).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from typing import Any

from fopegui.core import addresses, catalogue
from fopegui.core import texts as core_texts

Text = dict[str, str]
# The lists whose listings cover open proxies: DroneBL (its SOCKS/HTTP proxy codes) and
# Spamhaus ZEN (which includes the XBL), as the reputation "proxy_note" says.
OPEN_PROXY_ZONES = frozenset({"dnsbl.dronebl.org", "zen.spamhaus.org"})


@dataclass(frozen=True, slots=True)
class DnsblList:
    """One DNS blacklist zone and what its answers mean."""

    id: str
    zone: str
    name: str
    kind: str = "ip"
    status: str = "alive"  # "alive" | "dead"
    enabled_by_default: bool = False
    enabled: bool = False
    ipv6: bool = False  # the list publishes IPv6 (nibble) entries
    listing_codes: dict[str, Text] = field(default_factory=dict)
    error_codes: dict[str, Text] = field(default_factory=dict)
    test_listed: str | None = "127.0.0.2"
    test_not_listed: str | None = "127.0.0.1"
    lookup_url: str | None = None  # may contain "{ip}"
    delist_url: str | None = None
    notes: Text | None = None
    resolution: Text | None = None  # the fix for a listing, in the list's own terms
    refuses_public_resolvers: bool = False  # answers public resolvers with errors or not at all
    custom: bool = False  # added by the user: any 127.0.0.0/8 answer counts as a listing
    named: bool = False  # the NDR being read names this list (checked first, always)

    @property
    def dead(self) -> bool:
        return self.status == "dead"

    def listing_meaning(self, code: str, lang: str = "en") -> str | None:
        return catalogue.text(self.listing_codes.get(code), lang)

    def error_meaning(self, code: str, lang: str = "en") -> str | None:
        """Meaning of ``code`` as an error answer: the list's own, else a known global one."""
        own = catalogue.text(self.error_codes.get(code), lang)
        return own or known_error_code(code, lang)

    def note(self, lang: str = "en") -> str | None:
        return catalogue.text(self.notes, lang)

    def lookup_link(self, ip: str) -> str | None:
        return self.lookup_url.replace("{ip}", ip) if self.lookup_url else None


def _data() -> dict[str, Any]:
    return catalogue.load("dnsbl")


def _from_entry(entry: dict[str, Any]) -> DnsblList:
    tests = entry.get("test_points") or {}
    return DnsblList(
        id=entry["id"],
        zone=normalise_zone(entry["zone"]),
        name=entry.get("name") or entry["zone"],
        kind=entry.get("kind", "ip"),
        status=entry.get("status", "alive"),
        enabled_by_default=bool(entry.get("enabled_by_default")),
        enabled=bool(entry.get("enabled_by_default")),
        ipv6=bool(entry.get("ipv6")),
        listing_codes=dict(entry.get("listing_codes") or {}),
        error_codes=dict(entry.get("error_codes") or {}),
        test_listed=tests.get("listed"),
        test_not_listed=tests.get("not_listed"),
        lookup_url=entry.get("lookup_url"),
        delist_url=entry.get("delist_url"),
        notes=entry.get("notes"),
        resolution=entry.get("resolution"),
        refuses_public_resolvers=bool(entry.get("refuses_public_resolvers")),
    )


def normalise_zone(zone: str) -> str:
    """``" Zen.Spamhaus.org. "`` → ``zen.spamhaus.org`` (case, blanks and dots dropped)."""
    return zone.strip().strip(".").lower()


def custom_list(zone: str, enabled: bool = True) -> DnsblList:
    """An entry for a zone the catalogue does not know (user-added)."""
    zone = normalise_zone(zone)
    return DnsblList(
        id=f"custom:{zone}",
        zone=zone,
        name=zone,
        enabled_by_default=False,
        enabled=enabled,
        ipv6=True,  # unknown: ask, an NXDOMAIN is then the list's own answer
        custom=True,
    )


def lists(
    enabled_overrides: dict[str, bool] | None = None,
    custom_zones: list[str] | None = None,
) -> list[DnsblList]:
    """All lists in catalogue order, then the user's zones.

    ``enabled_overrides`` maps a list id (or zone) to on/off as chosen in the settings;
    ``custom_zones`` are zones the user added (enabled unless overridden). A custom zone that
    the catalogue already has simply enables that entry.
    """
    overrides = {k.lower(): v for k, v in (enabled_overrides or {}).items()}
    result: list[DnsblList] = []
    for entry in _data()["lists"]:
        lst = _from_entry(entry)
        on = overrides.get(lst.id, overrides.get(lst.zone, lst.enabled_by_default))
        result.append(replace(lst, enabled=bool(on)))
    known = {lst.zone: i for i, lst in enumerate(result)}
    for zone in custom_zones or []:
        zone = normalise_zone(zone)
        if not zone:
            continue
        if zone in known:
            i = known[zone]
            result[i] = replace(result[i], enabled=bool(overrides.get(zone, True)))
            continue
        lst = custom_list(
            zone, enabled=bool(overrides.get(zone, overrides.get(f"custom:{zone}", True)))
        )
        known[zone] = len(result)
        result.append(lst)
    return result


def enabled_lists(
    enabled_overrides: dict[str, bool] | None = None,
    custom_zones: list[str] | None = None,
) -> list[DnsblList]:
    """The lists a check queries when the caller names none."""
    return [lst for lst in lists(enabled_overrides, custom_zones) if lst.enabled]


def by_zone(zone: str) -> DnsblList | None:
    """The catalogue entry for ``zone`` (enabled), or None when the catalogue lacks it."""
    zone = normalise_zone(zone)
    for lst in lists():
        if lst.zone == zone:
            return replace(lst, enabled=True)
    return None


def by_id(list_id: str) -> DnsblList | None:
    return next((lst for lst in lists() if lst.id == list_id), None)


def for_zones(zones: list[str]) -> list[DnsblList]:
    """Entries for explicitly named zones: catalogue ones where known, custom otherwise."""
    seen: set[str] = set()
    out: list[DnsblList] = []
    for zone in zones:
        zone = normalise_zone(zone)
        if not zone or zone in seen:
            continue
        seen.add(zone)
        out.append(by_zone(zone) or custom_list(zone))
    return out


def find_zone(text: str) -> DnsblList | None:
    """The catalogue list whose zone is ``text`` or a parent of it (for zones quoted in NDRs)."""
    name = normalise_zone(text)
    for lst in lists():
        if name == lst.zone or name.endswith("." + lst.zone):
            return lst
    return None


def lists_for_check(configured: list[DnsblList], named_zones: list[str]) -> list[DnsblList]:
    """The lists a check asks: every list ``named_zones`` names (an NDR's), first and in that
    order — the catalogue entry even when switched off, else an entry for the unknown zone —
    marked ``named``; then ``configured`` (settings, ``--zones``) in its own order."""
    out: list[DnsblList] = []
    seen: set[str] = set()
    for name in named_zones:
        lst = find_zone(name) or custom_list(name)
        if lst.zone not in seen:
            seen.add(lst.zone)
            configured_entry = next((c for c in configured if c.zone == lst.zone), None)
            out.append(replace(configured_entry or lst, enabled=True, named=True))
    out += [lst for lst in configured if lst.zone not in seen]
    return out


def public_resolver(ip: str | None) -> str | None:
    """The operator of ``ip`` when it is a well-known public resolver (8.8.8.8 → Google)."""
    canonical = addresses.normalise(ip)
    return _data().get("public_resolvers", {}).get(canonical) if canonical else None


def covers_open_proxies(zones: set[str] | list[str]) -> bool:
    """Whether a check of ``zones`` asked a list that lists open proxies."""
    return any(normalise_zone(zone) in OPEN_PROXY_ZONES for zone in zones)


def refusing_lists(lists_: list[DnsblList]) -> list[DnsblList]:
    """Those of ``lists_`` that refuse queries from public resolvers."""
    return [lst for lst in lists_ if lst.refuses_public_resolvers]


def resolution(lst: DnsblList) -> core_texts.Localized:
    """The fix for a listing on ``lst``, in that list's own terms (language-free)."""
    if lst.resolution:
        return lst.resolution
    return core_texts.Text(_data()["messages"]["resolution_unknown_list"], {"zone": lst.zone})


def address_class_text(address_class: str) -> core_texts.Localized:
    """The name of an address class (core.addresses) for a sentence."""
    return _data()["address_classes"].get(address_class, address_class)


def target_text(target) -> core_texts.Localized:
    """Where a check target (core.targets.Target) came from, as a phrase."""
    entries = _data()["targets"]
    source = target.source
    if source == "ndr":
        key = "ndr" if target.zone else "ndr_no_zone"
    elif source == "resolved":
        key = "resolved_typed" if target.via == "typed" else "resolved"
    else:
        key = source if source in entries else "typed"
    params = {"zone": target.zone, "host": target.host or "?", "hop": target.hop}
    return core_texts.Text(entries[key], params)


def excluded_text(target) -> core_texts.Localized:
    """Why an excluded target (core.targets) is not checked."""
    key = "excluded_resolved" if target.source == "resolved" else "excluded_address"
    params = {
        "ip": target.ip,
        "host": target.host,
        "address_class": address_class_text(target.address_class),
    }
    return core_texts.Text(_data()["messages"][key], params)


def known_error_code(code: str, lang: str = "en") -> str | None:
    """Meaning of an answer that is an error for every zone (e.g. Spamhaus 127.255.255.254)."""
    return catalogue.text(_data().get("error_codes", {}).get(code), lang)


def message(key: str, lang: str = "en", **values: Any) -> str:
    """A DNSBL engine message in ``lang`` with ``{placeholders}`` filled in."""
    return _format(_data()["messages"][key], lang, values)


def reputation_message(key: str, lang: str = "en", **values: Any) -> str:
    """A sender-reputation message in ``lang`` with ``{placeholders}`` filled in."""
    return _format(_data()["reputation"][key], lang, values)


def _format(entry: Text, lang: str, values: dict[str, Any]) -> str:
    template = catalogue.text(entry, lang) or ""
    return template.format(**values) if values else template


def is_loopback_v4(code: str) -> bool:
    """True for an IPv4 answer inside 127.0.0.0/8 (where DNSBL return codes live)."""
    try:
        addr = ipaddress.ip_address(code)
    except ValueError:
        return False
    return addr.version == 4 and addr in ipaddress.ip_network("127.0.0.0/8")
