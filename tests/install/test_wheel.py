"""The package as a user gets it: the wheel built, installed into a new virtualenv without the test extra,
and a copy of a sample issue composed outside the repository from a folder outside it.

It needs pip to reach the packages (or its cache, which makes it fast); it is skipped, saying so, only
when pip cannot. Run alone: pytest -m install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pdfplumber
import pytest

pytestmark = pytest.mark.install

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "jincheng-215"
# What a project checkout has that the wheel is built from (build/ and *.egg-info are written beside them).
SOURCE_PARTS = ("pyproject.toml", "README.md", "src")
# Building and installing take about 20 s with pip's cache warm; a cold cache downloads the packages.
PIP_TIMEOUT_S = 600
COMPOSE_TIMEOUT_S = 180
# pip's words when it cannot reach an index (no network and nothing in its cache).
UNREACHABLE = ("Could not find a version that satisfies", "No matching distribution found",
               "Failed to establish a new connection", "Temporary failure in name resolution",
               "Network is unreachable")


def _env() -> dict[str, str]:
    """The environment without anything that would let the new interpreter see the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _pip(python: Path | str, *args: str, cwd: Path) -> None:
    proc = subprocess.run([str(python), "-m", "pip", *args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=PIP_TIMEOUT_S)
    if proc.returncode != 0:
        if any(s in proc.stderr for s in UNREACHABLE):
            pytest.skip(f"pip cannot reach the packages here (pip {' '.join(args[:1])}): "
                        f"{proc.stderr.strip().splitlines()[-1]}")
        raise AssertionError(f"pip {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from a copy of the checkout's sources."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "source"
    src.mkdir()
    for part in SOURCE_PARTS:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, src / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(REPO / part, src / part)
    dist = root / "dist"
    _pip(sys.executable, "wheel", "--no-deps", "-q", "-w", str(dist), str(src), cwd=root)
    wheels = list(dist.glob("issuepress-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path) -> Path:
    """A new virtualenv with only the built wheel and its runtime dependencies; its bin folder."""
    root = wheel.parent.parent
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _pip(bin_dir / "python", "install", "-q", str(wheel), cwd=root)
    return bin_dir


def test_every_file_of_the_package_is_in_the_wheel(wheel: Path) -> None:
    """Data files (the built-in layouts, py.typed, any added later) ship only when package-data names them."""
    package = REPO / "src" / "issuepress"
    files = {p.relative_to(package.parent).as_posix() for p in package.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    with zipfile.ZipFile(wheel) as zf:
        shipped = set(zf.namelist())
    assert files - shipped == set()
    assert any(f.endswith("layouts/a4-3col.yaml") for f in files)


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / "issuepress"), *args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=COMPOSE_TIMEOUT_S)


def test_the_wheel_installs_only_runtime_packages_and_none_from_the_checkout(installed: Path,
                                                                             tmp_path: Path) -> None:
    probe = ("import importlib.util as u, issuepress; print(issuepress.__file__); "
             "print(','.join(m for m in ('pytest', 'hypothesis', 'pdfplumber') if u.find_spec(m)))")
    proc = subprocess.run([str(installed / "python"), "-c", probe], cwd=tmp_path, env=_env(), capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    module_file, test_packages = proc.stdout.splitlines()
    assert Path(module_file).resolve().is_relative_to(installed.parent.resolve())
    assert test_packages == ""


def test_the_installed_command_composes_a_sample_issue_outside_the_repository(installed: Path,
                                                                             tmp_path: Path) -> None:
    issue = tmp_path / "papers" / "jincheng-215"
    shutil.copytree(SEED, issue)
    elsewhere = tmp_path / "desk"
    elsewhere.mkdir()
    assert not elsewhere.resolve().is_relative_to(REPO.resolve())
    res = _run(installed, "compose", str(issue), "-o", "jincheng.pdf", cwd=elsewhere)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    pdf = elsewhere / "jincheng.pdf"
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 4
        text = "".join((p.extract_text() or "") for p in doc.pages).replace("\n", "").replace(" ", "")
    for title in ("晋城大医院", "我院举办失能老人照护服务专题座谈会"):
        assert title in text


def test_the_installed_commands_see_the_built_in_layouts_and_a_new_issue_composes(installed: Path,
                                                                                tmp_path: Path) -> None:
    res = _run(installed, "layouts", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    listed = {ln.split()[0]: ln.split()[2] for ln in res.stdout.splitlines() if ln.strip()}
    assert set(listed) >= {"a4-3col", "tabloid-4col"}
    assert all(Path(p).resolve().is_relative_to(installed.parent.resolve()) for p in listed.values())
    res = _run(installed, "new", "fresh", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = _run(installed, "compose", "fresh", "-o", "fresh.pdf", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert ", 0 errors," in res.stdout
    res = _run(installed, "fonts", "fresh", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert any(ln.startswith("song ") for ln in res.stdout.splitlines())
