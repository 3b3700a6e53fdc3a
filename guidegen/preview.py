"""``guidegen preview`` and ``guidegen build --watch``: the guide rebuilt on every save.

The glue between the build, the server and the watcher. The preview serves (``run/serve.py``) the HTML
guide at ``/`` and the deck's slides, drawn as HTML, at ``/slides``, on 127.0.0.1 only; the watcher
(``run/watch.py``) rebuilds them when a file the build reads changes: the ladder and each ladder it
extends, the brand with its logos and fonts, the slide template, the settings file, or guidegen's own
templates. Each page, told over server-sent events, reloads itself. A mistake in a file shows its
``file:line:col`` messages in the page, and the page comes back once the file is fixed.
"""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path
from typing import Callable

from guidegen.errors import GuidegenError, InputFileError
from guidegen.resources import default_ladder_path, templates_dir
from guidegen.run.serve import Pages, reload_script
from guidegen.run.watch import WatchSet


class Sources:
    """What a watched build or the preview builds from: the settings, read again at every rebuild (a save to
    guidegen.toml takes effect), and the files they name."""

    def __init__(self, resolve: Callable[[], object], folder: Path | None = None):
        self._resolve = resolve  # the settings of this run, read afresh; raises on a bad settings file
        self.folder = folder or Path.cwd()  # where the settings file is, or would appear
        self.last = None  # the last settings read without a problem

    def settings(self):
        """The settings now; a problem in the settings file is raised, for the page or the log to show."""
        self.last = self._resolve()
        return self.last

    def watched(self) -> WatchSet:
        """The files a build reads now: the settings file, the ladder and those it extends, each brand with
        its logos and font files, the slide template; and guidegen's own templates."""
        from guidegen.input.files_read import brand_files, ladder_files
        from guidegen.settings_model import CONFIG_NAME, find_settings_file

        try:
            resolved = self.settings()
        except GuidegenError:  # the settings file has a mistake: its fix is what to wait for
            resolved = self.last
        found = find_settings_file(self.folder)
        files = [found] if found else [self.folder / CONFIG_NAME, self.folder / "pyproject.toml"]
        if resolved is not None:
            files += ladder_files(resolved.ladder or default_ladder_path())
            for brand in dict.fromkeys(resolved.brand):
                files += brand_files(brand)
            files += [resolved.pptx_template] if resolved.pptx_template is not None else []
        return WatchSet.of(files, trees=[templates_dir()])


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
            f'{_toolbar(name)}{reload_script(name, version)}</body></html>')


def _slides_page(body: str, title: str, name: str, version: int) -> str:
    from guidegen.deck.preview import SLIDES_CSS

    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{SLIDES_CSS}</style>'
            f'</head><body><main>{body}</main>{_toolbar(name)}{reload_script(name, version)}</body></html>')


class Builder:
    """Builds the two pages through the same plan as a build, into memory, and publishes them (or what went
    wrong)."""

    def __init__(self, sources: Sources, pages: Pages, on_warning=None):
        self.sources = sources
        self.pages = pages
        self.on_warning = on_warning or (lambda message: None)

    def rebuild(self) -> bool:
        """Both pages; False when a file has a mistake."""
        guide_version, slides_version = self.pages.versions["guide"] + 1, self.pages.versions["slides"] + 1
        try:
            self._publish(guide_version, slides_version)
            return True
        except GuidegenError as error:
            problems = error.problems
        except Exception as error:  # noqa: BLE001 (the preview stays up; the page says what happened)
            problems = [f"internal error: {type(error).__name__}: {error}"]
        title = "The guide cannot be built"
        self.pages.publish("guide", error_page("guide", guide_version, problems, title))
        self.pages.publish("slides", error_page("slides", slides_version, problems, title))
        return False

    def _publish(self, guide_version: int, slides_version: int) -> None:
        from guidegen.api import build_in_memory
        from guidegen.deck.preview import slides_html

        reload = _toolbar("guide") + reload_script("guide", guide_version)
        settings = self.sources.settings().replace(formats=("html", "pptx"))
        plan, documents = build_in_memory(settings, {"html": {"live_reload": reload}}, self.on_warning)
        self.pages.publish("guide", documents["html"].decode("utf-8"))
        self.pages.publish("slides", _slides_page(slides_html(documents["pptx"]), f"Slides: {plan.views[0].title}",
                                                  "slides", slides_version))


def serve(sources: Sources, port: int, say, on_warning=None) -> None:
    """Build, serve on 127.0.0.1, and rebuild on every save until Ctrl-C; a taken port is an ``InputError``."""
    from guidegen.run.serve import PreviewServer
    from guidegen.run.watch import watch

    pages = Pages()
    builder = Builder(sources, pages, on_warning)
    server = PreviewServer(pages, port)
    stop = threading.Event()
    saves = watch(sources.watched, stop)
    try:
        next(saves)  # watching from now on: a save during the first build is not missed
        builder.rebuild()
        server.start()
        say(f"Preview: http://127.0.0.1:{server.port}/ (slides at /slides); Ctrl-C to stop")
        for changes in saves:
            started = time.monotonic()
            ok = builder.rebuild()
            say(f"{_names(changes)} changed: " + (f"rebuilt in {time.monotonic() - started:.1f} s" if ok
                                                  else "the page shows what to fix"))
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        saves.close()
        server.stop()
    say("Preview stopped.")


def _names(changes) -> str:
    return ", ".join(sorted({Path(path).name for _, path in changes}))


def watch_builds(build_once, sources: Sources, say) -> None:
    """``guidegen build --watch``: build, then build again on every save to a file the build reads, saying
    what changed; a mistake in a file is reported and the watch goes on. Ends with Ctrl-C."""
    from guidegen.run.watch import watch

    stop = threading.Event()

    def attempt() -> None:
        try:
            build_once()
        except InputFileError as error:
            for problem in error.problems:
                say(problem)
            say("Waiting for a fix...")
        except GuidegenError as error:
            say(f"Error: {error.message}")
            say("Waiting for a fix...")

    saves = watch(sources.watched, stop)
    try:
        next(saves)  # watching from now on: a save during the first build is not missed
        attempt()
        say("Watching for changes; Ctrl-C to stop.")
        for changes in saves:
            say(f"{_names(changes)} changed: rebuilding")
            attempt()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        saves.close()
    say("Stopped watching.")
