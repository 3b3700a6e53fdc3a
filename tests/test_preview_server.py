"""`guidegen preview` under load and beside big folders, as issue 23 tried it: dropped and idle clients,
the listen backlog, the Content-Security-Policy, and watching only the files a build reads."""

from __future__ import annotations

import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .ladders import make_ladder, write_ladder
from .test_preview import _get, _start, _stop, _within

SAVE_SECONDS = 5.0  # a save seen, the small ladder rebuilt and said
QUIET_SECONDS = 1.5  # long enough for a change the watcher would see (debounce 150 ms) to have been said
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LOGO = ("<svg xmlns='http://www.w3.org/2000/svg' width='40' height='40'>"
        "<rect width='40' height='40' fill='{colour}'/></svg>")


class Preview:
    """``guidegen preview`` in a child process, what it says collected as it says it."""

    def __init__(self, *args: str, cwd: Path):
        self.process = _start("preview", *args, "--port", "0", cwd=cwd)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        first = self.wait_for("Preview: ", 30)
        self.url = first.split()[1]
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, seconds: float, since: int = 0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [line for line in self.lines[since:] if text in line]
            if found:
                return found[0]
            if self.process.poll() is not None and not found:
                break
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not said within {seconds} s: {self.lines}\n{self._stderr_if_dead()}")

    def _stderr_if_dead(self) -> str:
        return self.process.stderr.read() if self.process.poll() is not None else ""

    def stop(self) -> tuple[int, str]:
        code, _, err = _stop(self.process)
        return code, err


def _inotify_watches(pid: int) -> int:
    """How many inotify watches the process holds, from the kernel's own account of its descriptors."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) == "anon_inode:inotify":
                count += Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().count("inotify wd:")
        except OSError:
            continue
    return count


def _save_by_rename(path: Path, text: str) -> None:
    """Save as editors do: write a new file beside it, then rename it over the old one."""
    scratch = path.with_name(f".{path.name}.swp")
    scratch.write_text(text)
    os.replace(scratch, path)


def _reset(sock: socket.socket) -> None:
    """Close with a reset (RST), as a browser tab killed mid-stream or a flaky network does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@pytest.fixture()
def ladder(tmp_path):
    data = make_ladder(3, items=2, skills=2)
    data["title"] = "Careers at Initech"
    return write_ladder(tmp_path / "ladder.yaml", data)


def test_four_hundred_dropped_event_streams_leave_no_traceback_and_no_wait(ladder, tmp_path):
    preview = Preview("--ladder", str(ladder), cwd=tmp_path)
    try:
        version = re.search(r'version(?:=|=")(\d+)', _get(preview.url)).group(1)
        request = f"GET /events?page=guide&version={version} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
        streams = []
        for number in range(400):
            stream = socket.create_connection(("127.0.0.1", preview.port), timeout=10)
            stream.sendall(request)
            if number % 2:
                _reset(stream)  # gone before the answer: a tab closed at once
            else:
                streams.append(stream)
        for stream in streams:
            assert stream.recv(12).startswith(b"HTTP/1.1 200")  # streaming
            _reset(stream)  # gone mid-stream
        started = time.monotonic()
        assert "Careers at Initech" in _get(preview.url)
        assert time.monotonic() - started < 1.0
        ladder.write_text(ladder.read_text().replace("Initech", "Initrode"))  # a page change: streams would say so
        preview.wait_for("ladder.yaml changed", SAVE_SECONDS)
        time.sleep(0.5)
    finally:
        code, err = preview.stop()
    assert code == 0 and "Traceback" not in err and "Error" not in err, err[:3000]


def test_a_thousand_idle_connections_cost_no_thread_each_and_do_not_stall_a_page(ladder, tmp_path):
    preview = Preview("--ladder", str(ladder), cwd=tmp_path)
    idle = []
    try:
        idle = [socket.create_connection(("127.0.0.1", preview.port), timeout=10) for _ in range(1000)]
        time.sleep(0.5)
        started = time.monotonic()
        assert "Careers at Initech" in _get(preview.url)
        assert time.monotonic() - started < 1.0
        status = Path(f"/proc/{preview.process.pid}/status").read_text()
        threads = int(re.search(r"^Threads:\s+(\d+)", status, re.M).group(1))
        assert threads < 20, threads
    finally:
        for sock in idle:
            sock.close()
        code, err = preview.stop()
    assert code == 0 and "Traceback" not in err, err[:3000]


