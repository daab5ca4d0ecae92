"""Make WeasyPrint's tagged PDF/A-2a output PDF/UA-1 as well: one file for the e-archive and
for screen readers.

WeasyPrint writes one variant per render. The report is rendered as PDF/A-2a (tags, the sRGB
output intent from WeasyPrint's own sRGB2014.icc, a trailer ID, printable annotations), and
this module adds what PDF/UA-1 and a careful archive need on top, with pikepdf:

- XMP naming both standards (pdfaid part 2 conformance A and pdfuaid part 1, with the PDF/A
  extension schema that declares pdfuaid), a document and instance ID, dates, the language,
  stored uncompressed (PDF/A), and the document information dictionary agreeing with it;
- /Scope on every table header cell (column headers in THead or in rows without data cells,
  row headers beside data cells), and an /IDTree for the header IDs that WeasyPrint gives
  cells' /Headers to point at;
- running headers and footers (WeasyPrint's margin boxes, which it marks as content but leaves
  out of the structure tree) re-marked as /Artifact /Pagination;
- figures whose alternative text is replaced, e.g. a chart's title by its values with units.
"""

from __future__ import annotations

import datetime
import io
import re
import uuid
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import pikepdf

# WeasyPrint marks every text box as `/Span <</MCID n>> BDC` (its pydyf writes it so).
MARKED_CONTENT = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"
PDFA_PART, PDFA_CONFORMANCE, PDFUA_PART = 2, "A", 1


@dataclass
class ArchiveInfo:
    """What the post-processing needs to know besides the PDF itself."""

    document_id: uuid.UUID
    instance_id: uuid.UUID = field(default_factory=uuid.uuid4)
    language: str = "sv"
    created: datetime.datetime | None = None
    # Replacement alternative text for figures, keyed by the text WeasyPrint wrote.
    figure_alts: Mapping[str, str] = field(default_factory=dict)


@dataclass
class ArchiveResult:
    pdf: bytes
    artifacts: int  # marked-content sequences turned into pagination artifacts
    header_cells: int  # TH cells given a /Scope
    figures: int  # figures whose /Alt was replaced


def make_archival(pdf_bytes: bytes, info: ArchiveInfo) -> ArchiveResult:
    """PDF/A-2a in, PDF/A-2a + PDF/UA-1 out (see the module docstring)."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        reachable, header_cells, figures, ids = _fix_structure(pdf, info.figure_alts)
        _set_id_tree(pdf, ids)
        artifacts = _mark_pagination_artifacts(pdf, reachable)
        _set_metadata(pdf, info)
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=False)
    return ArchiveResult(out.getvalue(), artifacts, header_cells, figures)


# --- structure tree -----------------------------------------------------------------------


def _kids(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure-element children of a node (marked-content ids and OBJRs left out)."""
    kids = node.get("/K")
    if kids is None:
        return
    items = kids if isinstance(kids, pikepdf.Array) else [kids]
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid


def _fix_structure(
    pdf: pikepdf.Pdf, figure_alts: Mapping[str, str]
) -> tuple[set[tuple[int, int]], int, int, dict[str, pikepdf.Object]]:
    """Walk the tree once: header scopes, figure alts; returns the reachable elements and IDs."""
    root = pdf.Root.get("/StructTreeRoot")
    reachable: set[tuple[int, int]] = set()
    ids: dict[str, pikepdf.Object] = {}
    header_cells = figures = 0
    if root is None:
        return reachable, 0, 0, ids
    stack: list[tuple[pikepdf.Object, str]] = [(root, "")]
    while stack:
        node, parent_type = stack.pop()
        kind = str(node.get("/S", ""))
        if node.is_indirect:
            if node.objgen in reachable:
                continue
            reachable.add(node.objgen)
        if "/ID" in node:
            ids[bytes(node.ID).decode("latin-1")] = node
        if kind == "/TR":
            header_cells += _scope_row(node, in_head=parent_type == "/THead")
        elif kind == "/Figure" and figure_alts and "/Alt" in node:
            new_alt = figure_alts.get(str(node.Alt))
            if new_alt:
                node.Alt = pikepdf.String(new_alt)
                figures += 1
        stack.extend((kid, kind) for kid in _kids(node))
    return reachable, header_cells, figures, ids


def _scope_row(row: pikepdf.Object, *, in_head: bool) -> int:
    """/Scope for a row's header cells: columns in the head or in rows of headers only."""
    cells = list(_kids(row))
    has_data = any(str(cell.S) == "/TD" for cell in cells)
    scope = pikepdf.Name.Row if has_data and not in_head else pikepdf.Name.Column
    count = 0
    for cell in cells:
        if str(cell.S) != "/TH":
            continue
        attributes = cell.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
            cell.A = attributes
        attributes.Scope = scope
        count += 1
    return count


