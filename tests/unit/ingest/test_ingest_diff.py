"""Diff text -> Changeset: every kind of file change and every bad input has a test."""

from __future__ import annotations

import pytest

from reviewer.changeset import ChangeKind, Limits
from reviewer.errors import HostilePath, InputError, InputTooLarge
from reviewer.ingest.diff import parse_diff

MODIFIED = b"""diff --git a/app.py b/app.py
index 83db48f..bf269f4 100644
--- a/app.py
+++ b/app.py
@@ -1,3 +1,4 @@
 import os
+import subprocess
 def f(x):
-    pass
+    os.system(x)
"""


def one(diff: bytes, limits: Limits | None = None):
    cs = parse_diff(diff, limits or Limits())
    assert len(cs.files) == 1, cs
    return cs.files[0]


def test_modified_file_added_lines_and_rebuilt_post_image():
    f = one(MODIFIED)
    assert f.path == "app.py"
    assert f.kind is ChangeKind.MODIFIED
    assert f.added_lines == frozenset({2, 4})
    assert f.post_image == "import os\nimport subprocess\ndef f(x):\n    os.system(x)\n"
    assert f.post_image_complete is False
    assert f.reviewable


def test_lines_outside_hunks_are_blank_but_keep_numbers():
    diff = b"""--- a/m.py
+++ b/m.py
@@ -10,2 +10,3 @@
 a = 1
+b = input()
 c = 3
"""
    f = one(diff)
    lines = f.post_image.split("\n")
    assert lines[:9] == [""] * 9
    assert lines[10] == "b = input()"
    assert f.added_lines == frozenset({11})


def test_added_file_with_mode():
    diff = b"""diff --git a/new.py b/new.py
new file mode 100755
index 0000000..e69de29
--- /dev/null
+++ b/new.py
@@ -0,0 +1,2 @@
+x = 1
+y = 2
"""
    f = one(diff)
    assert f.kind is ChangeKind.ADDED
    assert f.added_lines == frozenset({1, 2})
    assert f.new_mode == "100755"
    assert f.post_image == "x = 1\ny = 2\n"


def test_empty_new_file_is_reviewable_and_empty():
    diff = b"""diff --git a/empty.py b/empty.py
new file mode 100644
index 0000000..e69de29
"""
    f = one(diff)
    assert f.kind is ChangeKind.ADDED
    assert f.post_image == ""
    assert f.added_lines == frozenset()


def test_deleted_file_is_not_reviewable():
    diff = b"""diff --git a/gone.py b/gone.py
deleted file mode 100644
index 1111111..0000000
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-a = 1
-b = 2
"""
    f = one(diff)
    assert f.kind is ChangeKind.DELETED
    assert f.post_image is None
    assert not f.reviewable


def test_pure_rename_and_rename_with_edit():
    diff = b"""diff --git a/old.py b/renamed.py
similarity index 100%
rename from old.py
rename to renamed.py
diff --git a/x/one.py b/y/two.py
similarity index 80%
rename from x/one.py
rename to y/two.py
index 1111111..2222222 100644
--- a/x/one.py
+++ b/y/two.py
@@ -1 +1 @@
-a = 1
+a = eval(input())
"""
    cs = parse_diff(diff, Limits())
    pure, edited = cs.files
    assert (pure.path, pure.old_path, pure.kind) == ("renamed.py", "old.py", ChangeKind.RENAMED)
    assert pure.added_lines == frozenset()
    assert (edited.path, edited.old_path, edited.kind) == ("y/two.py", "x/one.py", ChangeKind.RENAMED)
    assert edited.added_lines == frozenset({1})


def test_copied_file():
    diff = b"""diff --git a/c.py b/d.py
similarity index 90%
copy from c.py
copy to d.py
--- a/c.py
+++ b/d.py
@@ -3 +3 @@
-a
+b
"""
    f = one(diff)
    assert (f.kind, f.path, f.old_path) == (ChangeKind.COPIED, "d.py", "c.py")
    assert f.added_lines == frozenset({3})


