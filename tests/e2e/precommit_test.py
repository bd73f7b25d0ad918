#!/usr/bin/env python3
"""End-to-end test of the pre-commit hook this repository offers
(.pre-commit-hooks.yaml): a fresh git repository uses it as a consumer
would, through `pre-commit install` and real `git commit`s, with the built
plumb on PATH.

Nothing outside a temporary directory is touched: HOME, PRE_COMMIT_HOME and
git's configuration all point into it, and the hook repository is a local
path, so no network is used.

Without git or pre-commit the test is skipped (exit 77, which meson reports
as SKIP); with CI=true it fails instead, so CI cannot pass without it.

usage: precommit_test.py --plumb PATH [--root SOURCE_DIR]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLUMB = None
ROOT = HERE.parent.parent
MANIFEST = ".pre-commit-hooks.yaml"
TOOLS = ("git", "pre-commit")
ERROR_LINE = re.compile(r"^error\[E\d{4}\]", re.M)

# Two packages of three files each. Six files matter: pre-commit splits more
# than four files over parallel calls unless the hook asks for one serial
# call, and then a package would be checked (and its errors shown) twice.
ALPHA = {
    "wit/alpha/types.wit": "package demo:alpha;\n\ninterface types {\n  type id = u64;\n}\n",
    "wit/alpha/api.wit": "package demo:alpha;\n\ninterface api {\n  use types.{id};\n"
                         "  lookup: func(key: id) -> option<string>;\n}\n",
    "wit/alpha/world.wit": "package demo:alpha;\n\nworld service {\n  export api;\n}\n",
}
BETA = {
    "wit/beta/a.wit": "package demo:beta;\n\ninterface a {\n  type count = u32;\n}\n",
    "wit/beta/b.wit": "package demo:beta;\n\ninterface b {\n  use a.{count};\n"
                      "  total: func() -> count;\n}\n",
    "wit/beta/c.wit": "package demo:beta;\n\ninterface c {\n  type counts = list<u32>;\n}\n",
}
# One mistake in one file of each package: a misspelt type (found once the
# package parses) and a missing `>` (a syntax error).
API, C, G = "wit/alpha/api.wit", "wit/beta/c.wit", "wit/gamma/g.wit"
API_BROKEN = ALPHA[API].replace("option<string>", "option<strng>")
C_BROKEN = BETA[C].replace("list<u32>", "list<u32")
G_BROKEN = "package demo:gamma;\n\ninterface g {\n  type t = nope;\n}\n"


def run(*cmd, cwd, env, check=True):
    """Runs a command; stdout and stderr together, as a person would see them."""
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=180)
    if check and p.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {p.returncode}:\n{p.stdout}")
    return p


def isolated_env(tmp: Path) -> dict:
    """The caller's environment without git's variables (a test run from a
    git hook must not act on the caller's repository), with home, caches and
    configuration in `tmp`, and the built plumb first on PATH as `plumb`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    home = tmp / "home"
    bin_dir = tmp / "bin"
    home.mkdir()
    bin_dir.mkdir()
    (bin_dir / "plumb").symlink_to(PLUMB)
    env.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-cache"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "PATH": str(bin_dir) + os.pathsep + env.get("PATH", ""),
    })
    return env


def git_init(path: Path, env: dict):
    path.mkdir(parents=True)
    run("git", "-c", "init.defaultBranch=main", "init", "-q", cwd=path, env=env)
    run("git", "config", "user.name", "Plumb Test", cwd=path, env=env)
    run("git", "config", "user.email", "plumb-test@example.invalid", cwd=path, env=env)
    run("git", "config", "commit.gpgsign", "false", cwd=path, env=env)