def test_the_listen_backlog_holds_a_burst_of_connections(ladder, tmp_path):
    preview = Preview("--ladder", str(ladder), cwd=tmp_path)
    try:
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{preview.port}"], capture_output=True, text=True)
        if listening.returncode != 0 or not listening.stdout.strip():
            pytest.skip("ss cannot list listening sockets here")
        backlog = int(listening.stdout.split()[2])  # a listening socket's Send-Q is its backlog
        assert backlog >= 128, listening.stdout
    finally:
        preview.stop()


def _policy(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers.get("Content-Security-Policy", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Security-Policy", "")


def test_every_page_carries_a_policy_that_lets_nothing_come_from_the_network(ladder, tmp_path):
    preview = Preview("--ladder", str(ladder), cwd=tmp_path)
    try:
        answers = {path: _policy(preview.url + path) for path in ("", "slides", "nothing-here")}
        answers["elsewhere"] = _policy(preview.url, host=f"attacker.example:{preview.port}")
        ladder.write_text("title: [unclosed\n")
        preview.wait_for("the page shows what to fix", SAVE_SECONDS)
        assert "YAML syntax error" in _get(preview.url)
        answers["error page"] = _policy(preview.url)
    finally:
        preview.stop()
    assert [status for status, _ in answers.values()] == [200, 200, 404, 403, 200], answers
    for name, (_, policy) in answers.items():
        directives = dict((part.split(" ", 1) + [""])[:2] for part in policy.split("; "))
        assert directives.get("default-src") == "'none'", (name, policy)
        assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", directives["script-src"]), (name, policy)
        assert directives["connect-src"] == "'self'" and directives["img-src"] == "data:", (name, policy)
        assert directives["font-src"] == "data:" and "http" not in policy, (name, policy)


def test_a_ladder_beside_thousands_of_folders_is_watched_by_its_files_alone(tmp_path):
    folder = tmp_path / "company"
    folder.mkdir()
    for number in range(3000):
        (folder / f"team-{number}").mkdir()
    base = write_ladder(folder / "base.yaml", make_ladder(3, items=2, skills=2))
    ladder = folder / "ladder.yaml"
    ladder.write_text("extends: base.yaml\ntitle: Careers at Initech\n")
    preview = Preview("--ladder", str(ladder), cwd=folder)
    try:
        watches = _inotify_watches(preview.process.pid)
        assert watches < 20, watches  # the ladder's folder and guidegen's templates, not 3,000 folders
        (folder / "team-17" / "notes.yaml").write_text("rungs: []\n")  # in a sub-folder: no build reads it
        time.sleep(QUIET_SECONDS)
        assert len(preview.lines) == 1, preview.lines
        _save_by_rename(ladder, "extends: base.yaml\ntitle: Careers at Initrode\n")
        assert preview.wait_for("changed", SAVE_SECONDS, since=1).startswith("ladder.yaml changed: rebuilt")
        assert "Careers at Initrode" in _get(preview.url)
        _save_by_rename(base, base.read_text().replace("Level 1 Engineer", "Level 1 Apprentice"))
        assert preview.wait_for("changed", SAVE_SECONDS, since=2).startswith("base.yaml changed: rebuilt")
        assert "Level 1 Apprentice" in _get(preview.url)
    finally:
        code, err = preview.stop()
    assert code == 0, err


def test_a_save_to_the_brands_logo_rebuilds_and_one_to_an_unrelated_file_does_not(ladder, tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text(LOGO.format(colour="#123456"))
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Initech\nlogo: logo.svg\ncolor:\n  primary: '#1C7ED6'\n")
    preview = Preview("--ladder", str(ladder), "--brand", str(brand), cwd=tmp_path)
    try:
        assert "Initech logo" in _get(preview.url)
        (tmp_path / "notes.yaml").write_text("title: not a ladder anyone builds\n")
        (tmp_path / "draft.svg").write_text(LOGO.format(colour="#000000"))
        time.sleep(QUIET_SECONDS)
        assert len(preview.lines) == 1, preview.lines
        _save_by_rename(logo, LOGO.format(colour="#C92A2A"))
        assert preview.wait_for("changed", SAVE_SECONDS, since=1).startswith("logo.svg changed: rebuilt")
    finally:
        code, err = preview.stop()
    assert code == 0, err


def test_a_taken_port_is_an_error_that_names_it(ladder, tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = subprocess.run([sys.executable, "-m", "guidegen", "preview", "--ladder", str(ladder), "--port",
                                 str(port)], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    finally:
        taken.close()
    assert result.returncode == 2, result.stderr
    assert f"127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


# -- the server alone, in this process, with timeouts short enough to wait for ---------------------------


def counting_pages():
    """Pages that count how often each is served: a browser's reload shows as a second serving. (Imported
    here, not above: the tests above run against any version of the preview.)"""
    from guidegen.run.serve import Pages

    class Counting(Pages):
        def __init__(self):
            super().__init__()
            self.served: list[str] = []

        def page(self, name: str) -> str:
            self.served.append(name)
            return super().page(name)

    return Counting()


@pytest.fixture()
def server():
    from guidegen.run.serve import PreviewServer, reload_script

    pages = counting_pages()
    pages.publish("guide", f"<!DOCTYPE html><p>first</p>{reload_script('guide', 1)}")
    pages.publish("slides", f"<!DOCTYPE html><p>slides</p>{reload_script('slides', 1)}")
    running = PreviewServer(pages, 0, head_timeout=0.5, event_keepalive=0.2)
    running.start()
    yield running
    running.stop()


def _closed_by_server(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
        return True
    except TimeoutError:
        return False
    except ConnectionError:
        return True


def test_idle_and_trickling_connections_are_closed_after_the_deadline_and_cost_no_thread(server):
    threads = threading.active_count()
    silent = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(200)]
    trickling = socket.create_connection(("127.0.0.1", server.port))
    kept = socket.create_connection(("127.0.0.1", server.port))
    kept.sendall(b"GET /slides HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert kept.recv(65536).startswith(b"HTTP/1.1 200")  # answered, then kept alive, then idle
    for _ in range(4):
        trickling.sendall(b"G")  # a byte at a time never makes a request's head in time
        time.sleep(0.2)
    assert threading.active_count() == threads  # 202 clients, not one more thread
    assert _get(f"http://127.0.0.1:{server.port}/").startswith("<!DOCTYPE html><p>first")
    assert all(_closed_by_server(sock, 2.0) for sock in [trickling, kept, *silent])
    for sock in [trickling, kept, *silent]:
        sock.close()


def test_an_event_stream_keeps_alive_then_says_reload_and_ends(server):
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/events?page=guide&version=1", timeout=5) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert stream.readline() == b": still here\n"  # the page is current: only a keep-alive comment
        assert stream.readline() == b"\n"
        server.pages.publish("guide", "<!DOCTYPE html><p>second</p>")
        rest = stream.read()  # to its end: the stream ends once it has said "reload"
        assert rest.replace(b": still here\n\n", b"") == b"data: reload\n\n", rest
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/events?page=guide&version=1", timeout=5) as stream:
        assert stream.read() == b"data: reload\n\n"  # out of date already: told at once, and the stream ends


def test_stopping_ends_open_event_streams_at_once(server):
    stream = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/events?page=slides&version=1", timeout=5)
    started = time.monotonic()
    server.stop()
    assert b"reload" not in stream.read()  # ended, without telling the page to reload
    assert time.monotonic() - started < 2.0
    stream.close()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (the README's test setup installs it)")
def test_chromium_shows_both_pages_under_the_policy_and_reloads_each_after_a_rebuild(ladder, tmp_path):
    """The page's styles, data: fonts and logo and its reload script are all the policy allows: a browser
    reports no violation, and the script's event stream brings the page back after a rebuild."""
    from guidegen.preview import Builder, Sources
    from guidegen.settings_model import resolve
    from guidegen.run.serve import PreviewServer

    (tmp_path / "logo.svg").write_text(LOGO.format(colour="#123456"))
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Initech\nlogo: logo.svg\n")
    pages = counting_pages()
    builder = Builder(Sources(lambda: resolve("preview", {"ladder": ladder, "brand": [brand]}), tmp_path), pages)
    assert builder.rebuild()
    server = PreviewServer(pages, 0)
    server.start()
    console = []
    try:
        for path, name in (("", "guide"), ("slides", "slides")):
            browser = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--enable-logging=stderr", "--v=0",
                                        f"http://127.0.0.1:{server.port}/{path}"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                _within(30, lambda: name in pages.served)
                assert builder.rebuild()
                _within(10, lambda: pages.served.count(name) == 2)  # the browser asked for the page again
            finally:
                browser.terminate()
                console += [line for line in browser.communicate(timeout=10)[1].splitlines() if ":CONSOLE" in line]
    finally:
        server.stop()
    assert not console, console
