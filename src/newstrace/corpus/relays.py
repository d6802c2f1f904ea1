"""The relay graph as files other tools read: GraphML (networkx, yEd, Gephi) and GEXF (Gephi).

Nodes are the names in relay chains (publishers, relaying agencies, speakers); a directed edge
``a -> b`` says that ``a`` published or passed on what ``b`` said or passed on, with how many
attributions and articles carry it and the first and last publication dates; ``kind`` says whether
the text names the relay ('attribution') or reuses the source's words ('reuse', corpus/reuse.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from ..store import RelayEdge

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
GEXF = "http://gexf.net/1.3"


def _nodes(edges: Sequence[RelayEdge]) -> dict[str, str]:
    names = sorted({e.source for e in edges} | {e.target for e in edges})
    return {name: f"n{i}" for i, name in enumerate(names)}


def to_graphml(edges: Sequence[RelayEdge]) -> str:
    ET.register_namespace("", GRAPHML)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    keys = (
        ("label", "node", "string"),
        ("kind", "edge", "string"),
        ("attributions", "edge", "int"),
        ("articles", "edge", "int"),
        ("first", "edge", "string"),
        ("last", "edge", "string"),
    )
    for name, owner, kind in keys:
        ET.SubElement(root, f"{{{GRAPHML}}}key", id=name, attrib={"for": owner, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{GRAPHML}}}graph", id="relays", edgedefault="directed")
    ids = _nodes(edges)
    for name, node_id in ids.items():
        node = ET.SubElement(graph, f"{{{GRAPHML}}}node", id=node_id)
        ET.SubElement(node, f"{{{GRAPHML}}}data", key="label").text = name
    for i, e in enumerate(edges):
        edge = ET.SubElement(graph, f"{{{GRAPHML}}}edge", id=f"e{i}", source=ids[e.source], target=ids[e.target])
        for key, value in (
            ("kind", e.kind),
            ("attributions", e.attributions),
            ("articles", e.articles),
            ("first", e.first),
            ("last", e.last),
        ):
            if value is not None:
                ET.SubElement(edge, f"{{{GRAPHML}}}data", key=key).text = str(value)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def to_gexf(edges: Sequence[RelayEdge]) -> str:
    ET.register_namespace("", GEXF)
    root = ET.Element(f"{{{GEXF}}}gexf", version="1.3")
    graph = ET.SubElement(root, f"{{{GEXF}}}graph", defaultedgetype="directed", mode="static")
    attributes = ET.SubElement(graph, f"{{{GEXF}}}attributes", attrib={"class": "edge"})
    for i, (name, kind) in enumerate(
        (("articles", "integer"), ("first", "string"), ("last", "string"), ("kind", "string"))
    ):
        ET.SubElement(attributes, f"{{{GEXF}}}attribute", id=str(i), title=name, type=kind)
    ids = _nodes(edges)
    nodes = ET.SubElement(graph, f"{{{GEXF}}}nodes")
    for name, node_id in ids.items():
        ET.SubElement(nodes, f"{{{GEXF}}}node", id=node_id, label=name)
    links = ET.SubElement(graph, f"{{{GEXF}}}edges")
    for i, e in enumerate(edges):
        edge = ET.SubElement(
            links,
            f"{{{GEXF}}}edge",
            id=str(i),
            source=ids[e.source],
            target=ids[e.target],
            weight=str(e.attributions or e.articles),
        )
        values = ET.SubElement(edge, f"{{{GEXF}}}attvalues")
        for j, value in enumerate((e.articles, e.first, e.last, e.kind)):
            if value is not None:
                ET.SubElement(values, f"{{{GEXF}}}attvalue", attrib={"for": str(j), "value": str(value)})
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
