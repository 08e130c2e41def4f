"""The repository's own promises: the README's two commands and the CI entry point agree."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import REPO


def quick_start_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_readme_quick_start_has_exactly_run_then_test() -> None:
    run, test = quick_start_blocks()
    assert "tumen run" in run
    assert "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    # .ci/run extracts the command from the README; prove the extraction finds the test block.
    script = ci.split("<<'PY'\n", 1)[1].split("\nPY\n", 1)[0]
    out = subprocess.run(["python3", "-c", script], cwd=REPO, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == quick_start_blocks()[1]
