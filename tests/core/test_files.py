"""Safe output writing shared by the CLI, export and the submission wizard."""

from __future__ import annotations

import os

import pytest

from fopegui.core.files import InputFileError, input_file, is_input, same_file, write_atomic


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.eml"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.eml"]


def test_write_atomic_into_a_folder_fails_cleanly(tmp_path):
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, b"x")
    assert list(tmp_path.iterdir()) == []


def test_same_file_sees_links(tmp_path):
    original = tmp_path / "a.eml"
    original.write_bytes(b"x")
    os.link(original, tmp_path / "hard.eml")
    (tmp_path / "soft.eml").symlink_to(original)
    assert same_file(original, tmp_path / "hard.eml")
    assert same_file(original, tmp_path / "soft.eml")
    assert same_file(original, tmp_path / "sub" / ".." / "a.eml")
    assert not same_file(original, tmp_path / "other.eml")


# --- virtual input paths (issue 17 item 3) ----------------------------------------------------


def test_input_file_resolves_virtual_paths(tmp_path):
    parent = tmp_path / "X.msg"
    parent.write_bytes(b"x")
    bounce = tmp_path / "B.eml"
    bounce.write_bytes(b"x")
    assert input_file(f"{parent}#attachment-3") == str(parent)
    assert input_file(f"{parent}#attachment-0#attachment-12") == str(parent)
    assert input_file(f"{bounce}#returned-original") == str(bounce)
    real = tmp_path / "odd#attachment-1"  # a real file with such a name is its own file
    real.write_bytes(b"x")
    assert input_file(real) == str(real)
    assert input_file("#attachment-1") == "#attachment-1"


@pytest.mark.parametrize(
    "suffix", ["#attachment-0", "#attachment-0#attachment-2", "#returned-original"]
)
def test_write_atomic_never_replaces_the_parent_of_a_virtual_input(tmp_path, suffix):
    parent = tmp_path / "parent.msg"
    parent.write_bytes(b"the user's message")
    link = tmp_path / "link.msg"
    link.symlink_to(parent)
    for out in (parent, link, tmp_path / "." / "parent.msg"):
        assert is_input(out, [f"{parent}{suffix}"]) == f"{parent}{suffix}"
        with pytest.raises(InputFileError):
            write_atomic(out, b"a draft", inputs=[None, "-", f"{parent}{suffix}"])
    assert parent.read_bytes() == b"the user's message"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.msg", "parent.msg"]
    write_atomic(tmp_path / "draft.eml", b"a draft", inputs=[f"{parent}{suffix}"])
    assert (tmp_path / "draft.eml").read_bytes() == b"a draft"


def test_export_guard_sees_the_parent_of_a_virtual_input(tmp_path):
    from fopegui.core.model import Report
    from fopegui.ui.export import is_a_source

    parent = tmp_path / "X.msg"
    parent.write_bytes(b"x")
    report = Report(source=None, path=f"{parent}#attachment-0")
    assert is_a_source(parent, [report])
    assert not is_a_source(tmp_path / "report.html", [report])
