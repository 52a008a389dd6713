"""The diagnosis rule engine: facts of a message in, the first matching rule of rules.json out.

Rules are data (catalogue/rules.json), in order of precedence; this module only knows how to
compare a rule's ``when`` with the facts. A condition is a value (equality, strings compared
case-insensitively), a list (one of), ``{"min": …, "max": …}`` (numbers), ``null`` (absent)
or ``{"not": condition}``; ``any`` and ``all`` combine nested ``when`` objects.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from fopegui.core import catalogue

RULES: dict[str, Any] = catalogue.load("rules")


def _norm(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


def _holds(condition: Any, value: Any) -> bool:
    if condition is None:
        return value is None
    if isinstance(condition, list):
        return _norm(value) in {_norm(c) for c in condition}
    if isinstance(condition, dict):
        if "not" in condition:
            return not _holds(condition["not"], value)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        low, high = condition.get("min"), condition.get("max")
        return (low is None or value >= low) and (high is None or value <= high)
    if isinstance(condition, bool) or isinstance(value, bool):
        return condition is value
    return _norm(condition) == _norm(value)


def matches(when: dict[str, Any], facts: dict[str, Any]) -> bool:
    """Whether every condition of ``when`` holds for ``facts`` (a missing fact is None)."""
    for key, condition in when.items():
        if key == "any":
            if not any(matches(sub, facts) for sub in condition):
                return False
        elif key == "all":
            if not all(matches(sub, facts) for sub in condition):
                return False
        elif not _holds(condition, facts.get(key)):
            return False
    return True


def first_match(facts: dict[str, Any]) -> dict[str, Any]:
    """The deciding rule: the first whose conditions hold (the last rule matches anything)."""
    for rule, test in _compiled(id(RULES["rules"])):
        if test(facts):
            return rule
    raise LookupError("rules.json must end with a rule that matches everything")


# Every message runs through the rules, most of them through all 32: each ``when`` is turned
# into a predicate once, with the case-folded option sets built in advance. Same semantics
# as matches() / _holds() above (the tests compare the two).

Predicate = Callable[[Any], bool]


@cache
def _compiled(_rules_id: int) -> tuple[tuple[dict[str, Any], Callable[[dict], bool]], ...]:
    return tuple((rule, _compile_when(rule["when"])) for rule in RULES["rules"])


def _compile_when(when: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    checks = tuple((key, _compile_condition(condition)) for key, condition in when.items()
                   if key not in ("any", "all"))  # fmt: skip
    groups = tuple((key == "any", tuple(_compile_when(sub) for sub in when[key]))
                   for key in ("any", "all") if key in when)  # fmt: skip

    def test(facts: dict[str, Any]) -> bool:
        get = facts.get
        for key, holds in checks:  # plain loops: no generator made per rule and message
            if not holds(get(key)):
                return False
        for is_any, subs in groups:
            if is_any:
                for sub in subs:
                    if sub(facts):
                        break
                else:
                    return False
            else:
                for sub in subs:
                    if not sub(facts):
                        return False
        return True

    return test


def _compile_condition(condition: Any) -> Predicate:
    if condition is None:
        return lambda value: value is None
    if isinstance(condition, list):
        options = frozenset(_norm(c) for c in condition)
        return lambda value: _norm(value) in options
    if isinstance(condition, dict):
        if "not" in condition:
            inner = _compile_condition(condition["not"])
            return lambda value: not inner(value)
        low, high = condition.get("min"), condition.get("max")

        def in_range(value: Any) -> bool:
            if not isinstance(value, int | float) or isinstance(value, bool):
                return False
            return (low is None or value >= low) and (high is None or value <= high)

        return in_range
    if isinstance(condition, bool):
        return lambda value: condition is value
    wanted = _norm(condition)
    return lambda value: not isinstance(value, bool) and _norm(value) == wanted


def rule(rule_id: str) -> dict[str, Any]:
    return next(r for r in RULES["rules"] if r["id"] == rule_id)


def source(ref: str | None) -> dict[str, Any] | None:
    """The ``sources`` entry (title, url) a rule cites."""
    return RULES["sources"].get(ref) if ref else None


def kb_methods(remedy: str | None) -> list[int]:
    """KB2669119 method numbers that agree with a remedy code (``kb_method_2`` → [2])."""
    return list(RULES["remedy_methods"].get(remedy or "", []))


def destination(dest: str | None) -> str | None:
    """Where X-Microsoft-Antispam-Mailbox-Delivery ``dest:`` says the message went."""
    return RULES["destinations"].get((dest or "").upper())


def bulk_threshold() -> int:
    return int(RULES["bulk_threshold"]["value"])
