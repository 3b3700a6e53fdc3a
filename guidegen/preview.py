"""``guidegen preview`` and ``guidegen build --watch``: the guide rebuilt on every save.

The preview is a small web server on 127.0.0.1 only. It serves the HTML guide at ``/`` and the
deck's slides, drawn as HTML, at ``/slides``; a watcher (watchfiles) rebuilds them when the ladder,
the brand (with its logos and fonts), the slide template or guidegen's own templates change, and each
page, told over server-sent events, reloads itself. A mistake in a file shows its ``file:line:col``
messages in the page, and the page comes back once the file is fixed.
"""

from __future__ import annotations

import html
import http.server
import socketserver
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from guidegen.errors import BuildError, InputError, InputFileError
from guidegen.resources import default_ladder_path, templates_dir

# What a change to is worth a rebuild for: ladders, brands and their assets, slide and page templates.
WATCHED_SUFFIXES = {".yaml", ".yml", ".csv", ".xlsx", ".svg", ".png", ".jpg", ".jpeg", ".ttf", ".otf", ".woff",
                    ".woff2", ".pptx", ".potx", ".j2", ".po", ".toml"}
DEBOUNCE_MS = 150  # a save often writes a file in several steps: wait this long for the last one
KEEPALIVE_SECONDS = 15


@dataclass
class Sources:
    """What the preview builds from."""

    ladder: Path | None = None
    brand: Path | None = None
    pptx_template: Path | None = None
    page_size: str = "A4"
    rung_ids: tuple[str, ...] = ()
    language: str | None = None

    def watched_folders(self) -> list[Path]:
        """The folders whose files a build reads: the ladder's (an overlay's base sits beside it), the
        brand's, the template's, and guidegen's own templates."""
        files = [path for path in (self.ladder, self.brand, self.pptx_template) if path is not None]
        folders = [path.resolve().parent for path in files] + [templates_dir()]
        if self.ladder is None:
            folders.append(default_ladder_path().parent)
        return list(dict.fromkeys(folder for folder in folders if folder.is_dir()))


@dataclass
class Pages:
    """The latest guide and slides pages; each has a version that goes up when it changes."""

    guide: str = ""
    slides: str = ""
    versions: dict[str, int] = field(default_factory=lambda: {"guide": 0, "slides": 0})
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, name: str, page: str) -> None:
        with self.changed:
            setattr(self, name, page)
            self.versions[name] += 1
            self.changed.notify_all()


def _reload_script(name: str, version: int) -> str:
    """Asks the server to say when this page changes, then reloads; tries again if the server restarts."""
    return (f'<script>(function () {{ var source = new EventSource("/events?page={name}&version={version}");'
            f' source.onmessage = function () {{ source.close(); location.reload(); }}; }})();</script>')


def _toolbar(current: str) -> str:
    links = [("guide", "/", "Guide"), ("slides", "/slides", "Slides")]
    items = " · ".join(f"<strong>{label}</strong>" if name == current
                       else f'<a style="color:#8CE99A" href="{href}">{label}</a>' for name, href, label in links)
    return (f'<div id="guidegen-preview" style="position:fixed;bottom:0.75rem;right:0.75rem;z-index:9;'
            f'background:#212529;color:#F8F9FA;font:600 13px sans-serif;padding:0.45rem 0.8rem;border-radius:6px;'
            f'opacity:0.92">{items} · live preview</div>')


def error_page(name: str, version: int, problems: list[str], title: str) -> str:
    """The page shown while a file has a mistake: each problem as the build would print it."""
    items = "".join(f"<li><code>{html.escape(problem)}</code></li>" for problem in problems)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f'<body style="font:16px/1.5 sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#212529">'
            f'<h1 style="color:#C92A2A">{html.escape(title)}</h1><p>Fix the file and save it: this page comes back '
            f'by itself.</p><ul class="problems" style="padding-left:1.2rem">{items}</ul>'
            f'{_toolbar(name)}{_reload_script(name, version)}</body></html>')


def _slides_page(body: str, title: str, name: str, version: int) -> str:
    from guidegen.deck.preview import SLIDES_CSS

    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{SLIDES_CSS}</style>'
            f'</head><body><main>{body}</main>{_toolbar(name)}{_reload_script(name, version)}</body></html>')


class Builder:
    """Builds the two pages from the settings, through the same plan as a build, into memory; publishes
    them (or what went wrong)."""

    def __init__(self, resolved, pages: Pages, on_warning=None):
        self.resolved = resolved
        self.pages = pages
        self.on_warning = on_warning or (lambda message: None)

    def rebuild(self) -> bool:
        """Both pages; False when a file has a mistake."""
        from guidegen.api import build_in_memory

        guide_version, slides_version = self.pages.versions["guide"] + 1, self.pages.versions["slides"] + 1
        try:
            reload = _toolbar("guide") + _reload_script("guide", guide_version)
            settings = self.resolved.replace(formats=("html", "pptx"))
            plan, documents = build_in_memory(settings, {"html": {"live_reload": reload}}, self.on_warning)
            from guidegen.deck.preview import slides_html

            self.pages.publish("guide", documents["html"].decode("utf-8"))
            self.pages.publish("slides", _slides_page(slides_html(documents["pptx"]), f"Slides: {plan.views[0].title}",
                                                      "slides", slides_version))
            return True
        except (InputFileError, InputError, BuildError) as error:
            problems = getattr(error, "problems", None) or [error.message]
            title = "The guide cannot be built"
        except Exception as error:  # noqa: BLE001 (the preview stays up; the page says what happened)
            problems, title = [f"internal error: {type(error).__name__}: {error}"], "The guide cannot be built"
        self.pages.publish("guide", error_page("guide", guide_version, problems, title))
        self.pages.publish("slides", error_page("slides", slides_version, problems, title))
        return False


