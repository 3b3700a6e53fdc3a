"""Writes that stay home: `init`, `import` and `export` write only inside the folder they are given,
never over a file they read, never to a device, with the permissions the umask allows, and an
unusable place is bad input (exit 2), as it is for `build`."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.resources import default_ladder_path

from . import frameworks
from .hostile import assert_refused, run_guidegen


def guidegen(*args: str, cwd: Path):
    """``guidegen ARGS`` run in ``cwd``, in this process: (exit code, everything it printed)."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(previous)
    return result.exit_code, result.output


def refused(code_and_output, *names: str) -> None:
    code, output = code_and_output
    assert code == 2, output
    for name in names:
        assert name in output, (name, output)
    assert "Traceback" not in output and "internal error" not in output, output


@pytest.fixture
def folder(tmp_path):
    """A folder with a workbook, its CSV twin and a ladder (overlay) that extends the CSV."""
    frameworks.write_xlsx(tmp_path / "framework.xlsx")
    frameworks.write_csv(tmp_path / "framework.csv")
    (tmp_path / "overlay.yaml").write_text('extends: framework.csv\ntitle: "Our framework"\n')
    shutil.copy(default_ladder_path(), tmp_path / "ladder.yaml")
    return tmp_path


# -- nothing through a symbolic link out of the folder ------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_init_refuses_a_schema_link_that_leads_out_of_the_folder(tmp_path, force):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "p2").mkdir()
    (tmp_path / "p2" / ".schema").symlink_to("../outside")
    refused(guidegen("init", "p2", *(["--force"] if force else []), cwd=tmp_path),
            "p2/.schema/", "leads out of p2", str(outside))
    assert list(outside.iterdir()) == []
    assert [path.name for path in (tmp_path / "p2").iterdir()] == [".schema"]  # checked before writing any


def test_init_into_a_folder_that_is_a_link_writes_where_it_points(tmp_path):
    """The folder given may itself be a link: what must not happen is a link inside it leading out."""
    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to("real")
    code, output = guidegen("init", "alias", "--company", "Acme", cwd=tmp_path)
    assert code == 0, output
    assert (tmp_path / "real" / ".schema" / "ladder.schema.json").is_file()


# -- never over an input ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["framework.xlsx", "framework.csv"])
def test_import_refuses_an_output_that_is_its_input(folder, name):
    before = (folder / name).read_bytes()
    refused(guidegen("import", name, "-o", name, cwd=folder), f"{name}: is the file being read")
    assert (folder / name).read_bytes() == before


@pytest.mark.parametrize("link", ["symlink_to", "hardlink_to"])
def test_import_refuses_its_input_under_another_name(folder, link):
    getattr(folder / "other.csv", link)(folder / "framework.csv")
    before = (folder / "framework.csv").read_bytes()
    refused(guidegen("import", "framework.csv", "-o", "other.csv", cwd=folder),
            "other.csv: is the same file as framework.csv")
    assert (folder / "framework.csv").read_bytes() == before


@pytest.mark.parametrize("ladder, output", [
    ("framework.csv", "framework.csv"),  # a ladder kept as a spreadsheet
    ("overlay.yaml", "framework.csv"),  # the spreadsheet the ladder extends
    ("ladder.yaml", "ladder.yaml"),
])
def test_export_refuses_an_output_that_is_its_ladder_or_what_it_extends(folder, ladder, output):
    before = (folder / output).read_bytes()
    refused(guidegen("export", ladder, "-o", output, cwd=folder), f"{output}: is ", "being read")
    assert (folder / output).read_bytes() == before


# -- never to a device ------------------------------------------------------------------------------


# Run as root, a guidegen that failed these tests would replace the machine's own /dev/null or
# /dev/stdout by a regular file (as the code before them did). So the command line is tried on links in
# a scratch folder that lead to the devices (a failure replaces only the link), the literal device paths
# only where the user cannot write in /dev, and check_output on the literal paths, which writes nothing.
AS_ROOT = os.geteuid() == 0