def test_binary_file_is_marked_and_not_reviewable():
    diff = b"""diff --git a/img.png b/img.png
new file mode 100644
index 0000000..1111111
Binary files /dev/null and b/img.png differ
"""
    f = one(diff)
    assert f.binary and not f.reviewable
    assert f.kind is ChangeKind.ADDED


def test_git_binary_patch_is_binary():
    diff = b"""diff --git a/blob.bin b/blob.bin
index 1111111..2222222 100644
GIT binary patch
literal 4
LcmZQzWMT#Y01f~L

literal 0
HcmV?d00001

"""
    f = one(diff)
    assert f.binary


def test_mode_change_only():
    diff = b"""diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
"""
    f = one(diff)
    assert (f.old_mode, f.new_mode) == ("100644", "100755")
    assert f.kind is ChangeKind.MODIFIED
    assert f.added_lines == frozenset()


def test_no_newline_at_end_of_file():
    diff = b"""--- a/a.py
+++ b/a.py
@@ -1 +1,2 @@
 a = 1
+b = 2
\\ No newline at end of file
"""
    f = one(diff)
    assert f.post_image == "a = 1\nb = 2"
    assert f.added_lines == frozenset({2})


def test_no_newline_marker_on_removed_side_keeps_final_newline():
    diff = b"""--- a/a.py
+++ b/a.py
@@ -1 +1 @@
-a = 1
\\ No newline at end of file
+a = 2
"""
    assert one(diff).post_image == "a = 2\n"


def test_crlf_transported_diff_reads_like_lf():
    f = one(MODIFIED.replace(b"\n", b"\r\n"))
    assert f.added_lines == frozenset({2, 4})
    assert f.post_image == "import os\nimport subprocess\ndef f(x):\n    os.system(x)\n"


def test_crlf_file_content_is_kept():
    diff = b"--- a/w.py\n+++ b/w.py\n@@ -0,0 +1,2 @@\n+a = 1\r\n+b = 2\r\n"
    f = one(diff)
    assert f.post_image == "a = 1\r\nb = 2\r\n"
    assert f.added_lines == frozenset({1, 2})


def test_non_utf8_bytes_are_replaced_and_recorded():
    diff = b"--- a/l.py\n+++ b/l.py\n@@ -0,0 +1,2 @@\n+name = '\xe9t\xe9'\n+ok = 1\n"
    f = one(diff)
    assert f.decoding_replaced is True
    assert "\ufffd" in f.post_image
    clean = one(MODIFIED)
    assert clean.decoding_replaced is False


def test_non_utf8_only_marks_the_file_it_is_in():
    diff = (
        b"--- a/one.py\n+++ b/one.py\n@@ -0,0 +1 @@\n+x = 1\n"
        b"--- a/two.py\n+++ b/two.py\n@@ -0,0 +1 @@\n+y = '\xff'\n"
    )
    cs = parse_diff(diff, Limits())
    assert [f.decoding_replaced for f in cs.files] == [False, True]


@pytest.mark.parametrize("text", [b"", b"\n", b"  \n\n", b""])
def test_empty_diff_is_an_empty_changeset(text):
    cs = parse_diff(text, Limits())
    assert cs.files == ()
    assert cs.lines_added == 0


def test_plain_diff_u_without_git_headers():
    diff = b"""--- old/app.py\t2024-01-01 10:00:00.000000000 +0000
+++ new/app.py\t2024-01-02 10:00:00.000000000 +0000
@@ -1 +1,2 @@
 a = 1
+b = 2
"""
    f = one(diff)
    assert f.path == "new/app.py"
    assert f.added_lines == frozenset({2})


def test_quoted_path_with_unicode_and_space():
    diff = b"""diff --git "a/caf\\303\\251 x.py" "b/caf\\303\\251 x.py"
new file mode 100644
--- /dev/null
+++ "b/caf\\303\\251 x.py"
@@ -0,0 +1 @@
+x = 1
"""
    assert one(diff).path == "caf\u00e9 x.py"


