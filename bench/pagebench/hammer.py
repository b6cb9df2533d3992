"""A closed-loop HTTP client for throughput: P processes x T threads, each sending its next request
as soon as the previous one is answered (raw sockets, one connection per request as gunicorn's sync
workers close them). Answers other than 200 count as errors."""
import multiprocessing
import socket
import threading
import time


def _one(port: int, request: bytes) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        first = sock.recv(65536)
        while sock.recv(65536):
            pass
    return first.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200"))


def _process(port, paths, seconds, threads, offset, out):
    requests = [f"GET {p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode() for p in paths]
    ok, bad, deadline = [0] * threads, [0] * threads, time.monotonic() + seconds

    def loop(t):
        n = offset * threads + t
        while time.monotonic() < deadline:
            try:
                good = _one(port, requests[n % len(requests)])
            except OSError:
                good = False
            if good:
                ok[t] += 1
            else:
                bad[t] += 1
            n += 7  # every thread walks the whole list, each from its own place

    crowd = [threading.Thread(target=loop, args=(t,)) for t in range(threads)]
    for thread in crowd:
        thread.start()
    for thread in crowd:
        thread.join()
    out.put((sum(ok), sum(bad)))


def run(port: int, paths: list[str], seconds: float, processes: int = 2, threads: int = 4) -> dict:
    """{'rps', 'ok', 'errors'} for `seconds` of requests to `paths` (cycled)."""
    out = multiprocessing.get_context("fork").Queue()
    crowd = [multiprocessing.get_context("fork").Process(target=_process, args=(port, paths, seconds, threads, i, out))
             for i in range(processes)]
    started = time.monotonic()
    for proc in crowd:
        proc.start()
    results = [out.get() for _ in crowd]
    for proc in crowd:
        proc.join()
    elapsed = time.monotonic() - started
    ok, bad = sum(r[0] for r in results), sum(r[1] for r in results)
    return {"rps": round(ok / elapsed, 1), "ok": ok, "errors": bad}
