import json
import shutil

import pytest

from reviewer.changeset import ChangeKind, Changeset, FileChange
from reviewer.classifier.bundle import META, load_bundle, write_checksums
from reviewer.findings import Category, ScannerState
from reviewer.pipeline import ReviewConfig, review
from reviewer.scanners.base import ScanContext
from reviewer.scanners.classifier import ClassifierScanner, classifier_options
from reviewer.scanners.registry import build_scanners, scanner_names
from reviewer.settings import Settings

SOURCE = """import subprocess
from flask import request


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    cmd = request.args["cmd"]
    subprocess.call(cmd, shell=True)
    return "", 204
"""


def _with_thresholds(tiny_model, tmp_path, value):
    model = tmp_path / f"model-{value}"
    shutil.copytree(tiny_model, model)
    meta = json.loads((model / META).read_text())
    meta["thresholds"] = [value] * 3
    (model / META).write_text(json.dumps(meta))
    write_checksums(model)
    return model


class _Recording(ClassifierScanner):
    """Keeps the predictions ``score`` returns (the scanner itself keeps nothing per call)."""

    predictions = ()

    def scan(self, workspace, ctx):
        result, self.predictions = self.score(workspace, ctx)
        return result


def _review(model_dir, backend="onnx"):
    change = Changeset(
        files=(
            FileChange(
                "app/views.py",
                ChangeKind.ADDED,
                added_lines=frozenset({7, 8}),
                post_image=SOURCE,
                post_image_complete=True,
            ),
            FileChange("README.md", ChangeKind.ADDED, added_lines=frozenset({1}), post_image="# hi\n"),
        )
    )
    options = {
        "classifier.backend": backend,
        "classifier.model_dir": str(model_dir),
        "classifier.server_urls": "",
    }
    scanner = _Recording()
    outcome = review(change, ReviewConfig(scanners=(scanner,), context=ScanContext(options=options)))
    return outcome, scanner


def test_reports_every_class_at_or_above_threshold_with_category_cwe_and_model_version(tiny_model, tmp_path):
    model = _with_thresholds(tiny_model, tmp_path, 0.0)
    outcome, scanner = _review(model)
    assert outcome.status == "complete"
    [status] = outcome.scanners
    version = load_bundle(model).version
    assert status.state is ScannerState.OK and str(version) in status.version
    by_rule = {f.rule: f for f in outcome.findings}
    assert set(by_rule) == {
        "reviewer.classifier.validation",
        "reviewer.classifier.secrets",
        "reviewer.classifier.access-control",
    }
    assert by_rule["reviewer.classifier.validation"].cwes == (20,)
    assert by_rule["reviewer.classifier.secrets"].cwes == (798,)
    assert by_rule["reviewer.classifier.access-control"].category is Category.ACCESS_CONTROL
    assert by_rule["reviewer.classifier.access-control"].cwes == (862,)
    for f in outcome.findings:
        assert (f.location.path, f.location.start_line, f.location.end_line) == ("app/views.py", 7, 8)
        assert "classifier score" in f.message
    [prediction] = scanner.predictions  # one unit: the function; README is not code
    assert prediction.model == version and prediction.backend == "onnx-int8"
    assert prediction.added_lines == (7, 8) and len(prediction.scores) == 3


def test_nothing_is_reported_below_threshold_but_every_unit_is_still_scored(tiny_model, tmp_path):
    model = _with_thresholds(tiny_model, tmp_path, 1.0)
    outcome, scanner = _review(model)
    assert outcome.findings == () and outcome.status == "complete"
    assert len(scanner.predictions) == 1 and scanner.predictions[0].reported == ()


def test_missing_model_fails_the_scanner_and_the_review_is_partial(tmp_path):
    outcome, _ = _review(tmp_path / "nowhere")
    assert outcome.status == "partial"
    assert "rules-only" in outcome.scanners[0].detail


def test_registered_but_not_in_the_default_scanner_list():
    assert "classifier" in scanner_names()
    assert isinstance(build_scanners(["classifier"])[0], ClassifierScanner)
    assert "classifier" not in Settings().scanner_names()


def test_options_from_settings_and_off_switch(tmp_path):
    settings = Settings(model_backend="off", model_dir=tmp_path, model_server_urls="http://a,http://b")
    options = classifier_options(settings)
    assert options == {
        "classifier.backend": "off",
        "classifier.model_dir": str(tmp_path),
        "classifier.server_urls": "http://a,http://b",
    }
    scanner = ClassifierScanner()
    assert scanner.available(ScanContext(options=options)) is False
    with pytest.raises(Exception, match="turned off"):
        scanner.version(ScanContext(options=options))
