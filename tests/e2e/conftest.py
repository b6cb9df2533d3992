"""Browser journeys: the app on a live 127.0.0.1 server, Debian's Chromium, CSRF on, artefacts on failure."""
import faulthandler
import os
import re
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.e2e.a11y import audited_loads

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}
ARTIFACTS = "test-artifacts"
HANG_SECONDS = 120  # one journey takes a few seconds: past this, something waits forever


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is an `e2e` test (select with -m e2e, leave out with -m 'not e2e')."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


# The server ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def live_server(app):
    """The session app served by werkzeug on a free port of 127.0.0.1, in a daemon thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture(scope="session", autouse=True)
def _private_tempdir(tmp_path_factory):
    """whoosh's RAM index writes through tempfile.gettempdir()/MAIN.tmp, one folder for every process on
    the machine: a concurrent test run (or bench) deletes it under our writer, whose write lock then leaks
    and the next commit waits forever. Give this run its own temporary folder (market/search should
    give each RAM index its own name; until then, this)."""
    previous = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("tempdir"))
    yield
    tempfile.tempdir = previous


@pytest.fixture(autouse=True)
def _fresh_index(app):
    """Rows are deleted behind the ORM after each test: the RAM search index starts empty each test too."""
    index = app.extensions.get("search")
    if index is not None:
        index.reset()
    yield


@pytest.fixture(autouse=True)
def _no_endless_hang(request):
    """A browser, a lock or a server thread that never answers: write every thread's stack to
    test-artifacts/hang-<pid>.txt and stop the run (exit status 1) instead of waiting for the CI's time limit.
    (The captured stderr would be lost with the process, hence a file.)"""
    folder = Path(request.config.rootpath) / ARTIFACTS
    folder.mkdir(exist_ok=True)
    path = folder / f"hang-{os.getpid()}.txt"
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"{request.node.nodeid} did not finish within {HANG_SECONDS} s; the threads were:\n")
        out.flush()
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=out)
        try:
            yield
        finally:
            faulthandler.cancel_dump_traceback_later()
    path.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _csrf_on(app):
    """The browser posts the forms' real CSRF tokens: prove it by turning the check on for these tests."""
    previous = app.config.get("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = previous


# The browser (pytest-playwright's fixtures, extended) -----------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative addresses in page.goto(). Also replaces pytest-playwright's own `base_url`, an instance
    method whose PytestRemovedIn10Warning the ini's ignore line cannot silence under `-W error`."""
    return live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A French browser, in France (the site is French by default whatever the browser says; see test_language).
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def new_page(request, browser, browser_context_args):
    """new_page(screen="desktop"|"phone", **context_args) -> a page in its own context (one person, its cookies).

    At the end of the test, every document loaded in those pages must have been audited
    (tests/e2e/a11y.py): a journey cannot skip the accessibility check of a page it shows.
    """
    contexts, pages = [], []

    def make(screen="desktop", **context_args):
        args = dict(browser_context_args)
        if screen == "phone":
            args.update(PHONE)
        args.update(context_args)  # e.g. locale="en-GB"
        context = browser.new_context(**args)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        audited_loads(page)  # start counting loads
        pages.append(page)
        return page

    yield make
    missed = [url for page in pages for url in audited_loads(page).missed()]
    for context in contexts:
        context.close()
    if missed and not getattr(request.node, "_e2e_failed", False):  # a failed journey stops before its audit
        pytest.fail("pages shown without an accessibility audit: " + ", ".join(missed))


@pytest.fixture
def page(new_page):
    """A desktop page (pytest-playwright's own `page` is replaced so that it is audited the same way)."""
    return new_page()


# Artefacts of a failed test -------------------------------------------------------------------

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in ("setup", "call"):
        item._e2e_failed = True
        _save_artifacts(item)
    return report


def _save_artifacts(item) -> None:
    browser = item.funcargs.get("browser")
    if browser is None:
        return
    folder = Path(item.config.rootpath) / ARTIFACTS
    folder.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("tests/e2e/")[-1]).strip("_")
    for old in folder.glob(f"{stem}-*"):  # a previous run's pictures of this test
        old.unlink(missing_ok=True)
    n = 0
    for context in browser.contexts:
        for page in context.pages:
            n += 1
            base = folder / f"{stem}-{n}"
            try:
                page.screenshot(path=f"{base}.png", full_page=True)
                Path(f"{base}.html").write_text(f"<!-- {page.url} -->\n" + page.content(), encoding="utf-8")
            except Exception as exc:  # noqa: BLE001 - a closed page must not hide the real failure
                Path(f"{base}.txt").write_text(f"could not save {page.url}: {exc}\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    from tests.e2e.a11y import AUDITS
    if not AUDITS:
        return
    phone = sum(1 for _, width, _ in AUDITS if width and width < 600)
    member = sum(1 for *_, logged_in in AUDITS if logged_in)
    terminalreporter.write_line(
        f"accessibility: {len(AUDITS)} page audits ({len({p for p, *_ in AUDITS})} distinct paths; "
        f"{len(AUDITS) - phone} desktop, {phone} phone; {len(AUDITS) - member} logged out, {member} logged in)")