@pytest.mark.parametrize("device", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/dev/null", "/dev/stderr"])
def test_device_paths_are_refused_before_anything_is_written(device):
    from guidegen.errors import InputError
    from guidegen.files import check_output

    with pytest.raises(InputError) as refusal:
        check_output(Path(device), instead="without -o, import writes the ladder to standard output")
    assert refusal.value.exit_code == 2
    assert refusal.value.message == f"{device}: is a device, not a file; without -o, import writes the " \
                                    f"ladder to standard output"


def test_import_to_a_link_to_standard_output_is_refused_and_says_how(folder):
    (folder / "out.yaml").symlink_to("/dev/stdout")  # standard output is a pipe here
    outcome = run_guidegen("import", "framework.csv", "-o", "out.yaml", cwd=folder)
    assert_refused(outcome, "out.yaml: is a FIFO", "without -o, import writes the ladder to standard output")
    assert outcome.stdout == "" and (folder / "out.yaml").is_symlink()


@pytest.mark.skipif(AS_ROOT, reason="a failure would replace the machine's /dev/stdout")
def test_import_to_dev_stdout_is_refused_and_says_how(folder):
    outcome = run_guidegen("import", "framework.csv", "-o", "/dev/stdout", cwd=folder)
    assert_refused(outcome, "/dev/stdout: is a device", "without -o, import writes the ladder to standard output")


@pytest.mark.parametrize("args", [
    ("import", "framework.csv", "-o", "null.yaml"),
    ("export", "ladder.yaml", "-o", "null.csv"),
    ("export", "ladder.yaml", "-o", "null.xlsx"),
])
def test_outputs_that_lead_to_a_device_are_refused(folder, args):
    (folder / args[-1]).symlink_to("/dev/null")
    refused(guidegen(*args, cwd=folder), f"{args[-1]}: is a device")
    assert (folder / args[-1]).is_symlink()


@pytest.mark.skipif(AS_ROOT, reason="a failure would replace the machine's /dev/null")
@pytest.mark.parametrize("args", [("import", "framework.csv", "-o", "/dev/null"),
                                  ("export", "ladder.yaml", "-o", "/dev/null")])
def test_dev_null_is_refused(folder, args):
    refused(guidegen(*args, cwd=folder), "/dev/null: is a device")


def _socket(path: Path) -> None:
    import socket

    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()  # the socket file stays


@pytest.mark.parametrize("make, kind", [(os.mkfifo, "a FIFO"), (_socket, "a socket")])
def test_an_output_that_is_a_fifo_or_a_socket_is_refused(folder, make, kind):
    make(folder / "out.yaml")
    refused(guidegen("import", "framework.csv", "-o", "out.yaml", cwd=folder), f"out.yaml: is {kind}")
    assert not (folder / "out.yaml").is_file()


def test_init_with_force_refuses_a_folder_where_a_file_goes(tmp_path):
    (tmp_path / "p" / "README.md").mkdir(parents=True)
    refused(guidegen("init", "p", "--force", cwd=tmp_path), "README.md: is a folder")
    assert not (tmp_path / "p" / "ladder.yaml").exists()


def test_init_with_force_refuses_a_file_that_is_a_link_to_a_device(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "README.md").symlink_to("/dev/null")
    refused(guidegen("init", "p", "--force", cwd=tmp_path), "README.md: is a device")
    assert (tmp_path / "p" / "README.md").is_symlink()


# -- an unusable place is exit 2, as for build ------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("init", "blocker/acme"),
    ("import", "framework.csv", "-o", "blocker/ladder.yaml"),
    ("export", "ladder.yaml", "-o", "blocker/grid.csv"),
])
def test_a_folder_that_cannot_be_made_is_exit_2(folder, args):
    """A file where the folder must be: unusable for root too (a read-only folder is not)."""
    (folder / "blocker").write_text("a file, not a folder\n")
    refused(guidegen(*args, cwd=folder), "blocker/", "choose a folder you can write to")


def _read_only_folders_hold() -> bool:
    """False for root (and anyone else who may write into a folder of mode 0555)."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        locked = Path(scratch) / "locked"
        locked.mkdir(mode=0o555)
        try:
            (locked / "probe").touch()
        except PermissionError:
            return True
        finally:
            locked.chmod(0o755)
    return False


@pytest.mark.skipif(not _read_only_folders_hold(), reason="this user writes into a read-only folder all the same")
@pytest.mark.parametrize("args", [
    ("init", "locked/acme"),
    ("import", "framework.csv", "-o", "locked/ladder.yaml"),
    ("export", "ladder.yaml", "-o", "locked/grid.xlsx"),
])
def test_a_read_only_folder_is_exit_2(folder, args):
    (folder / "locked").mkdir(mode=0o555)
    try:
        refused(guidegen(*args, cwd=folder), "locked/", "Permission denied")
    finally:
        (folder / "locked").chmod(0o755)
    assert not any(Path(folder / "locked").iterdir())


# -- permissions: the umask's for new files, the old file's for replaced ones -----------------------


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_honour_the_umask(folder, umask, expected):
    previous = os.umask(umask)
    try:
        assert guidegen("init", "acme", "--company", "Acme", cwd=folder)[0] == 0
        assert guidegen("import", "framework.xlsx", "-o", "imported.yaml", cwd=folder)[0] == 0
        assert guidegen("export", "ladder.yaml", "-o", "grid.xlsx", cwd=folder)[0] == 0
        assert guidegen("export", "ladder.yaml", "-o", "grid.csv", cwd=folder)[0] == 0
    finally:
        os.umask(previous)
    written = [*(folder / "acme").rglob("*.*"), folder / "imported.yaml", folder / "grid.xlsx", folder / "grid.csv"]
    modes = {path.relative_to(folder).as_posix(): oct(stat.S_IMODE(path.stat().st_mode))
             for path in written if path.is_file()}
    assert len(modes) == 11 and "acme/.schema/brand.schema.json" in modes
    assert set(modes.values()) == {oct(expected)}, modes
    assert not list(folder.rglob("*.part"))


def test_a_replaced_file_keeps_its_mode(folder):
    target = folder / "grid.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    assert guidegen("export", "ladder.yaml", "-o", "grid.csv", cwd=folder)[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_text(encoding="utf-8-sig") != "old\n"
