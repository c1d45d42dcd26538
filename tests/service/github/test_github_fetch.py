"""Pull request -> Changeset against the fake API: post-images, caps and partial reviews."""

from conftest import BASE_SHA, HEAD_SHA, diff_for, sample_pull

from reviewer.changeset import ChangeKind, Limits
from reviewer.github.fetch import PullRef, fetch_pull_request

REPO = "octo/fetch"
REF = PullRef("octo", "fetch", 7, HEAD_SHA)

MODIFIED_DIFF = """diff --git a/lib/util.py b/lib/util.py
index 1111111..2222222 100644
--- a/lib/util.py
+++ b/lib/util.py
@@ -2,2 +2,3 @@ import os
 def a():
-    return 1
+    x = os.system(cmd)
+    return x
diff --git a/gone.py b/gone.py
deleted file mode 100644
index e69de29..0000000
--- a/gone.py
+++ /dev/null
@@ -1 +0,0 @@
-z = 1
diff --git a/logo.png b/logo.png
new file mode 100644
index 0000000..e69de29
Binary files /dev/null and b/logo.png differ
"""
UTIL_PY = "import os\ndef a():\n    x = os.system(cmd)\n    return x\n\n# more lines outside the hunk\n"


def test_post_images_come_from_the_head_commit(fake_github, pat_client):
    pr = sample_pull(files={"lib/util.py": UTIL_PY})
    pr.diff = MODIFIED_DIFF
    fake_github.add_pull(REPO, pr)
    fetched = fetch_pull_request(pat_client, REF, Limits())
    assert fetched.omissions == ()
    cs = fetched.changeset
    assert (cs.source, cs.head, cs.base) == ("github", HEAD_SHA, BASE_SHA)
    by_path = {f.path: f for f in cs.files}
    util = by_path["lib/util.py"]
    assert util.kind is ChangeKind.MODIFIED
    assert util.added_lines == frozenset({3, 4})
    assert util.post_image == UTIL_PY and util.post_image_complete  # the whole file, not hunks
    assert by_path["gone.py"].kind is ChangeKind.DELETED
    assert by_path["logo.png"].binary
    contents = fake_github.calls("GET", r"/contents/")
    assert [c.path for c in contents] == [f"/repos/{REPO}/contents/lib/util.py"]  # deleted/binary not fetched
    assert contents[0].query["ref"] == [HEAD_SHA]
    assert "raw" in contents[0].headers["Accept"]
    diff_call = [c for c in fake_github.calls("GET", r"/pulls/7$") if "diff" in c.headers["Accept"]]
    assert len(diff_call) == 1


def test_file_over_the_cap_is_left_out_and_said(fake_github, pat_client):
    files = {"small.py": "x = 1\n", "big.py": "y = 2\n" * 1000}
    fake_github.add_pull(REPO, sample_pull(files=files))
    fetched = fetch_pull_request(pat_client, REF, Limits(max_file_bytes=1000))
    assert [f.path for f in fetched.changeset.files] == ["small.py"]
    assert any("big.py" in o and "1000 bytes" in o for o in fetched.omissions)
    assert ("big.py", "larger than 1000 bytes (REVIEWER_MAX_FILE_BYTES)") in fetched.changeset.skipped


