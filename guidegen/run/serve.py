"""The preview's web server: uvicorn running a small Starlette app, in a thread of its own, on 127.0.0.1.

``/`` is the guide, ``/slides`` the deck's slides, ``/events`` a server-sent event stream that says
"reload" once the page a browser shows is out of date. One event loop serves every client: an idle or
slow one costs no thread. Dropped clients end quietly (uvicorn ignores resets; Starlette ends a stream
whose client has gone). Two limits uvicorn lacks are added by ``_connection_class``: a deadline for a
request's head (uvicorn times out a keep-alive connection between requests, never one that sends
nothing or trickles its headers), and a cap on open connections below what the process may open.
Every response carries a Content-Security-Policy that allows the page's own inline styles, its data:
fonts and images and its one reload script, and nothing from the network.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import resource
import socket
import threading
import time
from collections.abc import Callable

from guidegen.errors import InputError

HOST = "127.0.0.1"
LOCAL_NAMES = ("127.0.0.1", "localhost")
PAGE_NAMES = ("guide", "slides")
BACKLOG = 1024  # connections the kernel queues until they are accepted (http.server's was 5)
MAX_CONNECTIONS = 2000  # open at once: a request beyond it is told 503, a connection far beyond it is closed
HEAD_TIMEOUT = 10.0  # seconds a connection has to send a request's head, once opened or after a response
KEEP_ALIVE = 5.0  # seconds an idle connection is kept between requests (uvicorn's timeout_keep_alive)
EVENT_KEEPALIVE = 15.0  # seconds between an event stream's comments, which keep proxies and browsers patient

# The reload script is the same text on every page (which page and version it watches are attributes), so
# one hash in the policy lets exactly it run.
RELOAD_JS = ('(function () { var me = document.currentScript, source = new EventSource("/events?page=" + '
             'me.dataset.page + "&version=" + me.dataset.version); source.onmessage = function () { '
             'source.close(); location.reload(); }; })();')
_RELOAD_HASH = base64.b64encode(hashlib.sha256(RELOAD_JS.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (f"default-src 'none'; script-src 'sha256-{_RELOAD_HASH}'; connect-src 'self'; "
                           "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
                           "form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [("Content-Security-Policy", CONTENT_SECURITY_POLICY), ("X-Content-Type-Options", "nosniff"),
                    ("Referrer-Policy", "no-referrer")]
NO_STORE = {"Cache-Control": "no-store"}


def reload_script(name: str, version: int) -> str:
    """Asks the server to say when page ``name`` changes from ``version``, then reloads; an EventSource tries
    again by itself if the server restarts."""
    return f'<script data-page="{name}" data-version="{int(version)}">{RELOAD_JS}</script>'


class Pages:
    """The latest guide and slides pages, each with a version that goes up when it changes. Published from
    the builder's thread, read by the server's loop."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pages = dict.fromkeys(PAGE_NAMES, "")
        self.versions = dict.fromkeys(PAGE_NAMES, 0)
        self._listeners: list[Callable[[], None]] = []

    def publish(self, name: str, page: str) -> None:
        with self._lock:
            self._pages[name] = page
            self.versions[name] += 1
            listeners = list(self._listeners)
        for listener in listeners:
            listener()

    def page(self, name: str) -> str:
        with self._lock:
            return self._pages[name]

    def listen(self, listener: Callable[[], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unlisten(self, listener: Callable[[], None]) -> None:
        with self._lock:
            self._listeners.remove(listener)


class _Changes:
    """Wakes the event streams, in the server's loop, when a page is published or the server stops."""

    def __init__(self, pages: Pages, keepalive: float):
        self.pages = pages
        self.keepalive = keepalive
        self.loop: asyncio.AbstractEventLoop | None = None
        self.event = asyncio.Event()
        self.stopping = False

    def wake_from_thread(self) -> None:
        try:
            self.loop.call_soon_threadsafe(self._wake)
        except (AttributeError, RuntimeError):  # no loop yet, or closed: no stream to wake
            pass

    def _wake(self) -> None:
        event, self.event = self.event, asyncio.Event()
        event.set()

    async def stream(self, name: str, seen: int):
        """"reload" once page ``name`` is no longer version ``seen``; a comment now and then meanwhile."""
        while not self.stopping:
            changed = self.event  # taken before the version is read: a publish in between still wakes us
            if self.pages.versions[name] != seen:
                yield b"data: reload\n\n"
                return
            try:
                await asyncio.wait_for(changed.wait(), self.keepalive)
            except TimeoutError:
                yield b": still here\n\n"


class _LocalOnly:
    """Only pages this machine's browser asked for by this address: a web page elsewhere cannot point a name
    of its own at 127.0.0.1 (DNS rebinding) and read the guide through it."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if host.rsplit(":", 1)[0].strip("[]").lower() not in LOCAL_NAMES:
                from starlette.responses import PlainTextResponse

                refusal = PlainTextResponse("ask for this preview at 127.0.0.1\n", 403, headers=NO_STORE)
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _app(pages: Pages, changes: _Changes):
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse, StreamingResponse
    from starlette.routing import Route

    async def page(request):
        return HTMLResponse(pages.page("slides" if request.url.path == "/slides" else "guide"), headers=NO_STORE)

    async def events(request):
        name = "slides" if request.query_params.get("page") == "slides" else "guide"
        try:
            seen = int(request.query_params.get("version", "0"))
        except ValueError:
            seen = 0
        return StreamingResponse(changes.stream(name, seen), media_type="text/event-stream", headers=NO_STORE)

    routes = [Route(path, page) for path in ("/", "/index.html", "/slides")] + [Route("/events", events)]
    return Starlette(routes=routes, middleware=[Middleware(_LocalOnly)])


def _connection_class(head_timeout: float, max_connections: int):
    """uvicorn's HTTP/1.1 connection with a deadline for each request's head, and closed on arrival when far
    more connections than ``max_connections`` are open (uvicorn itself answers 503 from that many on)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Connection(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport):
            super().connection_made(transport)
            if len(self.connections) > max_connections + max_connections // 4:
                transport.close()
            else:
                self._arm()

        def data_received(self, data: bytes) -> None:
            cycle = self.cycle
            super().data_received(data)
            if self.cycle is not cycle:  # a request's head has come in: it is being answered
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(head_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if self.cycle is None or self.cycle.response_complete:  # never one being answered
                self.transport.close()

    return Connection


def _listen(port: int) -> socket.socket:
    """The listening socket on 127.0.0.1, or an ``InputError`` naming the port that cannot be had."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait out TIME_WAIT
    try:
        sock.bind((HOST, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot serve on {HOST}:{port} ({exc.strerror}); choose another --port") from None
    return sock


def _connection_budget(wanted: int) -> int:
    """``wanted`` connections if the process may open that many files (raising its soft limit if it must),
    else as many as it may, less some for the build's own files."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + wanted // 4 + 256
    if soft != resource.RLIM_INFINITY and soft < needed:
        raised = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    return wanted if soft == resource.RLIM_INFINITY else max(16, min(wanted, (soft - 256) * 4 // 5))


class PreviewServer:
    """``pages`` served on 127.0.0.1:``port`` (0: a free one) by uvicorn in a thread: ``start()``, ``stop()``."""

    def __init__(self, pages: Pages, port: int, *, head_timeout: float = HEAD_TIMEOUT,
                 event_keepalive: float = EVENT_KEEPALIVE, max_connections: int = MAX_CONNECTIONS):
        self.pages = pages
        self.socket = _listen(port)
        self.port = self.socket.getsockname()[1]
        self.head_timeout = head_timeout
        self.max_connections = _connection_budget(max_connections)
        self._changes = _Changes(pages, event_keepalive)
        self._server = None
        self._thread: threading.Thread | None = None

    def _config(self):
        import uvicorn

        return uvicorn.Config(
            _app(self.pages, self._changes), http=_connection_class(self.head_timeout, self.max_connections),
            ws="none", lifespan="off", interface="asgi3", log_config=None, log_level="error", access_log=False,
            backlog=BACKLOG, limit_concurrency=self.max_connections, timeout_keep_alive=KEEP_ALIVE,
            timeout_graceful_shutdown=2, headers=SECURITY_HEADERS, server_header=False, proxy_headers=False)

    def start(self) -> None:
        """Serve from now on; returns once the server accepts connections."""
        import uvicorn

        self._server = uvicorn.Server(self._config())
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), name="preview-server",
                                        daemon=True)
        self._thread.start()
        while not self._server.started and self._thread.is_alive():
            time.sleep(0.01)
        if not self._server.started:
            raise RuntimeError("the preview server did not start")

    async def _serve(self) -> None:
        self._changes.loop = asyncio.get_running_loop()
        self.pages.listen(self._changes.wake_from_thread)
        try:
            await self._server.serve(sockets=[self.socket])
        finally:
            self.pages.unlisten(self._changes.wake_from_thread)

    def stop(self) -> None:
        """Ends every event stream, closes every connection, and waits for the server's thread."""
        if self._thread is None or not self._thread.is_alive():
            self.socket.close()
            return
        self._changes.stopping = True
        self._changes.wake_from_thread()
        self._server.should_exit = True
        self._thread.join(timeout=5)
