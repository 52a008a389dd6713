"""Safe output writing shared by the CLI, export and the submission wizard."""

from __future__ import annotations

import os

import pytest

from fopegui.core.files import same_file, write_atomic


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
