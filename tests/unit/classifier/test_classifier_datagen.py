import json

from reviewer.classifier import datagen
from reviewer.classifier.gen import access, secrets, validation
from reviewer.classifier.labels import CLASSES
from reviewer.classifier.units import ADD_MARK
from reviewer.settings import PROJECT_ROOT

SVEN = PROJECT_ROOT.parent / "shared" / "data" / "sven"


def test_build_is_deterministic_for_a_seed_and_changes_with_it(tmp_path):
    sizes = datagen.Sizes.tiny()
    a = datagen.build(None, seed=3, sizes=sizes)
    b = datagen.build(None, seed=3, sizes=sizes)
    c = datagen.build(None, seed=4, sizes=sizes)
    assert a == b
    assert a != c
    summary = datagen.write(a, tmp_path, {"seed": 3})
    assert (
        json.loads((tmp_path / "manifest.json").read_text())["train"]["sha256"] == summary["train"]["sha256"]
    )
    assert datagen.read_split(tmp_path, "train") == [s for s in a if s.split == "train"]


def test_samples_are_marked_units_with_one_label_per_class_and_no_text_in_two_splits():
    samples = datagen.build(None, seed=1, sizes=datagen.Sizes.tiny())
    sources = {s.source.split(":")[0] for s in samples}
    assert {"gen", "real"} <= sources
    for s in samples:
        assert len(s.labels) == len(CLASSES) and set(s.labels) <= {0, 1}
    assert all(ADD_MARK in s.text for s in samples if s.source.startswith("gen"))
    split_of = {}
    for s in samples:
        assert split_of.setdefault(s.text, s.split) == s.split


def test_real_code_negatives_hold_whole_packages_out_for_val():
    samples = datagen.build(None, seed=1, sizes=datagen.Sizes.tiny())
    for s in samples:
        if s.source.startswith("real:"):
            package = s.source.split(":")[1]
            assert (package in datagen.VAL_PACKAGES) == (s.split == "val")
            assert s.labels == (0, 0, 0)


def test_every_template_yields_both_labels():
    import random

    rng = random.Random(0)
    for module, cls in ((secrets, "secrets"), (access, "access-control"), (validation, "validation")):
        for template in module.TEMPLATES:
            seen = {template(rng).labels[cls] for _ in range(60)}
            assert seen == {0, 1}, template.__name__


def test_sven_before_is_positive_after_is_negative_and_val_files_are_val():
    if not SVEN.exists():
        import pytest

        pytest.skip("shared SVEN data not present")
    samples = datagen.load_sven(SVEN, seed=1, per_file=2)
    assert samples
    for before, after in zip(samples[::2], samples[1::2], strict=True):
        assert before.labels == (1, 0, 0) and after.labels == (0, 0, 0)
        assert before.split == after.split
        assert ADD_MARK in before.text
    assert {s.split for s in samples} >= {"val"}
