"""Through the real pipeline: reviewer-secrets findings are hashed and masked, never shown in clear."""

from __future__ import annotations

from reviewer.ingest.paths_source import paths_changeset
from reviewer.pipeline import ReviewConfig, review
from reviewer.scanners.secrets import SecretPatternScanner

GHP = "ghp_" + "Zq8Lm3n2Pk7Xv9Rt4Wb6Yc1Hd5Jf0Gs2Ka8Qe"
PASSWORD = "Tr0ub4dor&3xQ!"


def test_pipeline_masks_and_hashes(tmp_path):
    (tmp_path / "app.py").write_text(
        f'GITHUB_TOKEN = "{GHP}"\nDB = "postgresql://app:{PASSWORD}@db:5432/app"\n'
    )
    changeset = paths_changeset([str(tmp_path / "app.py")], ReviewConfig(scanners=()).limits, cwd=tmp_path)
    outcome = review(changeset, ReviewConfig(scanners=(SecretPatternScanner(),)))
    rules = [f.rule for f in outcome.findings]
    assert rules == ["reviewer.secrets.github-token", "reviewer.secrets.url-password"]
    for f in outcome.findings:
        assert f.secret_hash
        for text in (f.snippet, f.message, f.fix):
            assert GHP not in text and PASSWORD not in text
    assert outcome.findings[0].secret_hash != outcome.findings[1].secret_hash
