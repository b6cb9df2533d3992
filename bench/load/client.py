"""Virtual users on plain http.client (no dependency): a weighted mix of pages, timed, checked."""
import http.client
import random
import re
import statistics
import threading
import time
import uuid
from urllib.parse import urlencode

from bench.load.seed import CATEGORIES, COMMUNES, KINDS, PASSWORD, words

MIX = {"browse": 30, "search": 25, "listing": 25, "login": 10, "post": 10}
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FRAGMENT = re.compile(r'data-fragment="([^"]+)"')
ORG_OPTION = re.compile(r'<option[^>]*value="(structure-[0-9]+)"')


class Stats:
    def __init__(self):
        self.samples, self.errors, self.lock = {}, [], threading.Lock()
        self.posted, self.lost_answers = [], 0  # titles answered 302 by the app / posts without an answer

    def add(self, label, seconds, status, at):
        with self.lock:
            self.samples.setdefault(label, []).append((at, seconds, status))

    def error(self, label, what, at):
        with self.lock:
            self.errors.append((at, label, what))

    def slowest(self, n: int) -> list[tuple]:
        """The n slowest requests: (page, seconds after the start, ms)."""
        every = [(label, at - self.started, s) for label, rows in self.samples.items() for at, s, _ in rows]
        return [(label, round(at, 1), round(s * 1000)) for label, at, s in sorted(every, key=lambda r: -r[2])[:n]]

    def ramp(self) -> dict:
        """Requests sent while the users were still arriving (before `started`): not in the table, still checked."""
        early = [(s, st) for rows in self.samples.values() for at, s, st in rows if at < self.started]
        return {"requests": len(early), "5xx": sum(st >= 500 for _, st in early),
                "errors": sum(1 for at, _, _ in self.errors if at < self.started),
                "max_ms": round(max((s for s, _ in early), default=0) * 1000)}

    def table(self, duration: float) -> list[dict]:
        """Per page, the requests sent from `started` (after the ramp) on."""
        rows = []
        for label in sorted(self.samples):
            measured = [(s, st) for at, s, st in self.samples[label] if at >= self.started]
            if not measured:
                continue
            times = sorted(s for s, _ in measured)
            statuses = [st for _, st in measured]
            q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
            rows.append({"page": label, "requests": len(times), "rps": round(len(times) / duration, 1),
                         "p50_ms": round(q[49] * 1000), "p95_ms": round(q[94] * 1000), "p99_ms": round(q[98] * 1000),
                         "max_ms": round(times[-1] * 1000), "5xx": sum(st >= 500 for st in statuses),
                         "errors": sum(1 for at, lab, _ in self.errors if lab == label and at >= self.started)})
        return rows


class Session:
    """One visitor: its cookies, one connection per request (gunicorn's sync workers close them).

    With several servers (`port` a list), each request goes to the next one, as a round-robin
    proxy would send them: a visitor's session cookie is good on every server (one secret key).
    """

    def __init__(self, port, stats, timeout=30.0, first=0):
        self.ports = list(port) if isinstance(port, (list, tuple)) else [port]
        self.stats, self.timeout, self.cookies, self.sent = stats, timeout, {}, first

    def request(self, label, method, path, form=None, expect=(200,)):
        body = urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Connection": "close"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        port, self.sent = self.ports[self.sent % len(self.ports)], self.sent + 1
        at, started = time.monotonic(), time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            self.stats.error(label, f"{type(exc).__name__}: {exc}", at)
            return None, None, None
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        self.stats.add(label, elapsed, response.status, at)
        if response.status not in expect:
            page = "<h1>" in text if response.status >= 500 else None
            self.stats.error(label, f"HTTP {response.status}{' (error page)' if page else ''} {path}", at)
        return response.status, response.getheader("Location"), text


