"""docker-compose.yml, checked without a Docker engine: valid against the Compose
Specification's JSON schema (tests/fixtures/compose-spec, see SOURCE.md there), and consistent
with the code (commands exist, REVIEWER_* variables are real settings, health checks and
dependencies point at real services and volumes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from reviewer.cli.main import COMMANDS
from reviewer.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "fixtures" / "compose-spec" / "compose-spec.json"
_VAR = re.compile(r"\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_valid_against_the_compose_spec_schema(compose):
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_schema_rejects_a_broken_file(compose):
    broken = json.loads(json.dumps(compose))
    broken["services"]["api"]["healthcheck"]["interval"] = {"not": "a duration"}
    broken["services"]["api"]["depends_on"]["redis"]["condition"] = "whenever"
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    assert len(list(validator.iter_errors(broken))) >= 2


def test_whole_deployment_with_health_checks_and_volumes(compose):
    services = compose["services"]
    assert {"api", "worker", "postgres", "redis"} <= set(services)
    for name in ("api", "worker", "postgres", "redis"):
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no health check"
    declared = set(compose["volumes"])
    for name, svc in services.items():
        for dep in svc.get("depends_on") or {}:
            assert dep in services, f"{name} depends on unknown service {dep}"
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, f"{name}: volume {source} not declared"
    assert services["api"]["environment"]["REVIEWER_EXECUTOR"] == "celery"  # replicas need the shared queue


def test_commands_and_settings_exist(compose):
    known_commands = {attr if ":" not in spec else spec.split(":")[1] for spec, attr in COMMANDS.items()}
    known_commands |= {"serve", "worker", "db", "token"}
    fields = {f"REVIEWER_{name.upper()}" for name in Settings.model_fields}
    for name, svc in compose["services"].items():
        command = svc.get("command") or []
        if command and command[0] == "reviewer":
            assert command[1] in known_commands, (name, command)
        for key in svc.get("environment") or {}:
            if key.startswith("REVIEWER_"):
                assert key in fields, f"{name}: {key} is not a setting"
    text = (ROOT / "docker-compose.yml").read_text()
    required = {m.group(1) for m in _VAR.finditer(text) if ":?" in m.group(0)}
    assert required == {"POSTGRES_PASSWORD", "REVIEWER_SECRET_KEY"}  # no default secrets