def hook_repository(scratch: Path, env: dict):
    """The (repo, rev) a consumer's config names. pre-commit clones `repo`
    at `rev`, so that revision must hold the hook manifest being tested: the
    source checkout itself at HEAD when HEAD's manifest is the one in the
    working tree (a fresh clone, as in CI), or else (no git checkout, or the
    manifest edited or not committed yet) a scratch repository with one
    commit of the working tree's manifest."""
    manifest = (ROOT / MANIFEST).read_bytes()
    probe = dict(env, LC_ALL="C")
    top = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"], env=probe,
                         capture_output=True, text=True)
    if top.returncode == 0 and Path(top.stdout.strip()).resolve() == ROOT.resolve():
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "HEAD"], env=probe,
                              capture_output=True, text=True)
        committed = subprocess.run(["git", "-C", str(ROOT), "show", f"HEAD:{MANIFEST}"], env=probe,
                                   capture_output=True)
        if head.returncode == 0 and committed.returncode == 0 and committed.stdout == manifest:
            return str(ROOT), head.stdout.strip(), "the source checkout at HEAD"
    git_init(scratch, env)
    (scratch / MANIFEST).write_bytes(manifest)
    run("git", "add", MANIFEST, cwd=scratch, env=env)
    run("git", "commit", "-q", "-m", "hook manifest under test", cwd=scratch, env=env)
    rev = run("git", "rev-parse", "HEAD", cwd=scratch, env=env).stdout.strip()
    return str(scratch), rev, "a scratch copy of the working tree's manifest"


