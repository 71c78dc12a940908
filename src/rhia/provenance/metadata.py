"""Layer 2 of labelling: machine-readable metadata (DOCX custom properties, PDF XMP, e-mail headers).

``properties(answer, code)`` gives the key/value pairs every format carries; ``read_metadata(kind,
content)`` reads them back from a file (empty dict when there are none).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from email import policy
from email.parser import BytesParser

from lxml import etree

from rhia.extraction import limits
from rhia.provenance.answer import ExportableAnswer
from rhia.provenance.labels import DIGITAL_SOURCE_TYPE, TOOL_NAME, ai_use_summary

RHIA_NS = "urn:rhia:provenance:1.0/"
IPTC_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC_NS = "http://purl.org/dc/elements/1.1/"
XMP_NS = "http://ns.adobe.com/xap/1.0/"
PDF_NS = "http://ns.adobe.com/pdf/1.3/"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

# metadata key -> (DOCX custom property name, XMP rhia element, e-mail header)
FIELDS = {
    "tool": ("RhiaTool", "tool", "X-Rhia-Tool"),
    "record": ("RhiaRecord", "record", "X-Rhia-Record"),
    "case_reference": ("RhiaCaseReference", "caseReference", "X-Rhia-Case"),
    "validator": ("RhiaValidator", "validator", "X-Rhia-Validator"),
    "validator_role": ("RhiaValidatorRole", "validatorRole", "X-Rhia-Validator-Role"),
    "validated_at": ("RhiaValidatedAt", "validatedAt", "X-Rhia-Validated-At"),
    "ai_use": ("RhiaAIUse", "aiUse", "X-Rhia-AI-Use"),
    "edited": ("RhiaEditedByHuman", "editedByHuman", "X-Rhia-Edited-By-Human"),
    "provider": ("RhiaProvider", "provider", "X-Rhia-Provider"),
    "model": ("RhiaModel", "model", "X-Rhia-Model"),
    "digital_source_type": ("DigitalSourceType", None, "X-Rhia-Digital-Source-Type"),
}


def iso(value: datetime | date) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()


def properties(answer: ExportableAnswer, code: str) -> dict[str, str]:
    return {
        "tool": TOOL_NAME,
        "record": code,
        "case_reference": answer.case_reference,
        "validator": answer.validator_name,
        "validator_role": answer.validator_role,
        "validated_at": iso(answer.validated_at),
        "ai_use": ai_use_summary(answer),
        "edited": "oui" if answer.edited else "non",
        "provider": answer.provider,
        "model": answer.model,
        "digital_source_type": DIGITAL_SOURCE_TYPE,
    }


# --- DOCX custom properties (docProps/custom.xml) ---------------------------------------------


def custom_properties_xml(values: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (key, value) in enumerate(values.items(), start=2):
        prop = etree.SubElement(
            root, f"{{{CUSTOM_NS}}}property", fmtid=CUSTOM_FMTID, pid=str(pid), name=FIELDS[key][0]
        )
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _member(archive: zipfile.ZipFile, name: str, archive_size: int) -> bytes | None:
    """The member's bytes, or None when it is missing or declares more than the extraction allows
    (zipfile never inflates a member past its declared size)."""
    if name not in archive.namelist():
        return None
    if archive.getinfo(name).file_size > limits.expanded_allowance(archive_size):
        return None
    return archive.read(name)


def read_docx(content: bytes) -> dict[str, str]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            raw = _member(archive, "docProps/custom.xml", len(content))
        root = etree.fromstring(raw, parser=_SAFE_PARSER) if raw else None
    except Exception:  # noqa: BLE001 - a hostile archive (any zipfile or XML error) carries no metadata
        return {}
    if root is None:
        return {}
    by_name = {names[0]: key for key, names in FIELDS.items()}
    found = {}
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        key = by_name.get(prop.get("name", ""))
        if key:
            found[key] = "".join(prop.itertext()).strip()
    return found


_ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def read_odt(content: bytes) -> dict[str, str]:
    """OpenDocument user-defined fields: what an office suite makes of the DOCX custom properties."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            raw = _member(archive, "meta.xml", len(content))
        root = etree.fromstring(raw, parser=_SAFE_PARSER) if raw else None
    except Exception:  # noqa: BLE001 - a hostile archive (any zipfile or XML error) carries no metadata
        return {}
    if root is None:
        return {}
    by_name = {names[0]: key for key, names in FIELDS.items()}
    found = {}
    for field in root.iter(f"{{{_ODF_META}}}user-defined"):
        key = by_name.get(field.get(f"{{{_ODF_META}}}name", ""))
        if key:
            found[key] = "".join(field.itertext()).strip()
    return found


