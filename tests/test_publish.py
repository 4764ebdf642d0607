"""briefing.commands.publish: the rsync target and its guards, the mirror itself, gh-pages.

The mirror is tested for real against a folder on this machine (rsync treats
it as it treats a remote one, less SSH); remote targets are tested as far as
the command that would run.
"""

from __future__ import annotations

import filecmp
import subprocess
from pathlib import Path

import pytest

from briefing.commands.publish import (
    PublishError,
    Target,
    check_output,
    check_target,
    gh_pages,
    parse_target,
    publish_to,
    rsync_command,
    target_from,
)


def finished_build(root: Path) -> Path:
    """A small stand-in for output/: the files a build writes, index.html among them."""
    files = {
        "index.html": "<!DOCTYPE html><title>home</title>",
        "briefs/a/index.html": "<!DOCTYPE html><title>a</title>",
        "theme/css/site.0123abcd.css": "body {}",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def settings_file(tmp_path: Path, target: str) -> Path:
    path = tmp_path / "publish.conf.py"
    path.write_text(f"BRIEFING_PUBLISH_TARGET = {target!r}\n", encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a finished output/, and no target in the environment."""
    monkeypatch.delenv("BRIEFING_PUBLISH_TARGET", raising=False)
    root = tmp_path / "project"
    finished_build(root / "output")
    return root


# --------------------------------------------------------------------------
# where to
# --------------------------------------------------------------------------


def test_the_target_comes_from_the_settings_file_unless_the_environment_names_one(tmp_path):
    conf = settings_file(tmp_path, "me@host:/srv/www/site/")
    assert target_from(conf, environ={}) == "me@host:/srv/www/site/"
    assert target_from(conf, environ={"BRIEFING_PUBLISH_TARGET": "/srv/other/"}) == "/srv/other/"
    assert target_from(settings_file(tmp_path, ""), environ={}) == ""


def test_the_projects_publish_settings_name_no_target_by_default():
    root = Path(__file__).resolve().parents[1]
    assert target_from(root / "publish.conf.py", environ={}) == ""


def test_remote_and_local_targets_are_told_apart():
    assert parse_target("me@web1:/srv/www/site") == Target("me@web1:/srv/www/site", "me@web1", "/srv/www/site")
    assert parse_target("/srv/www/site/") == Target("/srv/www/site/", None, "/srv/www/site/")
    assert parse_target("./a:b").host is None  # rsync too reads this as a local path


@pytest.mark.parametrize(
    "spec, why",
    [
        ("", "no target"),
        ("host:", "home folder"),
        ("host:~", "home folder"),
        ("me@host:~/", "home folder"),
        ("host:www/site", "relative"),
        ("host:/", "too short"),
        ("host:/srv", "too short"),
        ("host:/srv/www/../../etc", "'..'"),
        ("rsync://host/module/", "daemon"),
        ("host::module", "daemon"),
    ],
)
def test_remote_targets_where_delete_could_reach_other_files_are_refused(spec, why, tmp_path):
    with pytest.raises(PublishError, match=why) as error:
        check_target(parse_target(spec), tmp_path, tmp_path / "output")
    assert "\n" not in str(error.value)


def test_a_remote_folder_of_its_own_is_accepted(tmp_path):
    check_target(parse_target("me@host:/srv/www/briefing/"), tmp_path, tmp_path / "output")


def test_local_targets_that_hold_the_project_the_build_or_a_home_are_refused(
    project, tmp_path_factory, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home") / "me"))
    output = project / "output"
    for folder, why in [
        ("/", "root folder"),
        (str(Path.home()), "home folder"),
        (str(Path.home().parent), "home folder"),
        (str(project), "the project"),
        (str(project.parent), "the project"),
        (str(output), "output"),
        (str(output / "briefs"), "inside the build"),
        ("site-copy/", "relative"),
    ]:
        with pytest.raises(PublishError, match=why):
            check_target(parse_target(folder), project, output)
    check_target(parse_target(str(project.parent / "www")), project, output)


def test_an_unfinished_build_is_never_mirrored(tmp_path):
    (tmp_path / "output" / "theme").mkdir(parents=True)
    with pytest.raises(PublishError, match="not a finished build"):
        check_output(tmp_path / "output")
    with pytest.raises(PublishError, match="not a finished build"):
        check_output(tmp_path / "missing")


def test_the_rsync_command_mirrors_the_contents_of_output_and_deletes_only_in_the_target(tmp_path):
    target = parse_target("me@host:/srv/www/site")
    command = rsync_command("rsync", tmp_path / "output", target, dry_run=False)
    assert command[0] == "rsync"
    assert command[-2] == str((tmp_path / "output").resolve()) + "/"
    assert command[-1] == "me@host:/srv/www/site/"
    assert "--delete-after" in command and "--dry-run" not in command
    plan = rsync_command("rsync", tmp_path / "output", target, dry_run=True)
    assert {"--dry-run", "--itemize-changes"} <= set(plan)


def test_a_missing_rsync_is_reported_with_how_to_install_it(project, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    conf = settings_file(tmp_path, str(tmp_path / "www"))
    with pytest.raises(PublishError, match="apt-get install rsync"):
        publish_to(project / "output", project, conf)


# --------------------------------------------------------------------------
# the mirror, for real, into a folder on this machine
# --------------------------------------------------------------------------


def test_a_dry_run_shows_the_plan_and_a_real_run_mirrors_output(project, tmp_path, capfd):
    output = project / "output"
    www = tmp_path / "www"
    (www / "old").mkdir(parents=True)
    (www / "old" / "gone.html").write_text("a page the build no longer has", encoding="utf-8")
    conf = settings_file(tmp_path, str(www) + "/")

    publish_to(output, project, conf, dry_run=True)
    plan = capfd.readouterr().out
    assert ">f+++++++++ index.html" in plan
    assert ">f+++++++++ theme/css/site.0123abcd.css" in plan
    assert "*deleting   old/gone.html" in plan
    assert sorted(p.name for p in www.rglob("*")) == ["gone.html", "old"], "a dry run changed the target"

    publish_to(output, project, conf)
    comparison = filecmp.dircmp(output, www)
    assert not comparison.left_only and not comparison.right_only and not comparison.diff_files
    assert sorted(p.relative_to(www).as_posix() for p in www.rglob("*") if p.is_file()) == [
        "briefs/a/index.html", "index.html", "theme/css/site.0123abcd.css",
    ]
    assert (www / "index.html").read_bytes() == (output / "index.html").read_bytes()

    (output / "index.html").write_text("<!DOCTYPE html><title>changed</title>", encoding="utf-8")
    capfd.readouterr()
    publish_to(output, project, conf, dry_run=True)
    changes = [line for line in capfd.readouterr().out.splitlines() if line.startswith((">f", "*del"))]
    assert [c.split()[-1] for c in changes] == ["index.html"], "the plan lists only the changed file"


def test_the_environment_target_wins_in_a_real_run(project, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_PUBLISH_TARGET", str(tmp_path / "from-env"))
    publish_to(project / "output", project, settings_file(tmp_path, str(tmp_path / "from-conf")))
    assert (tmp_path / "from-env" / "index.html").is_file()
    assert not (tmp_path / "from-conf").exists()


# --------------------------------------------------------------------------
# gh-pages
# --------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.org")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "README").write_text("project", encoding="utf-8")
    git(root, "add", "README")
    git(root, "commit", "-q", "-m", "start")
    finished_build(root / "output")
    return root


def test_gh_pages_commits_the_site_with_nojekyll_and_does_not_push_unasked(repo, tmp_path):
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(repo, "remote", "add", "origin", str(origin))

    gh_pages(repo / "output", repo, "Publish the site")
    files = git(repo, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert sorted(files) == [".nojekyll", "briefs/a/index.html", "index.html", "theme/css/site.0123abcd.css"]
    assert git(repo, "log", "-1", "--format=%s", "gh-pages").strip() == "Publish the site"
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main", "the checkout moved"
    assert git(origin, "branch", "--list").strip() == "", "pushed without --push"

    gh_pages(repo / "output", repo, "Publish the site", push=True)
    assert git(origin, "branch", "--list").split() == ["gh-pages"]


def test_gh_pages_refuses_an_unfinished_build(repo):
    (repo / "output" / "index.html").unlink()
    with pytest.raises(PublishError, match="not a finished build"):
        gh_pages(repo / "output", repo, "Publish the site")
