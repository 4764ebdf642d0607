""".github/workflows/site.yml: GitHub Actions does not run here, so what it runs is checked here.

Every `invoke X` of a step must be a task of tasks.py (`invoke --list`), the
test and build steps must be the very commands .ci/run runs (themselves the
README's), and no text from a pull request may be written into a script.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from test_readme import ci_commands

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
INVOKE = Path(sys.executable).parent / "invoke"
# Tasks the workflow uses that come with another branch of issue 5, not yet merged
# here; once tasks.py has them they are checked like the others.
INVOKED_TASK = re.compile(r"(?:^|[\s;&|(])(?:\S*/)?invoke\s+([a-z][\w-]*)")
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")
# contexts whose values a pull request's author writes (GitHub's list of untrusted input)
UNTRUSTED = re.compile(
    r"github\.(event\.(pull_request|issue|comment|review|review_comment|commits|head_commit|pages)"
    r"|head_ref)"
)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true


def run_steps(flow: dict) -> list[tuple[str, dict]]:
    return [(name, step) for name, job in flow["jobs"].items() for step in job.get("steps", []) if "run" in step]


def known_tasks() -> set[str]:
    listed = subprocess.run(
        [str(INVOKE), "--list", "--list-format", "json"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {task["name"] for task in json.loads(listed.stdout)["tasks"]}


def test_the_workflow_runs_tests_and_review_on_pull_requests_and_deploys_main():
    flow = workflow()
    on = triggers(flow)
    assert "pull_request" in on and "pull_request_target" not in on  # never PR code with secrets
    assert on["push"]["branches"] == ["main"]
    deploy = flow["jobs"]["pages-deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"] for s in deploy["steps"]] == ["actions/deploy-pages@v4"]
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses and uses.count("actions/upload-artifact@v4") == 2
    checkout = next(s for s in flow["jobs"]["review"]["steps"] if s.get("uses") == "actions/checkout@v4")
    assert checkout["with"]["fetch-depth"] == 0, "the review needs the base branch's history"


def test_every_invoke_in_the_workflow_is_a_task():
    used = {task for _, step in run_steps(workflow()) for task in INVOKED_TASK.findall(step["run"])}
    assert {"build", "publish", "review"} <= used
    missing = used - known_tasks()
    assert not missing, f"not tasks of tasks.py: {sorted(missing)}"


def test_the_test_and_build_steps_are_the_commands_ci_runs():
    build, test = ci_commands()
    review_job = [step["run"] for name, step in run_steps(workflow()) if name == "review"]
    assert test in review_job, "the workflow's test step is not .ci/run's test command"
    assert build in review_job, "the workflow's build step is not .ci/run's build command"
    assert review_job.index(test) < review_job.index(build)


def test_no_pull_request_text_is_written_into_a_script():
    for job, step in run_steps(workflow()):
        assert not EXPRESSION.search(step["run"]), f"{job}: an expression in a run script: {step['run']}"
    # and what reaches a script through env: is never text a pull request's author wrote
    for job in workflow()["jobs"].values():
        for step in job["steps"]:
            for value in (step.get("env") or {}).values():
                for expression in EXPRESSION.findall(str(value)):
                    assert not UNTRUSTED.search(expression), expression


def test_the_untrusted_text_check_catches_a_pull_request_title(tmp_path, monkeypatch):
    flow = workflow()
    flow["jobs"]["review"]["steps"].append({"run": 'echo "${{ github.event.pull_request.title }}"'})
    monkeypatch.setattr(sys.modules[__name__], "workflow", lambda: flow)
    with pytest.raises(AssertionError, match="an expression in a run script"):
        test_no_pull_request_text_is_written_into_a_script()
