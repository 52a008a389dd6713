"""The engine's data (core.model): a Header made by hand or by the split keeps its key, its
own lists and its copies through pickling (reports travel between processes)."""

from __future__ import annotations

import pickle

from fopegui.core.model import Field, Header


def test_a_header_knows_its_lower_case_key_and_defaults() -> None:
    name = "X-Forefront-Antispam-Report"
    h = Header(0, name, "SFV:NSPM", f"{name}: SFV:NSPM")
    assert h.key == "x-forefront-antispam-report"
    assert (h.family, h.severity, h.description, h.doc_url, h.group, h.shared) == (
        "other", "info", None, None, None, None
    )
    assert h.fields == [] and h.data == {}


def test_headers_never_share_their_lists() -> None:
    a = Header(0, "A", "1", "A: 1")
    b = Header(1, "B", "2", "B: 2")
    a.fields.append(Field("k", "v", None))
    a.data["x"] = 1
    assert b.fields == [] and b.data == {}


def test_a_header_given_fields_and_data_keeps_them() -> None:
    fields = [Field("k", "v", None, "ok")]
    h = Header(2, "Subject", "hi", "Subject: hi", family="auth", severity="ok", fields=fields,
               data={"d": 1})
    assert h.fields is fields and h.data == {"d": 1}
    assert (h.family, h.severity) == ("auth", "ok")


def test_a_pickled_header_equals_the_original_without_its_shared_result() -> None:
    h = Header(3, "Received", "from a by b", "Received: from a by b", family="routing")
    h.shared = object()  # the decoder's result: not pickled
    copy = pickle.loads(pickle.dumps(h))
    assert copy == h and copy.key == "received" and copy.shared is None
    assert repr(copy).startswith("Header(index=3, name='Received'")
