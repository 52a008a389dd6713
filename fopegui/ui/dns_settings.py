"""DNS and blacklist settings in QSettings, read into the net layer's types.

Keys: ``dns/nameserver`` ("" = the system's resolver, else ``IP[:PORT]``), ``dns/timeout_s``
(one question), ``dns/deadline_s`` (a whole check), ``dnsbl/enabled`` (JSON object: zone →
on/off, only the user's changes from the catalogue defaults) and ``dnsbl/custom_zones``
(zones the user added). Only QSettings from Qt: the tab, the wizard, the settings dialog and
the benchmark share these readers, so every check asks the resolver the user chose.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.targets import is_zone_name
from fopegui.net.resolver import DEFAULT_DEADLINE_S, DEFAULT_TIMEOUT_S, ResolverConfig
from fopegui.ui.settings import LANGUAGE as LANGUAGE  # the app reads it before this module
from fopegui.ui.settings import language as language
from fopegui.ui.settings import set_language as set_language

NAMESERVER = "dns/nameserver"
TIMEOUT = "dns/timeout_s"
DEADLINE = "dns/deadline_s"
ENABLED = "dnsbl/enabled"
CUSTOM_ZONES = "dnsbl/custom_zones"

MIN_TIMEOUT_S, MAX_TIMEOUT_S = 0.1, 60.0


def _float(settings: QSettings, key: str, default: float) -> float:
    try:
        value = float(settings.value(key, default))  # INI files give strings back
    except (TypeError, ValueError):
        return default
    return min(MAX_TIMEOUT_S, max(MIN_TIMEOUT_S, value))


def nameserver(settings: QSettings) -> str:
    value = settings.value(NAMESERVER, "")
    return str(value).strip() if value else ""


def timeout_s(settings: QSettings) -> float:
    return _float(settings, TIMEOUT, DEFAULT_TIMEOUT_S)


def deadline_s(settings: QSettings) -> float:
    return _float(settings, DEADLINE, DEFAULT_DEADLINE_S)


def resolver_config_from_settings(settings: QSettings) -> ResolverConfig:
    """The resolver the user chose. Raises ValueError (a readable sentence) for a bad address."""
    return ResolverConfig.from_spec(nameserver(settings), timeout_s(settings), deadline_s(settings))


def enabled_overrides(settings: QSettings) -> dict[str, bool]:
    raw = settings.value(ENABLED, "")
    if not raw:
        return {}
    try:
        data = json.loads(str(raw))
    except ValueError:
        return {}  # a hand-edited, broken value: fall back to the catalogue defaults
    if not isinstance(data, dict):
        return {}
    return {str(k): bool(v) for k, v in data.items()}


def custom_zones(settings: QSettings) -> list[str]:
    value = settings.value(CUSTOM_ZONES)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)  # INI: one item comes as str
    zones = [cat.normalise_zone(str(z)) for z in items]
    # A hand-edited or older file may hold an IP address: a list is asked by zone name only.
    return list(dict.fromkeys(z for z in zones if is_zone_name(z)))


def all_lists_from_settings(settings: QSettings) -> list[DnsblList]:
    """Every list (catalogue order, then the user's zones) with ``enabled`` as configured."""
    return cat.lists(enabled_overrides(settings), custom_zones(settings))


def zones_from_settings(settings: QSettings) -> list[DnsblList]:
    """The lists a check queries: the enabled ones, Backscatterer first (catalogue order)."""
    return [lst for lst in all_lists_from_settings(settings) if lst.enabled]


def save_dns_settings(
    settings: QSettings,
    *,
    nameserver_spec: str,
    timeout: float,
    deadline: float,
    enabled: dict[str, bool],
    zones: list[str],
) -> None:
    """Store everything at once. ``enabled``: zone → on/off, kept only where it differs from
    the default (catalogue lists: the catalogue's; the user's zones: on), so a later catalogue
    change still reaches the lists the user never touched."""
    defaults = {lst.zone: lst.enabled_by_default for lst in cat.lists()}
    overrides = {
        cat.normalise_zone(k): bool(v)
        for k, v in enabled.items()
        if defaults.get(cat.normalise_zone(k), True) != bool(v)
    }
    settings.setValue(NAMESERVER, nameserver_spec.strip())
    settings.setValue(TIMEOUT, float(timeout))
    settings.setValue(DEADLINE, float(deadline))
    settings.setValue(ENABLED, json.dumps(overrides, sort_keys=True))
    settings.setValue(CUSTOM_ZONES, [cat.normalise_zone(z) for z in zones if z.strip()])
    settings.sync()
