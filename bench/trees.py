"""This tree against another commit's code in the same run: processes alternating, a table of their results."""
import json
import os
import subprocess
import sys


def alternate(trees: dict[str, str], command, repeat: int) -> dict[str, list[dict]]:
    """{tree name: [the JSON line each process printed last]}: `command(tree)` run `repeat` times
    per tree, the trees taking turns (so that both see the same load)."""
    results = {name: [] for name in trees}
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    for _ in range(repeat):
        for name, tree in trees.items():
            out = subprocess.run([sys.executable, *command(tree)], check=True, capture_output=True, text=True, env=env)
            results[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
