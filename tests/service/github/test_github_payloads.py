import pytest
from conftest import load_fixture

from reviewer.errors import InputError
from reviewer.github.payloads import (
    InstallationEvent,
    InstallationRepositoriesEvent,
    PullRequestEvent,
    parse_event,
)


def test_documented_pull_request_example_parses():
    ev = parse_event(PullRequestEvent, load_fixture("pull_request_opened.json"))
    assert ev.repository.full_name == "octo-org/hello-world"
    assert ev.pull_request.head.sha == "a" * 40 and ev.pull_request.base.ref == "main"
    assert ev.installation is not None and ev.installation.id == 99
    assert ev.reviewable


@pytest.mark.parametrize(
    ("action", "draft", "reviewable"),
    [
        ("opened", False, True),
        ("synchronize", False, True),
        ("reopened", False, True),
        ("ready_for_review", False, True),
        ("opened", True, False),
        ("closed", False, False),
        ("edited", False, False),
    ],
)
def test_reviewable_actions(action, draft, reviewable):
    payload = load_fixture("pull_request_opened.json")
    payload["action"] = action
    payload["pull_request"]["draft"] = draft
    assert parse_event(PullRequestEvent, payload).reviewable is reviewable


def test_installation_examples_parse():
    created = parse_event(InstallationEvent, load_fixture("installation_created.json"))
    assert [r.full_name for r in created.repositories] == ["octo-org/hello-world", "octo-org/secret-sauce"]
    changed = parse_event(InstallationRepositoriesEvent, load_fixture("installation_repositories_added.json"))
    assert [r.full_name for r in changed.repositories_added] == ["octo-org/new-service"]
    assert [r.id for r in changed.repositories_removed] == [1296270]


def test_missing_fields_are_an_input_error_naming_them():
    payload = load_fixture("pull_request_opened.json")
    del payload["pull_request"]["head"]["sha"]
    with pytest.raises(InputError, match=r"pull_request\.head\.sha"):
        parse_event(PullRequestEvent, payload)