@pytest.mark.parametrize(
    ("diff", "message"),
    [
        (b"--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n a\n", "shorter than expected"),
        (b"--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-a\n+b\n+c\n", "malformed diff"),
        (b"@@ -1 +1 @@\n-a\n+b\n", "Unexpected hunk"),
        (b"hello, this is not a diff\njust text\n", "not a unified diff"),
        (b"+++ b/a.py\n@@ -1 +1 @@\n", "malformed diff"),
    ],
)
def test_malformed_diffs_raise_input_error_with_a_clear_message(diff, message):
    with pytest.raises(InputError, match=message):
        parse_diff(diff, Limits())


def test_same_path_twice_is_refused():
    diff = b"--- a/a.py\n+++ b/a.py\n@@ -0,0 +1 @@\n+x\n--- a/a.py\n+++ b/a.py\n@@ -0,0 +1 @@\n+y\n"
    with pytest.raises(InputError, match="more than once"):
        parse_diff(diff, Limits())


def test_size_cap_bytes_checked_first():
    with pytest.raises(InputTooLarge, match="bytes"):
        parse_diff(b"garbage" * 100, Limits(max_diff_bytes=100))


def test_size_cap_line_length():
    diff = b"--- a/m.js\n+++ b/m.js\n@@ -0,0 +1 @@\n+" + b"x" * 500 + b"\n"
    with pytest.raises(InputTooLarge, match="line 4 is longer than 100"):
        parse_diff(diff, Limits(max_line_length=100))


def test_size_cap_files():
    diff = b"".join(f"--- a/f{i}.py\n+++ b/f{i}.py\n@@ -0,0 +1 @@\n+x = {i}\n".encode() for i in range(5))
    assert len(parse_diff(diff, Limits(max_files=5)).files) == 5
    with pytest.raises(InputTooLarge, match="touches 5 files; the limit is 4"):
        parse_diff(diff, Limits(max_files=4))


def _with_target(path: bytes) -> bytes:
    return b"--- /dev/null\n+++ b/" + path + b"\n@@ -0,0 +1 @@\n+x = 1\n"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        (b"../../etc/cron.d/evil", "'..'"),
        (b"a/../../x.py", "'..'"),
        (b"x/\x00y.py", "NUL"),
        (b"..\\..\\windows\\x.py", "backslash"),
        (b"src/CON", "device name"),
        (b"src/nul.txt", "device name"),
        (b"src/x\x1by.py", "control character"),
    ],
)
def test_hostile_paths_are_refused_naming_the_path(path, why):
    with pytest.raises(HostilePath, match=why) as info:
        parse_diff(_with_target(path), Limits())
    assert "refused path" in str(info.value)


def test_absolute_path_is_refused():
    diff = b"--- /dev/null\n+++ /etc/passwd\n@@ -0,0 +1 @@\n+root::0:0::/:/bin/sh\n"
    with pytest.raises(HostilePath, match="absolute"):
        parse_diff(diff, Limits())


def test_hostile_rename_source_is_refused():
    diff = b"diff --git a/x b/y\nsimilarity index 100%\nrename from ../../secret\nrename to y\n"
    with pytest.raises(HostilePath, match=r"\.\./\.\./secret"):
        parse_diff(diff, Limits())


def test_symlink_in_diff_is_skipped_not_followed():
    diff = b"""diff --git a/link b/link
new file mode 120000
index 0000000..2222222
--- /dev/null
+++ b/link
@@ -0,0 +1 @@
+/etc/passwd
\\ No newline at end of file
"""
    cs = parse_diff(diff, Limits())
    assert cs.files == ()
    assert cs.skipped == (("link", "symbolic link: not followed or reviewed"),)


def test_submodule_is_skipped():
    diff = b"""diff --git a/vendor/lib b/vendor/lib
new file mode 160000
index 0000000..1234567
--- /dev/null
+++ b/vendor/lib
@@ -0,0 +1 @@
+Subproject commit 1234567890abcdef1234567890abcdef12345678
"""
    cs = parse_diff(diff, Limits())
    assert cs.files == () and cs.skipped[0][0] == "vendor/lib"


def test_str_input_is_accepted():
    assert parse_diff(MODIFIED.decode(), Limits()).files[0].added_lines == frozenset({2, 4})
