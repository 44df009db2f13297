"""How long checking and drawing a large scenario takes.

Run: DJANGO_SETTINGS_MODULE=website.settings.test .venv/bin/python bench/scenario_graph.py
Builds a 200-scene scenario in memory (three choices per scene, loops back up the graph,
twenty endings), then times the publishing checks, the layout and the SVG rendering. The
editor shows all three on every load of the edit screen, so together they should stay well
under a second.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from scenarios.graph import (  # noqa: E402
    NODE_HEIGHT,
    NODE_WIDTH,
    ChoiceEdge,
    ScenarioGraph,
    SceneNode,
    find_problems,
    layered_layout,
)

SCENES = 200
ENDING_EVERY = 10
ROUNDS = 20


def big_graph(size: int) -> ScenarioGraph:
    scenes = []
    for number in range(size):
        key = f"s{number}"
        if number % ENDING_EVERY == ENDING_EVERY - 1 or number == size - 1:
            outcome = ["good", "partial", "harmful"][number % 3]
            scenes.append(SceneNode(key=key, title=f"Einde {number}", outcome=outcome))
            continue
        targets = [number + 1, min(number + 2, size - 1), max(number - 5, 0)]
        scenes.append(
            SceneNode(
                key=key,
                title=f"Scène {number}: de leerling vertelt over het weekend",
                outcome="",
                choices=tuple(ChoiceEdge(label=f"Keuze naar {t}", target=f"s{t}") for t in targets),
            )
        )
    return ScenarioGraph(start="s0", scenes=scenes)


def timed(function) -> tuple[float, object]:
    times, result = [], None
    for _round in range(ROUNDS):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def main():
    validate_ms, problems = timed(lambda: find_problems(big_graph(SCENES)))
    graph = big_graph(SCENES)
    layout_ms, layout = timed(lambda: layered_layout(big_graph(SCENES), problems))

    def render():
        return render_to_string(
            "scenarios/admin/graph_panel.html",
            {
                "graph": graph,
                "layout": layout,
                "problems": problems,
                "datalist_id": "scenario-scene-keys",
                "node_width": NODE_WIDTH,
                "node_height": NODE_HEIGHT,
            },
        )

    svg_ms, html = timed(render)
    print(f"scenes: {SCENES}, choices: {sum(len(s.choices) for s in graph.scenes)}")
    print(f"problems found: {len(problems)} (expected 0)")
    print(f"validation (median of {ROUNDS}): {validate_ms:7.1f} ms")
    print(f"layout     (median of {ROUNDS}): {layout_ms:7.1f} ms")
    print(f"SVG render (median of {ROUNDS}): {svg_ms:7.1f} ms, {len(html) // 1024} KiB")
    print(f"total:                          {validate_ms + layout_ms + svg_ms:7.1f} ms")


if __name__ == "__main__":
    main()