def test_diff_over_the_cap_keeps_whole_files_that_fit(fake_github, pat_client):
    files = {f"f{i}.py": f"v{i} = {i}\n" * 20 for i in range(5)}
    fake_github.add_pull(REPO, sample_pull(files=files))
    size = len(diff_for(files).encode())
    fetched = fetch_pull_request(pat_client, REF, Limits(max_diff_bytes=size // 2))
    kept = [f.path for f in fetched.changeset.files]
    assert 1 <= len(kept) < 5 and kept == [f"f{i}.py" for i in range(len(kept))]
    assert all(len(f.added_lines) == 20 for f in fetched.changeset.files)  # no file cut in half
    assert any("later files not reviewed" in o for o in fetched.omissions)


def test_too_many_files_reviews_the_first_ones(fake_github, pat_client):
    files = {f"f{i}.py": "a = 1\n" for i in range(6)}
    fake_github.add_pull(REPO, sample_pull(files=files))
    fetched = fetch_pull_request(pat_client, REF, Limits(max_files=4))
    assert len(fetched.changeset.files) == 4
    assert "6 files changed; only the first 4 reviewed" in fetched.omissions


def test_minified_line_leaves_out_that_file_only(fake_github, pat_client):
    files = {"ok.py": "a = 1\n", "bundle.min.js": "var a=1;" * 5000 + "\n"}
    fake_github.add_pull(REPO, sample_pull(files=files))
    fetched = fetch_pull_request(pat_client, REF, Limits(max_line_length=1000))
    assert [f.path for f in fetched.changeset.files] == ["ok.py"]
    assert any(o.startswith("bundle.min.js:") for o in fetched.omissions)


def test_githubs_own_diff_limit_falls_back_to_the_files_listing(fake_github, pat_client):
    pr = sample_pull(files={"a.py": "import os\nos.system(x)\n", "huge.py": "h = 1\n"})
    pr.diff_too_large = True
    pr.listing = [
        {"filename": "a.py", "status": "added", "patch": "@@ -0,0 +1,2 @@\n+import os\n+os.system(x)"},
        {"filename": "huge.py", "status": "modified"},  # GitHub leaves out patches of huge files
        {"filename": "old.py", "status": "removed", "patch": "@@ -1 +0,0 @@\n-q = 1"},
    ]
    fake_github.add_pull(REPO, pr)
    fetched = fetch_pull_request(pat_client, REF, Limits())
    by_path = {f.path: f for f in fetched.changeset.files}
    assert by_path["a.py"].added_lines == frozenset({1, 2})
    assert by_path["a.py"].post_image == "import os\nos.system(x)\n"
    assert by_path["old.py"].kind is ChangeKind.DELETED
    assert "huge.py" not in by_path
    assert any("rebuilt file by file" in o for o in fetched.omissions)
    assert any(o.startswith("huge.py:") for o in fetched.omissions)


def test_a_moved_head_is_superseded_and_nothing_is_fetched(fake_github, pat_client):
    fake_github.add_pull(REPO, sample_pull(head_sha="c" * 40))
    fetched = fetch_pull_request(pat_client, REF, Limits())
    assert fetched.superseded and fetched.current_head_sha == "c" * 40
    assert fetched.changeset.files == ()
    assert fake_github.calls("GET", r"/contents/") == []


def test_paths_with_spaces_and_unicode_are_quoted(fake_github, pat_client):
    files = {"docs/my file é.py": "a = 1\n"}
    fake_github.add_pull(REPO, sample_pull(files=files))
    fetched = fetch_pull_request(pat_client, REF, Limits())
    assert fetched.changeset.files[0].post_image == "a = 1\n"
    assert fetched.omissions == ()


def test_the_repository_tree_names_the_projects_own_modules(fake_github, pat_client):
    views = "from accounts import authenticate\nimport flask_jwt_simple_auth\n"
    pr = sample_pull(files={"web/views.py": views})
    pr.tree = ["web/views.py", "accounts/__init__.py", "src/shop/catalog.py", "README.md"]
    fake_github.add_pull(REPO, pr)
    fetched = fetch_pull_request(pat_client, REF, Limits())
    modules = set(fetched.changeset.project_modules)
    assert {"accounts", "shop", "web", "views"} <= modules
    assert "flask_jwt_simple_auth" not in modules
    [call] = fake_github.calls("GET", r"/git/trees/")
    assert call.path.endswith(f"/git/trees/{HEAD_SHA}") and call.query["recursive"] == ["1"]


def test_a_refused_tree_is_not_a_failed_fetch(fake_github, pat_client):
    fake_github.add_pull(REPO, sample_pull(files={"app.py": "import os\n"}))
    fake_github.fail("GET", r"/git/trees/", status=403, times=5)
    fetched = fetch_pull_request(pat_client, REF, Limits())
    assert fetched.changeset.project_modules == ()
    assert [f.path for f in fetched.changeset.files] == ["app.py"]