class PreCommitHook(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="plumb-precommit-")
        cls.tmp = Path(cls._tmp.name)
        cls.env = isolated_env(cls.tmp)
        cls.hook_repo, cls.hook_rev, where = hook_repository(cls.tmp / "hook-repo", cls.env)
        print(f"\nhook repository: {where} ({cls.hook_repo} @ {cls.hook_rev})", file=sys.stderr)
        cls.repos = 0

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def consumer(self, config=None) -> Path:
        """A fresh repository with `config` (by default, one that uses this
        repository's hook) as its .pre-commit-config.yaml, installed as
        git's pre-commit hook."""
        type(self).repos += 1
        repo = self.tmp / f"consumer-{self.repos}"
        git_init(repo, self.env)
        # JSON strings are YAML strings: any path is quoted safely.
        config = config or ("repos:\n"
                            f"  - repo: {json.dumps(self.hook_repo)}\n"
                            f"    rev: {json.dumps(self.hook_rev)}\n"
                            "    hooks:\n"
                            "      - id: plumb-check\n")
        (repo / ".pre-commit-config.yaml").write_text(config)
        run("pre-commit", "install", cwd=repo, env=self.env)
        self.assertTrue((repo / ".git" / "hooks" / "pre-commit").is_file())
        return repo

    def write(self, repo: Path, files: dict):
        for name, text in files.items():
            path = repo / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def commit(self, repo: Path, message: str, *extra):
        return run("git", "commit", "-m", message, *extra, cwd=repo, env=self.env, check=False)

    def head_subject(self, repo: Path):
        p = run("git", "log", "-1", "--format=%s", cwd=repo, env=self.env, check=False)
        return p.stdout.strip() if p.returncode == 0 else None

    def assert_errors_in(self, output: str, files):
        """Exactly one error per file named, each pointing into its file."""
        self.assertEqual(len(ERROR_LINE.findall(output)), len(files), output)
        for name in files:
            self.assertRegex(output, rf"-->\s+{re.escape(name)}:\d+:\d+", output)

    def test_manifest_is_valid_for_this_pre_commit(self):
        p = run("pre-commit", "validate-manifest", str(ROOT / MANIFEST), cwd=self.tmp, env=self.env,
                check=False)
        self.assertEqual(p.returncode, 0, p.stdout)

    def assert_broken_commit_fails_then_passes_once_fixed(self, repo: Path):
        """Errors in one file of each of two packages, staged together: the
        commit fails showing both, once each; fixed, it is made."""
        self.write(repo, {**ALPHA, **BETA, API: API_BROKEN, C: C_BROKEN})
        run("git", "add", ".", cwd=repo, env=self.env)
        broken = self.commit(repo, "add two packages")
        self.assertNotEqual(broken.returncode, 0, broken.stdout)
        self.assertRegex(broken.stdout, r"plumb check\.+Failed", broken.stdout)
        self.assertIn("- hook id: plumb-check", broken.stdout)
        self.assert_errors_in(broken.stdout, [API, C])
        self.assertIsNone(self.head_subject(repo), "the failing commit was made")

        self.write(repo, {API: ALPHA[API], C: BETA[C]})
        run("git", "add", ".", cwd=repo, env=self.env)
        fixed = self.commit(repo, "add two packages")
        self.assertEqual(fixed.returncode, 0, fixed.stdout)
        self.assertRegex(fixed.stdout, r"plumb check\.+Passed", fixed.stdout)
        self.assertEqual(self.head_subject(repo), "add two packages")

    def test_a_commit_with_errors_in_two_packages_fails_then_passes_once_fixed(self):
        self.assert_broken_commit_fails_then_passes_once_fixed(self.consumer())

    def test_only_packages_with_staged_files_are_checked(self):
        repo = self.consumer()
        self.write(repo, ALPHA)
        run("git", "add", ".", cwd=repo, env=self.env)
        first = self.commit(repo, "alpha")
        self.assertEqual(first.returncode, 0, first.stdout)
        # A broken package already in the history (committed past the hook)
        # and a broken one not added yet.
        self.write(repo, {**BETA, C: C_BROKEN})
        run("git", "add", "wit/beta", cwd=repo, env=self.env)
        self.assertEqual(self.commit(repo, "beta, broken", "--no-verify").returncode, 0)
        self.write(repo, {G: G_BROKEN})

        self.write(repo, {"wit/alpha/world.wit": ALPHA["wit/alpha/world.wit"].replace(
            "export api;", "export api;\n  import types;")})
        run("git", "add", "wit/alpha/world.wit", cwd=repo, env=self.env)
        alpha_only = self.commit(repo, "alpha imports types")
        self.assertEqual(alpha_only.returncode, 0, alpha_only.stdout)
        self.assertRegex(alpha_only.stdout, r"plumb check\.+Passed", alpha_only.stdout)
        self.assertEqual(self.head_subject(repo), "alpha imports types")

        # Once staged, the broken package is checked, and only it.
        run("git", "add", G, cwd=repo, env=self.env)
        gamma = self.commit(repo, "gamma")
        self.assertNotEqual(gamma.returncode, 0, gamma.stdout)
        self.assert_errors_in(gamma.stdout, [G])
        self.assertNotIn("wit/beta", gamma.stdout)
        self.assertEqual(self.head_subject(repo), "alpha imports types")

    def test_a_staged_dependency_checks_the_package_that_reads_it(self):
        dep = "wit/app/deps/clock/clock.wit"
        repo = self.consumer()
        self.write(repo, {
            "wit/app/app.wit": "package demo:app;\n\nworld app {\n  import demo:clock/clock;\n}\n",
            dep: "package demo:clock;\n\ninterface clock {\n  now: func() -> u64;\n}\n",
        })
        run("git", "add", ".", cwd=repo, env=self.env)
        self.assertEqual(self.commit(repo, "app").returncode, 0)
        # Only the dependency changes: its interface loses what app imports.
        self.write(repo, {dep: "package demo:clock;\n\ninterface time {\n  now: func() -> u64;\n}\n"})
        run("git", "add", dep, cwd=repo, env=self.env)
        p = self.commit(repo, "rename clock")
        self.assertNotEqual(p.returncode, 0, p.stdout)
        self.assert_errors_in(p.stdout, ["wit/app/app.wit"])

    def test_the_documented_local_hook_works_too(self):
        docs = (ROOT / "docs" / "commands" / "check.md").read_text()
        blocks = [b for b in re.findall(r"```yaml\n(.*?)```", docs, re.S) if "repo: local" in b]
        self.assertEqual(len(blocks), 1, "docs/commands/check.md shows one `repo: local` config")
        self.assert_broken_commit_fails_then_passes_once_fixed(self.consumer(blocks[0]))


def missing_tools():
    return [tool for tool in TOOLS if shutil.which(tool) is None]


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--plumb", required=True)
    ap.add_argument("--root", default=str(ROOT), help="the plumb source checkout (holds the hook manifest)")
    args, rest = ap.parse_known_args()
    PLUMB = str(Path(args.plumb).resolve())
    ROOT = Path(args.root).resolve()
    missing = missing_tools()
    if missing:
        what = " and ".join(missing)
        if os.environ.get("CI") == "true":
            print(f"precommit_test: FAIL: {what} not found, and CI=true forbids skipping "
                  "(scripts/setup.sh installs them from scripts/debian-packages.txt)", file=sys.stderr)
            sys.exit(1)
        print(f"precommit_test: SKIP: {what} not found (install {what} to test the pre-commit hook)",
              file=sys.stderr)
        sys.exit(77)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
