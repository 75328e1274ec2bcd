"""A plain install, not an editable one: the wheel carries the reference, the bundled document and
metadata.yml, so `okved-mapper build` works from any directory in a fresh virtual environment."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_in_a_fresh_venv_builds_from_anywhere(tmp_path):
    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)])
    wheel = next(wheels.glob("okved_mapper-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for bundled in ("mapper/_bundled/reference/okved2.csv", "mapper/_bundled/reference/okved2.meta.json",
                    "mapper/_bundled/reference/synonyms.txt", "mapper/_bundled/input/cluster-specialization.txt",
                    "mapper/_bundled/metadata.yml"):
        assert bundled in names

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run([str(venv / "bin" / "okved-mapper"), "build", "--db", str(tmp_path / "x" / "okved.db")],
                 cwd=elsewhere)
    assert "видов деятельности: 95, отраслей: 11" in result.stdout
    assert (tmp_path / "x" / "okved.db").is_file()
    shown = run([str(venv / "bin" / "okved-mapper"), "reference", "show", "25.6"], cwd=elsewhere)
    assert "Обработка металлов и нанесение покрытий на металлы" in shown.stdout
    located = run([str(venv / "bin" / "python"), "-c", "import mapper; print(mapper.__file__)"], cwd=elsewhere)
    assert str(venv) in located.stdout