# --- PDF XMP ----------------------------------------------------------------------------------


def xmp_packet(values: dict[str, str], *, title: str, description: str) -> str:
    """The <x:xmpmeta> element (fpdf2 adds the xpacket wrapper)."""
    nsmap = {"x": "adobe:ns:meta/"}
    root = etree.Element("{adobe:ns:meta/}xmpmeta", nsmap=nsmap)
    rdf = etree.SubElement(root, f"{{{RDF_NS}}}RDF", nsmap={"rdf": RDF_NS})
    description_el = etree.SubElement(
        rdf,
        f"{{{RDF_NS}}}Description",
        nsmap={"dc": DC_NS, "xmp": XMP_NS, "pdf": PDF_NS, "Iptc4xmpExt": IPTC_NS, "rhia": RHIA_NS},
    )
    description_el.set(f"{{{RDF_NS}}}about", "")
    etree.SubElement(description_el, f"{{{IPTC_NS}}}DigitalSourceType").text = values["digital_source_type"]
    for tag, text in ((f"{{{DC_NS}}}title", title), (f"{{{DC_NS}}}description", description)):
        alt = etree.SubElement(etree.SubElement(description_el, tag), f"{{{RDF_NS}}}Alt")
        item = etree.SubElement(alt, f"{{{RDF_NS}}}li")
        item.set("{http://www.w3.org/XML/1998/namespace}lang", "x-default")
        item.text = text
    etree.SubElement(description_el, f"{{{XMP_NS}}}CreatorTool").text = TOOL_NAME
    etree.SubElement(description_el, f"{{{PDF_NS}}}Producer").text = "rhia (fpdf2)"
    for key, value in values.items():
        element = FIELDS[key][1]
        if element:
            etree.SubElement(description_el, f"{{{RHIA_NS}}}{element}").text = value
    return etree.tostring(root, encoding="unicode")


def read_pdf(content: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            return {}
        metadata_ref = reader.trailer["/Root"].get("/Metadata")
        info = reader.metadata or {}
        raw = metadata_ref.get_object().get_data() if metadata_ref is not None else b""
    except Exception:  # noqa: BLE001 - an unreadable PDF simply carries no readable metadata
        return {}
    found: dict[str, str] = {}
    if raw:
        found.update(_read_xmp(raw))
    # Office suites converting a labelled DOCX may copy its custom properties into the info dictionary.
    for key, names in FIELDS.items():
        value = info.get(f"/{names[0]}")
        if value and key not in found:
            found[key] = str(value)
    return found


def _read_xmp(raw: bytes) -> dict[str, str]:
    start = raw.find(b"<x:xmpmeta")
    end = raw.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return {}
    try:
        root = etree.fromstring(raw[start : end + len(b"</x:xmpmeta>")], parser=_SAFE_PARSER)
    except etree.XMLSyntaxError:
        return {}
    found = {}
    by_element = {names[1]: key for key, names in FIELDS.items() if names[1]}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        if qname.namespace == RHIA_NS and qname.localname in by_element and element.text:
            found[by_element[qname.localname]] = element.text.strip()
        elif qname.namespace == IPTC_NS and qname.localname == "DigitalSourceType" and element.text:
            found["digital_source_type"] = element.text.strip()
    return found


# --- E-mail headers ---------------------------------------------------------------------------


def header_items(values: dict[str, str]) -> list[tuple[str, str]]:
    return [(FIELDS[key][2], value) for key, value in values.items() if value]


def read_eml(content: bytes) -> dict[str, str]:
    try:
        message = BytesParser(policy=policy.default).parsebytes(content, headersonly=True)
        return {
            key: " ".join(str(message[names[2]]).split())
            for key, names in FIELDS.items()
            if message.get(names[2])
        }
    except Exception:  # noqa: BLE001 - malformed headers: no usable metadata
        return {}


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
READERS = {"docx": read_docx, "odt": read_odt, "pdf": read_pdf, "eml": read_eml}


def read_metadata(kind: str, content: bytes) -> dict[str, str]:
    reader = READERS.get(kind)
    return reader(content) if reader else {}
