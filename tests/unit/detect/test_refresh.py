"""``python -m reviewer.data.refresh`` rebuilds the popular lists from registry listings."""

from __future__ import annotations

from reviewer.data.refresh import main, ranked_names


def test_refresh_from_listing_formats(tmp_path):
    pypi = tmp_path / "pypi.tsv"
    pypi.write_text(
        "name\tversion\tmonth\trank_among_15000_most_downloaded\tsummary\n"
        "zeta\t1\t2024-01\t\tunranked\nboto3\t1\t2026-01\t1\tAWS\nrequests\t2\t2026-01\t2\tHTTP\n"
    )
    npm = tmp_path / "npm.tsv"
    npm.write_text("name\tversion\tdownloads_a_month\tsummary\nleft-pad\t1\t10\t\nlodash\t4\t1000\t\n")
    assert main(["--pypi", str(pypi), "--npm", str(npm), "--out", str(tmp_path)]) == 0
    written = (tmp_path / "popular_pypi.tsv").read_text().splitlines()
    assert written[0].startswith("# source: pypi.tsv") and written[2] == "name\trank"
    assert written[3:] == ["boto3\t1", "requests\t2"]
    assert ranked_names(tmp_path / "popular_npm.tsv", 10) == [("lodash", 1), ("left-pad", 2)]
    # the shipped format reads back identically
    assert ranked_names(tmp_path / "popular_pypi.tsv", 10) == [("boto3", 1), ("requests", 2)]


def test_refresh_rejects_bad_header(tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text("package\tcount\nx\t1\n")
    assert main(["--pypi", str(bad), "--out", str(tmp_path)]) == 2
    assert "no 'name' column" in capsys.readouterr().err
