"""The build command (briefing.commands.build): atomic swap, strict summary, quiet, progress, determinism.

Small made-up sites are built in temporary folders with the command as
`invoke build` runs it (``python -m briefing.commands.build``, a process of
its own per build), except where a test needs to reach inside (progress,
Ctrl-C), which builds in this process.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.commands.build import (
    BuildError,
    BuildOptions,
    build,
    output_folder,
    shows_progress,
)
from conftest import ROOT
from sourcefactory import WIRE_TEXT

QUIET_ENV = dict(os.environ, COLUMNS="400", TERM="dumb", NO_COLOR="1")
QUIET_ENV.pop("CI", None)

UNATTRIBUTED = (
    "Harbour reopens after storm\n\n"
    "The harbour in Valmora reopened on Monday after a week of repairs.\n\n"
    '"The quay is safe again and the ferries will run," a notice on the harbour gate read.\n'
)


# --------------------------------------------------------------------------
# made-up sites
# --------------------------------------------------------------------------


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def brief(content: Path, slug: str, sources: dict[str, str | bytes], meta: str = "", note: str = "") -> None:
    write(content / "briefs" / slug / "brief.md", f"Title: Brief {slug}\nDate: 2024-05-06\n{meta}\n{note}\n")
    for name, text in sources.items():
        write(content / "briefs" / slug / "sources" / name, text)


def good_content(root: Path) -> Path:
    content = root / "content"
    brief(content, "dock-strike", {"northwire.txt": "Outlet: Northwire\n\n" + WIRE_TEXT + "\n"})
    return content


def settings_file(root: Path, extra: str = "") -> Path:
    """Development settings of the project, with the project's theme and plugin, plus ``extra`` lines."""
    base = ROOT / "pelican.conf.py"
    return write(root / "site.conf.py", "\n".join([
        "import runpy",
        f"globals().update((k, v) for k, v in runpy.run_path({str(base)!r}).items() if k.isupper())",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
        extra,
        "",
    ]))