def relevant(path: str, ignored: tuple[Path, ...] = ()) -> bool:
    """A change worth a rebuild: a file of a kind a build reads, not a hidden or temporary one, and not in
    an ``ignored`` folder (the documents a watched build writes)."""
    file = Path(path)
    return (file.suffix.lower() in WATCHED_SUFFIXES and not file.name.startswith(".") and not file.name.endswith("~")
            and not any(file.is_relative_to(folder) for folder in ignored))


def watch(folders: list[Path], stop: threading.Event, ignored: tuple[Path, ...] = ()):
    """Sets of changed paths, as they come, until ``stop`` is set. The first, empty, comes as soon as the
    folders are being watched: a save from then on is seen (an empty set also comes now and then)."""
    import logging

    from watchfiles import watch as watch_files

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # Ctrl-C is how a watch ends, not news
    ignored = tuple(folder.resolve() for folder in ignored)
    yield from watch_files(*folders, watch_filter=lambda change, path: relevant(path, ignored),
                           debounce=DEBOUNCE_MS, step=50, stop_event=stop, raise_interrupt=False,
                           yield_on_timeout=True, rust_timeout=200)


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: Pages  # set on the subclass the server makes
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 (the base class's name) - requests are not news
        pass

    def do_GET(self):  # noqa: N802 (the base class's name)
        # Only pages this machine's browser asked for by this address: a web page elsewhere cannot point a
        # name of its own at 127.0.0.1 (DNS rebinding) and read the guide through it.
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in ("127.0.0.1", "localhost"):
            self._send(403, "text/plain; charset=utf-8", b"ask for this preview at 127.0.0.1\n")
            return
        url = urlparse(self.path)
        if url.path in ("/", "/index.html", "/slides"):
            name = "slides" if url.path == "/slides" else "guide"
            with self.pages.changed:
                body = getattr(self.pages, name).encode("utf-8")
            self._send(200, "text/html; charset=utf-8", body)
        elif url.path == "/events":
            self._events(parse_qs(url.query))
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self, query: dict) -> None:
        """Server-sent events: "reload" once the page's version differs from the one it was served with."""
        name = "slides" if query.get("page", ["guide"])[0] == "slides" else "guide"
        try:
            seen = int(query.get("version", ["0"])[0])
        except ValueError:
            seen = 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while True:
                with self.pages.changed:
                    self.pages.changed.wait_for(lambda: self.pages.versions[name] != seen, KEEPALIVE_SECONDS)
                    current = self.pages.versions[name]
                if current != seen:
                    self.wfile.write(b"data: reload\n\n")
                    self.wfile.flush()
                    return
                self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True  # event streams end with the server
    allow_reuse_address = True


def serve(resolved, port: int, say, on_warning=None) -> None:
    """Build, serve on 127.0.0.1, and rebuild on every save until Ctrl-C."""
    pages = Pages()
    builder = Builder(resolved, pages, on_warning)
    sources = Sources(resolved.ladder, resolved.brand[0] if resolved.brand else None, resolved.pptx_template)
    handler = type("Handler", (_Handler,), {"pages": pages})
    try:
        server = _Server(("127.0.0.1", port), handler)
    except OSError as exc:
        raise InputError(f"cannot serve on 127.0.0.1:{port} ({exc.strerror}); choose another --port") from None
    stop = threading.Event()
    saves = watch(sources.watched_folders(), stop)
    serving = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    try:
        next(saves)  # watching from now on: a save during the first build is not missed
        builder.rebuild()
        serving.start()
        say(f"Preview: http://127.0.0.1:{server.server_address[1]}/ (slides at /slides); Ctrl-C to stop")
        for changes in saves:
            if not changes:
                continue
            started = time.monotonic()
            ok = builder.rebuild()
            names = ", ".join(sorted({Path(path).name for _, path in changes}))
            say(f"{names} changed: " + (f"rebuilt in {time.monotonic() - started:.1f} s" if ok
                                        else "the page shows what to fix"))
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if serving.is_alive():  # shutdown() waits for a loop that never started otherwise
            server.shutdown()
        server.server_close()
    say("Preview stopped.")


def watch_builds(build_once, folders: list[Path], say, output: Path | None = None) -> None:
    """``guidegen build --watch``: build, then build again on every save, saying what changed; a mistake
    in a file is reported and the watch goes on. Ends with Ctrl-C."""
    stop = threading.Event()

    def attempt() -> None:
        try:
            build_once()
        except InputFileError as error:
            for problem in error.problems:
                say(problem)
            say("Waiting for a fix...")
        except (InputError, BuildError) as error:
            say(f"Error: {error.message}")
            say("Waiting for a fix...")

    saves = watch(folders, stop, ignored=(output,) if output else ())
    try:
        next(saves)  # watching from now on: a save during the first build is not missed
        attempt()
        say("Watching for changes; Ctrl-C to stop.")
        for changes in saves:
            if not changes:
                continue
            names = ", ".join(sorted({Path(path).name for _, path in changes}))
            say(f"{names} changed: rebuilding")
            attempt()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    say("Stopped watching.")