def _set_id_tree(pdf: pikepdf.Pdf, ids: dict[str, pikepdf.Object]) -> None:
    if not ids:
        return
    names = pikepdf.Array()
    for key in sorted(ids, key=lambda k: k.encode("latin-1")):
        names.append(pikepdf.String(key.encode("latin-1")))
        names.append(ids[key])
    pdf.Root.StructTreeRoot.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _mark_pagination_artifacts(pdf: pikepdf.Pdf, reachable: set[tuple[int, int]]) -> int:
    """Marked content whose structure element is outside the tree becomes an artifact.

    WeasyPrint 70 gives margin-box text (running header, page numbers) marked-content ids
    and structure elements, but does not link those into the tree. Such content is neither
    structure nor artifact, which PDF/UA forbids; it is pagination, so it becomes
    /Artifact /Pagination, and its entries in the parent tree become null.
    """
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return 0
    nums = root.ParentTree.get("/Nums")
    if nums is None:
        return 0
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    total = 0
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in by_key:
            continue
        mcids = by_key[int(key)]
        if not isinstance(mcids, pikepdf.Array):
            continue
        orphans = set()
        for mcid, element in enumerate(mcids):
            if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable:
                orphans.add(mcid)
                mcids[mcid] = None
        if orphans:
            total += _rewrite_marked_content(page, orphans)
    return total


def _rewrite_marked_content(page: pikepdf.Page, mcids: set[int]) -> int:
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    count = 0
    for stream in streams:
        data = stream.read_bytes()

        def replace(match: re.Match[bytes]) -> bytes:
            nonlocal count
            if int(match.group(2)) in mcids:
                count += 1
                return ARTIFACT
            return match.group(0)

        new = MARKED_CONTENT.sub(replace, data)
        if new != data:
            stream.write(zlib.compress(new, 6), filter=pikepdf.Name.FlateDecode)
    return count


# --- metadata -----------------------------------------------------------------------------


def _pdf_date(moment: datetime.datetime) -> str:
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{mins:02d}'"


def _docinfo_text(pdf: pikepdf.Pdf, key: str) -> str:
    value = pdf.docinfo.get(key)
    return str(value) if value is not None else ""


def _set_metadata(pdf: pikepdf.Pdf, info: ArchiveInfo) -> None:
    moment = (info.created or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    title = _docinfo_text(pdf, "/Title")
    author = _docinfo_text(pdf, "/Author")
    subject = _docinfo_text(pdf, "/Subject")
    creator = _docinfo_text(pdf, "/Creator")
    producer = _docinfo_text(pdf, "/Producer")
    language = str(pdf.Root.get("/Lang", "")) or info.language
    xmp = _xmp(
        title=title,
        author=author,
        subject=subject,
        creator=creator,
        producer=producer,
        language=language,
        moment=moment.isoformat(),
        document_id=info.document_id,
        instance_id=info.instance_id,
    )
    # PDF/A: the metadata stream is not compressed (no /Filter).
    pdf.Root.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    date = pikepdf.String(_pdf_date(moment))
    pdf.docinfo.CreationDate = date
    pdf.docinfo.ModDate = date
    pdf.Root.Lang = pikepdf.String(language)


def _xmp(
    *,
    title: str,
    author: str,
    subject: str,
    creator: str,
    producer: str,
    language: str,
    moment: str,
    document_id: uuid.UUID,
    instance_id: uuid.UUID,
) -> bytes:
    def alt(tag: str, text: str) -> str:
        if not text:
            return ""
        return (
            f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li>'
            f"</rdf:Alt></{tag}>"
        )

    def simple(tag: str, text: str) -> str:
        return f"<{tag}>{escape(text)}</{tag}>" if text else ""

    creators = f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>"
    body = "".join(
        [
            f"<pdfaid:part>{PDFA_PART}</pdfaid:part>",
            f"<pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>",
            f"<pdfuaid:part>{PDFUA_PART}</pdfuaid:part>",
            "<dc:format>application/pdf</dc:format>",
            alt("dc:title", title),
            creators if author else "",
            alt("dc:description", subject),
            f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>",
            simple("pdf:Producer", producer),
            simple("xmp:CreatorTool", creator),
            simple("xmp:CreateDate", moment),
            simple("xmp:ModifyDate", moment),
            simple("xmp:MetadataDate", moment),
            f"<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>",
            f"<xmpMM:InstanceID>uuid:{instance_id}</xmpMM:InstanceID>",
            PDFUA_EXTENSION_SCHEMA,
        ]
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"'
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
        ' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
        ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n'
        f"{body}\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n" + " " * 1024 + '\n<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")


# PDF/A-2 accepts properties outside its predefined schemas only when the file declares them.
PDFUA_EXTENSION_SCHEMA = (
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    "<pdfaProperty:name>part</pdfaProperty:name>"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed"
    "</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property>"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>"
)
