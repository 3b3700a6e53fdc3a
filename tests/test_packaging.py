"""`pip install .` gives a working guidegen anywhere: templates and the ladder travel in the wheel."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("guidegen-*.whl")
    return built


def test_wheel_carries_templates_and_default_ladder(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("guidegen/data/ladder.yaml", "guidegen/templates/html/guide.html.j2",
                     "guidegen/templates/html/guide.css.j2", "guidegen/templates/pptx/guidegen.pptx"):
        assert required in names
    assert not any(name.startswith(("tests/", "output/")) for name in names)


def test_installed_wheel_builds_in_an_empty_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies come from the environment running the tests (the user's venv, or the system's):
    # its package folders are added after the new venv's own, where the wheel installs guidegen.
    # (system_site_packages would see the base interpreter instead, without the venv's packages.)
    inner = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    outer = dict.fromkeys(sysconfig.get_paths()[name] for name in ("purelib", "platlib"))
    Path(inner, "outer-environment.pth").write_text("".join(f"{folder}\n" for folder in outer))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, capture_output=True)
    where = subprocess.run([str(python), "-c", "import guidegen.resources as r; print(r.templates_dir())"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert where.startswith(str(env_dir)), where
    work = tmp_path / "empty"
    work.mkdir()
    result = subprocess.run([str(env_dir / "bin" / "guidegen"), "build"], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (work / "output").iterdir()) == ["career-guide.pdf", "training-deck.pptx"]
