"""No import cycle between motcua's modules (grimp, the graph import-linter builds).

A cycle means two modules that cannot be understood, tested or moved apart (the
kiosk window and its screens were one: screens now see a narrow KioskShell).
Imports under TYPE_CHECKING count too: they are a dependency all the same.
"""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    modules = sorted(m for m in graph.modules if m.startswith("motcua"))
    edges = {
        m: sorted(w for w in graph.find_modules_directly_imported_by(m) if w.startswith("motcua"))
        for m in modules
    }
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, []))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_finder_sees_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for m in ("motcua.a", "motcua.b", "motcua.c"):
        graph.add_module(m)
    graph.add_import(importer="motcua.a", imported="motcua.b")
    graph.add_import(importer="motcua.b", imported="motcua.a")
    graph.add_import(importer="motcua.c", imported="motcua.a")
    assert _cycles(graph) == [["motcua.a", "motcua.b"]]


def test_no_import_cycles_between_modules() -> None:
    assert _cycles(grimp.build_graph("motcua")) == []
