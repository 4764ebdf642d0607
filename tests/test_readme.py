"""The README's two set-up commands are the ones CI runs, to the letter."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def ci_commands() -> list[str]:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith(("python3 ", "apt-get "))]


def test_ci_runs_exactly_the_readme_build_and_test_commands():
    readme_lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    commands = ci_commands()
    assert len(commands) == 2, "one build command and one test command"
    build, test = commands
    assert "invoke build" in build and "pytest" in test
    for command in commands:
        assert command in readme_lines, f"README does not show: {command}"