def run_build(content: Path, output: Path, settings: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing.commands.build", str(content), "-s", str(settings), "-o", str(output), *flags],
        cwd=ROOT, capture_output=True, text=True, env=QUIET_ENV, timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def previous_output(root: Path) -> Path:
    """An output folder from an earlier build: a few files and folders to compare byte for byte."""
    output = root / "output"
    write(output / "index.html", "<!DOCTYPE html><title>the last good build</title>")
    write(output / "briefs" / "old" / "index.html", "old brief")
    write(output / "briefs" / "old" / "brief.json", b'{"schema": "briefing/1"}\n')
    (output / "empty-folder").mkdir()
    return output


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.build-"))


# --------------------------------------------------------------------------
# atomic: a failed build changes nothing, a good one replaces the folder
# --------------------------------------------------------------------------


def test_a_good_build_replaces_the_output_folder(tmp_path):
    output = previous_output(tmp_path)
    result = run_build(good_content(tmp_path), output, settings_file(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (output / "briefs" / "dock-strike" / "index.html").is_file()
    assert (output / "briefs" / "dock-strike" / "brief.json").is_file()
    assert not (output / "briefs" / "old").exists() and not (output / "empty-folder").exists()
    assert leftovers(output) == []


def broken_setting(root: Path) -> tuple[Path, Path, str]:
    return good_content(root), settings_file(root, "SITENAME = no_such_name  # a typo"), "site.conf.py:5: NameError"


def template_error(root: Path) -> tuple[Path, Path, str]:
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "brief.html"
    page.write_text(page.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    return good_content(root), settings_file(root, f"THEME = {str(theme)!r}"), "brief.html:"


def unreadable_source_in_strict_mode(root: Path) -> tuple[Path, Path, str]:
    content = good_content(root)
    brief(content, "latin", {"latin1.txt": "Outlet: Le Monde\n\nCaf\xe9 cr\xe8me.\n".encode("latin-1")})
    return content, settings_file(root), "latin1.txt"


@pytest.mark.parametrize("make", [broken_setting, template_error, unreadable_source_in_strict_mode])
def test_a_failed_build_leaves_the_output_folder_byte_identical(tmp_path, make):
    output = previous_output(tmp_path)
    before = snapshot(output)
    content, settings, named = make(tmp_path)
    result = run_build(content, output, settings, "--strict")
    assert result.returncode != 0, result.stderr
    assert snapshot(output) == before
    assert leftovers(output) == []
    assert named in result.stderr and f"{output} is unchanged" in result.stderr, result.stderr


def test_a_failed_first_build_creates_no_output_folder(tmp_path):
    content, settings, _ = template_error(tmp_path)
    output = tmp_path / "new" / "output"
    assert run_build(content, output, settings).returncode != 0
    assert not output.exists() and leftovers(output) == []


def test_a_symlinked_output_folder_stays_a_symlink_to_the_new_site(tmp_path):
    real = previous_output(tmp_path / "www")
    link = tmp_path / "output"
    link.symlink_to(real, target_is_directory=True)
    result = run_build(good_content(tmp_path), link, settings_file(tmp_path))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert (real / "briefs" / "dock-strike" / "index.html").is_file()
    assert not (real / "briefs" / "old").exists()
    assert leftovers(real) == [] and leftovers(link) == []


def test_what_output_retention_names_is_kept_from_the_old_folder(tmp_path):
    output = previous_output(tmp_path)
    write(output / ".git" / "HEAD", "ref: refs/heads/pages\n")
    write(output / ".nojekyll", "")
    result = run_build(good_content(tmp_path), output, settings_file(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (output / ".git" / "HEAD").read_text() == "ref: refs/heads/pages\n"
    assert (output / ".nojekyll").is_file()


def test_an_output_folder_that_holds_the_content_is_refused(tmp_path):
    content = good_content(tmp_path)
    options = BuildOptions(settings_file(tmp_path), content, tmp_path)
    with pytest.raises(BuildError, match="holds the content folder"):
        output_folder(options)
    result = run_build(content, tmp_path, options.settings)
    assert result.returncode != 0 and "holds the content folder" in result.stderr
    assert (content / "briefs" / "dock-strike" / "brief.md").is_file()


def test_ctrl_c_mid_build_removes_the_temporary_folder_and_keeps_the_output(tmp_path, monkeypatch):
    import briefing.commands.build as command

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "broken_links", interrupt)  # runs after Pelican has written the site
    output = previous_output(tmp_path)
    before = snapshot(output)
    options = BuildOptions(settings_file(tmp_path, "BRIEFING_SEARCH = False"), good_content(tmp_path), output)
    with pytest.raises(KeyboardInterrupt):
        build(options, stderr=io.StringIO(), env={})
    assert snapshot(output) == before and leftovers(output) == []


# --------------------------------------------------------------------------
# strict: every problem, summarised at the end
# --------------------------------------------------------------------------


def several_problems(root: Path) -> Path:
    content = good_content(root)
    brief(content, "latin", {"latin1.txt": "Outlet: Le Monde\n\nCaf\xe9 cr\xe8me.\n".encode("latin-1")})
    brief(content, "empty", {"empty.txt": b"", "wire.txt": "Outlet: Northwire\n\n" + WIRE_TEXT + "\n"})
    brief(content, "checked", {"notice.txt": "Outlet: Northwire\n\n" + UNATTRIBUTED}, meta="Checked: yes")
    brief(
        content, "linked", {"wire.txt": "Outlet: Northwire\n\n" + WIRE_TEXT + "\n"},
        note="See [the earlier brief](../no-such-brief/index.html).",
    )
    return content


def summary_of(stderr: str) -> list[str]:
    """The lines of the summary at the end: after "N problem(s):"."""
    lines = stderr.splitlines()
    start = max(i for i, line in enumerate(lines) if line.endswith("problem(s):"))
    count = int(lines[start].split()[0])
    items = [line.strip() for line in lines[start + 1:] if line.startswith("  ")]
    assert len(items) == count
    return items


def test_strict_lists_every_problem_at_the_end_and_fails(tmp_path):
    output = tmp_path / "output"
    result = run_build(several_problems(tmp_path), output, settings_file(tmp_path), "--strict")
    assert result.returncode == 1, result.stderr
    summary = summary_of(result.stderr)
    expected = [
        ("latin1.txt:3:", "UTF-8"),
        ("empty.txt", "empty"),
        ("notice.txt:7:", "has no speaker"),
        ("broken link:", "no-such-brief/index.html"),
    ]
    for where, what in expected:
        assert [line for line in summary if where in line and what in line], (where, summary)
    assert len(summary) == len(expected), summary
    assert not output.exists()


def test_a_development_build_warns_and_builds_the_rest(tmp_path):
    output = tmp_path / "output"
    result = run_build(several_problems(tmp_path), output, settings_file(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(summary_of(result.stderr)) == 4
    assert "with warnings" in result.stderr
    assert (output / "briefs" / "dock-strike" / "index.html").is_file()
    assert (output / "briefs" / "checked" / "index.html").is_file()


def test_a_settings_file_that_asks_for_strict_is_strict_without_the_flag(tmp_path):
    result = run_build(several_problems(tmp_path), tmp_path / "output", settings_file(tmp_path, "BRIEFING_STRICT = True"))
    assert result.returncode == 1 and len(summary_of(result.stderr)) == 4, result.stderr


def test_pelicans_own_warnings_fail_a_strict_build_too(tmp_path):
    content = good_content(tmp_path)
    write(content / "pages" / "about.md", "Title: About\nDate: not a date\n\nAbout us.\n")
    result = run_build(content, tmp_path / "output", settings_file(tmp_path), "--strict")
    assert result.returncode == 1, result.stderr
    assert [line for line in summary_of(result.stderr) if "about.md" in line], result.stderr


def test_an_unchecked_brief_may_have_a_quote_without_speaker(tmp_path):
    content = good_content(tmp_path)
    brief(content, "notice", {"notice.txt": "Outlet: Northwire\n\n" + UNATTRIBUTED})
    result = run_build(content, tmp_path / "output", settings_file(tmp_path), "--strict")
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------
# quiet and progress
# --------------------------------------------------------------------------


def test_quiet_prints_nothing_on_success(tmp_path):
    result = run_build(good_content(tmp_path), tmp_path / "output", settings_file(tmp_path), "-q")
    assert result.returncode == 0
    assert (result.stdout, result.stderr) == ("", "")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_outside_ci_without_quiet():
    assert shows_progress(Terminal(), {}, quiet=False)
    assert not shows_progress(io.StringIO(), {}, quiet=False)
    assert not shows_progress(Terminal(), {"CI": "true"}, quiet=False)
    assert not shows_progress(Terminal(), {}, quiet=True)


@pytest.mark.parametrize("env, shown", [({}, True), ({"CI": "1"}, False)])
def test_a_terminal_sees_briefs_sources_and_pages_counted(tmp_path, env, shown):
    terminal = Terminal()
    options = BuildOptions(settings_file(tmp_path), good_content(tmp_path), tmp_path / "output")
    assert build(options, stderr=terminal, env=env) == 0, terminal.getvalue()
    text = terminal.getvalue()
    assert ("briefs read: 1 (1 sources)" in text and "pages written:" in text) is shown, text
    assert text.endswith(f"built {tmp_path / 'output'}\n")


# --------------------------------------------------------------------------
# determinism: the real site, twice
# --------------------------------------------------------------------------


def test_two_builds_of_the_real_site_are_byte_identical(tmp_path):
    first, second = tmp_path / "one" / "output", tmp_path / "two" / "output"
    for output in (first, second):
        result = run_build(ROOT / "content", output, ROOT / "pelican.conf.py", "--strict")
        assert result.returncode == 0, result.stderr
    assert (first / "pagefind").is_dir()
    one, two = snapshot(first), snapshot(second)
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