class VirtualUser(threading.Thread):
    def __init__(self, n, port, stats, deadline, accounts, ids, think, mix, ramp=0.0):
        super().__init__(daemon=True, name=f"vu-{n}")
        self.rnd, self.ramp = random.Random(n), ramp
        self.port, self.stats, self.deadline, self.think = port, stats, deadline, think
        self.email, self.ids, self.mix = accounts[n % len(accounts)], ids, mix
        self.session, self.logged_in = Session(port, stats, first=n), False

    def run(self):
        labels, weights = zip(*self.mix.items())
        time.sleep(self.rnd.uniform(0, self.ramp))
        while time.monotonic() < self.deadline:
            getattr(self, self.rnd.choices(labels, weights)[0])()
            if self.think:  # never past the end: the run lasts what it says
                time.sleep(min(self.rnd.uniform(0, 2 * self.think), max(0.0, self.deadline - time.monotonic())))

    def browse(self):
        args = {"page": self.rnd.randint(1, 20)}
        for name, values in (("kind", KINDS), ("category", CATEGORIES), ("commune", COMMUNES)):
            if self.rnd.random() < 0.3:
                args[name] = self.rnd.choice(values)
        self.session.request("browse", "GET", f"/annonces/?{urlencode(args)}")

    def search(self):
        self.session.request("search", "GET", f"/annonces/?{urlencode({'q': self.rnd.choice(words())})}")

    def listing(self):
        """The listing page, then what a browser fetches right after it (its suggestions)."""
        first, last = self.ids
        _, _, page = self.session.request("listing", "GET", f"/annonces/{self.rnd.randint(first, last)}")
        for part in FRAGMENT.findall(page or ""):
            self.session.request("listing matches", "GET", part.replace("&amp;", "&"))

    def login(self):
        self.session, self.logged_in = Session(self.port, self.stats, first=self.session.sent), False
        _, _, page = self.session.request("login form", "GET", "/connexion")
        token = TOKEN.search(page or "")
        if token:
            status, location, _ = self.session.request("login", "POST", "/connexion", {
                "csrf_token": token.group(1), "email": self.email, "password": PASSWORD}, expect=(302,))
            self.logged_in = status == 302 and "/mon-espace" in (location or "")

    def post(self):
        if not self.logged_in:
            self.login()
            if not self.logged_in:
                return  # counted under "login"
        _, _, page = self.session.request("post form", "GET", "/annonces/nouvelle")
        token, org = TOKEN.search(page or ""), ORG_OPTION.search(page or "")
        if not (token and org):
            return
        title = f"Charge {uuid.uuid4().hex[:12]} sono à prêter"
        status, location, _ = self.session.request("post", "POST", "/annonces/nouvelle", {
            "csrf_token": token.group(1), "organization": org.group(1), "kind": "offer", "category": "equipment",
            "title": title, "description": "Annonce créée par le test de charge.", "commune": "Vichy",
            "terms": "loan", "quantity": "1", "tags": "sono; charge"}, expect=(302,))
        with self.stats.lock:
            if status == 302 and "/annonces/" in (location or ""):
                self.stats.posted.append(title)
            elif status is None:
                self.stats.lost_answers += 1


def run(port, users, seconds, accounts, ids, think=0.0, mix=None, during=None, ramp=0.0) -> Stats:
    """`users` virtual users arriving at random during `ramp` seconds, then all of them for `seconds` (measured).

    `port`: one server's, or a list (requests go round-robin, see Session).

    Without a ramp every user sends its first request in the same millisecond: with 50 users
    that burst alone is over 5 % of a 60 s run and sets the p95 (measured: ~1.1 s for the
    last of 50 simultaneous requests on 2 workers). Users who arrive over a few seconds, as
    after a newsletter, are closer to life; the ramp's requests are checked (5xx, errors), not timed.
    `during(stats, started)` runs in this thread meanwhile (faults), `started` being the end of the ramp.
    """
    stats = Stats()
    started = stats.started = time.monotonic() + ramp
    crowd = [VirtualUser(n, port, stats, started + seconds, accounts, ids, think, mix or MIX, ramp)
             for n in range(users)]
    for vu in crowd:
        vu.start()
    if during:
        during(stats, started)
    for vu in crowd:
        vu.join()
    stats.duration = time.monotonic() - started
    return stats
