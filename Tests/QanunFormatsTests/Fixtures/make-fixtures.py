#!/usr/bin/env python3
"""Rebuild the QanunFormatsTests fixtures from two model acts of our plain-text corpus.

    python3 Tests/QanunFormatsTests/Fixtures/make-fixtures.py            # everything
    python3 Tests/QanunFormatsTests/Fixtures/make-fixtures.py --no-soffice  # keep the existing PDFs

Sources (ground truth, the non-blank lines after the front matter):
    A = corpus/az/az_dovlet_sirri_2018.txt
    B = corpus/ru/ru_ob_elektronnom_dokumente_2017.txt

Needs (Debian): libreoffice-writer-nogui poppler-utils hyphen-ru hyphen-en-us fonts-dejavu-core.
Python standard library only. Every generated file is checked here by a small independent reader
(DOCX: numbering, styles, tracked changes, footnotes, tables; HTML: chrome, struck text, entities;
PDF: pdftotext) and the script fails loudly if a check does not hold. See README.md.
"""

import hashlib
import html
import html.parser
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SRC_A = os.path.join(ROOT, "corpus/az/az_dovlet_sirri_2018.txt")
SRC_B = os.path.join(ROOT, "corpus/ru/ru_ob_elektronnom_dokumente_2017.txt")
BAD = os.path.join(HERE, "bad")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
AUTHOR = 'w:author="Qanun fixtures" w:date="2020-02-01T00:00:00Z"'


def fail(msg):
    sys.exit("make-fixtures: CHECK FAILED: " + msg)


def check(cond, msg):
    if not cond:
        fail(msg)


# ---------------------------------------------------------------------------------------------
# Source acts
# ---------------------------------------------------------------------------------------------

def read_act(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    front = {}
    for line in m.group(1).splitlines():
        k, v = line.split(":", 1)
        front[k.strip()] = v.strip().strip('"')
    body = [l.strip() for l in text[m.end():].splitlines() if l.strip()]
    return front, body


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------
# DOCX writer. A paragraph is a dict:
#   style: pStyle id or None; num: (numId, ilvl) direct numbering or None; num_off: numId 0
#   runs: list of run tuples (see run_xml); jc; del_para: whole paragraph tracked-deleted
# A body item is a paragraph dict or ("table", rows) with rows = [[cell text, ...], ...]
# ---------------------------------------------------------------------------------------------

class Ids:
    def __init__(self):
        self.n = 100

    def next(self):
        self.n += 1
        return self.n


IDS = Ids()


def t_xml(text, tag="w:t"):
    sp = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<{tag}{sp}>{esc(text)}</{tag}>"


def rpr_xml(props):
    if not props:
        return ""
    out = ""
    if "b" in props:
        out += "<w:b/><w:bCs/>"
    if "i" in props:
        out += "<w:i/><w:iCs/>"
    if "u" in props:
        out += '<w:u w:val="single"/>'
    if "sup" in props:
        out += '<w:vertAlign w:val="superscript"/>'
    if "fnref" in props:
        out = '<w:rStyle w:val="FootnoteReference"/>' + out
    return f"<w:rPr>{out}</w:rPr>"


def run_xml(run):
    kind = run[0]
    if kind == "t":          # ("t", text, props)
        props = run[2] if len(run) > 2 else ""
        return f'<w:r w:rsidR="00A1{len(run[1]) % 97:04d}">{rpr_xml(props)}{t_xml(run[1])}</w:r>'
    if kind == "del":        # tracked deletion
        return (f'<w:del w:id="{IDS.next()}" {AUTHOR}><w:r>{rpr_xml(run[2] if len(run) > 2 else "")}'
                f'{t_xml(run[1], "w:delText")}</w:r></w:del>')
    if kind == "ins":        # tracked insertion
        return (f'<w:ins w:id="{IDS.next()}" {AUTHOR}><w:r>{rpr_xml(run[2] if len(run) > 2 else "")}'
                f'{t_xml(run[1])}</w:r></w:ins>')
    if kind == "fn":         # footnote reference
        return f'<w:r>{rpr_xml("fnref")}<w:footnoteReference w:id="{run[1]}"/></w:r>'
    if kind == "tab":
        return "<w:r><w:tab/></w:r>"
    if kind == "br":
        return "<w:r><w:br/></w:r>"
    if kind == "pagebreak":
        return '<w:r><w:br w:type="page"/></w:r>'
    if kind == "lrpb":       # what Word leaves where it last broke the page
        return "<w:r><w:lastRenderedPageBreak/></w:r>"
    if kind == "nbh":        # non-breaking hyphen: prints "-"
        return "<w:r><w:noBreakHyphen/></w:r>"
    if kind == "shy":        # optional hyphen: prints nothing unless the line breaks there
        return "<w:r><w:softHyphen/></w:r>"
    if kind == "proof":
        return f'<w:proofErr w:type="{run[1]}"/>'
    if kind == "bm":
        i = IDS.next()
        return f'<w:bookmarkStart w:id="{i}" w:name="{run[1]}"/><w:bookmarkEnd w:id="{i}"/>'
    if kind == "link":       # internal hyperlink around runs: ("link", anchor, [runs])
        return f'<w:hyperlink w:anchor="{run[1]}" w:history="1">' + "".join(run_xml(r) for r in run[2]) + "</w:hyperlink>"
    if kind == "field":      # complex field with cached result: ("field", instr, cached)
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {run[1]} </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r><w:t>{run[2]}</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    raise ValueError(kind)


def p_xml(p):
    ppr = ""
    if p.get("style"):
        ppr += f'<w:pStyle w:val="{p["style"]}"/>'
    if p.get("num_off"):
        ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
    elif p.get("num"):
        ppr += f'<w:numPr><w:ilvl w:val="{p["num"][1]}"/><w:numId w:val="{p["num"][0]}"/></w:numPr>'
    if p.get("jc") in ("center", "right"):
        ppr += '<w:ind w:firstLine="0"/>'
    if p.get("jc"):
        ppr += f'<w:jc w:val="{p["jc"]}"/>'
    if p.get("del_para"):
        ppr += f'<w:rPr><w:del w:id="{IDS.next()}" {AUTHOR}/></w:rPr>'
    body = "".join(run_xml(r) for r in p["runs"])
    x = f'<w:p w:rsidR="00A10001" w:rsidRDefault="00A10001">{"<w:pPr>" + ppr + "</w:pPr>" if ppr else ""}{body}</w:p>'
    if p.get("sdt"):         # block-level content control around the paragraph
        x = (f'<w:sdt><w:sdtPr><w:alias w:val="{p["sdt"]}"/><w:tag w:val="{p["sdt"]}"/><w:id w:val="{IDS.next()}"/></w:sdtPr>'
             f"<w:sdtContent>{x}</w:sdtContent></w:sdt>")
    return x


def tbl_xml(rows, cell_runs=None):
    cols = len(rows[0])
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    out = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
           '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
           f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
    for ri, row in enumerate(rows):
        out += "<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if ri == 0 else "")
        for ci, cell in enumerate(row):
            runs = (cell_runs or {}).get((ri, ci)) or [("t", cell, "b" if ri == 0 else "")]
            out += ('<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>'
                    + p_xml({"style": "TableText", "runs": runs}) + "</w:tc>")
        out += "</w:tr>"
    return out + "</w:tbl>"


def lvl_xml(ilvl, fmt, text, start=1, suff="space", style=None, ind=0, bold=False, jc="left", first=0):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + f'<w:suff w:val="{suff}"/><w:lvlText w:val="{esc(text)}"/><w:lvlJc w:val="{jc}"/>'
            + f'<w:pPr><w:ind w:left="{ind}" w:firstLine="{first}"/></w:pPr>'
            + ("<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else "") + "</w:lvl>")


def numbering_xml(abstracts, nums):
    """abstracts: {absId: [lvl_xml...]}, nums: {numId: (absId, {ilvl: startOverride})}"""
    out = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NS}>'
    for aid, lvls in abstracts.items():
        out += (f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="5A1B{aid:04X}"/>'
                f'<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0419001F"/>' + "".join(lvls) + "</w:abstractNum>")
    for nid, (aid, overrides) in nums.items():
        ov = "".join(f'<w:lvlOverride w:ilvl="{l}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
                     for l, s in overrides.items())
        out += f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>'
    return out + "</w:numbering>"


def styles_xml(lang, font_size, jc, heading_nums):
    """heading_nums: {styleId: (numId, ilvl)} numbering carried by the paragraph style itself."""
    def numpr(sid):
        if sid in heading_nums:
            n, l = heading_nums[sid]
            return f'<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{n}"/></w:numPr>'
        return ""
    rf = '<w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif" w:eastAsia="DejaVu Serif" w:cs="DejaVu Serif"/>'
    return f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr>{rf}<w:sz w:val="{font_size}"/><w:szCs w:val="{font_size}"/><w:lang w:val="{lang}" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="567"/><w:jc w:val="{jc}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:after="60"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{font_size + 4}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>{numpr("Heading1")}<w:ind w:firstLine="0"/><w:spacing w:before="240" w:after="60"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ChapterTitle"><w:name w:val="Chapter Title"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr><w:spacing w:before="0" w:after="200"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>{numpr("Heading2")}<w:ind w:firstLine="0"/><w:spacing w:before="200" w:after="80"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:tabs><w:tab w:val="right" w:pos="6100"/></w:tabs><w:jc w:val="left"/></w:pPr><w:rPr><w:i/><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/></w:style>
</w:styles>'''


def settings_xml(hyphenate, sep_ids):
    return f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS}>
<w:zoom w:percent="100"/><w:revisionView w:markup="0" w:insDel="0" w:formatting="0"/>{"<w:autoHyphenation/><w:consecutiveHyphenLimit w:val='0'/><w:hyphenationZone w:val='283'/>" if hyphenate else ""}
<w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>
<w:footnotePr><w:footnote w:id="{sep_ids[0]}"/><w:footnote w:id="{sep_ids[1]}"/></w:footnotePr>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>'''


def footnotes_xml(sep_ids, notes):
    out = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NS}>'
           f'<w:footnote w:type="separator" w:id="{sep_ids[0]}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
           f'<w:footnote w:type="continuationSeparator" w:id="{sep_ids[1]}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    for fid, text in notes.items():
        out += (f'<w:footnote w:id="{fid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {esc(text)}</w:t></w:r></w:p></w:footnote>')
    return out + "</w:footnotes>"


def header_xml(left, right):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {NS}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f'<w:r><w:t>{esc(left)}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{esc(right)}</w:t></w:r></w:p></w:hdr>')


def footer_xml(prefix):
    runs = ([("t", prefix)] if prefix else []) + [("field", "PAGE", "1")]
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NS}>'
            + p_xml({"style": "Footer", "runs": runs}) + "</w:ftr>")


def document_xml(body):
    parts = []
    for item in body:
        parts.append(tbl_xml(item[1], item[2] if len(item) > 2 else None) if isinstance(item, tuple) else p_xml(item))
    # A5 portrait, 2 cm margins.
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
            '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
            '<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr>'
            '<w:pgSz w:w="8391" w:h="11906"/>'
            '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>'
            '<w:cols w:space="708"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body>\n'
            + "\n".join(parts) + "\n" + sect + "</w:body></w:document>")


CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>'''

ROOT_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>'''

DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>'''


def core_xml(title, lang):
    return f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{esc(title)}</dc:title><dc:language>{lang}</dc:language><dc:creator>Qanun fixtures</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2020-02-01T00:00:00Z</dcterms:created></cp:coreProperties>'''


def zip_write(path, parts):
    """Deterministic zip: fixed timestamps, [Content_Types].xml first, deflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, date_time=(2020, 2, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data.encode("utf-8") if isinstance(data, str) else data)


def write_docx(path, doc):
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core_xml(doc["title"], doc["lang"])),
        ("word/document.xml", document_xml(doc["body"])),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/numbering.xml", numbering_xml(doc["abstracts"], doc["nums"])),
        ("word/styles.xml", styles_xml(doc["lang"], doc["font_size"], doc["jc"], doc["heading_nums"])),
        ("word/settings.xml", settings_xml(doc["hyphenate"], doc["sep_ids"])),
        ("word/footnotes.xml", footnotes_xml(doc["sep_ids"], doc["notes"])),
        ("word/header1.xml", header_xml(*doc["header"])),
        ("word/footer1.xml", footer_xml(doc["footer_prefix"])),
    ]
    zip_write(path, parts)


# ---------------------------------------------------------------------------------------------
# Building the DOCX models of A and B from their txt lines
# ---------------------------------------------------------------------------------------------

def edit_runs(text, edits):
    """Turn a line into runs with tracked changes. edits: list of (anchor, deleted, inserted):
    right after `anchor` the words `deleted` (NOT in the txt) are a w:del, and the next words
    `inserted` (which ARE in the txt) are a w:ins. Either may be None."""
    runs = [("t", text)]
    for anchor, deleted, inserted in edits:
        new, done = [], False
        for r in runs:
            if done or r[0] != "t" or anchor not in r[1]:
                new.append(r)
                continue
            i = r[1].index(anchor) + len(anchor)
            before, after = r[1][:i], r[1][i:]
            new.append(("t", before))
            if deleted:
                new.append(("del", deleted))
            if inserted:
                check(after.startswith(inserted), f"insertion {inserted!r} not after {anchor!r}")
                new.append(("ins", inserted))
                after = after[len(inserted):]
            new.append(("t", after))
            done = True
        check(done, f"anchor {anchor!r} not found in {text!r}")
        runs = [r for r in new if not (r[0] == "t" and r[1] == "")]
    return runs


def split_word_runs(text, word, cut):
    """Split `text` so that `word` is broken across two runs after `cut` characters (as Word does
    after an edit or a spelling mark), the second half italic."""
    i = text.index(word)
    return [("t", text[:i + cut]), ("proof", "spellStart"), ("t", text[i + cut:i + len(word)], "i"),
            ("proof", "spellEnd"), ("t", text[i + len(word):])]


def build_a(front, lines):
    """A (az). Numbering: chapters numId 1 (upperRoman '%1 fəsil', on style Heading1);
    articles/parts/points numId 2 ('Maddə %1.', '%1.%2.', '%1.%2.%3.'), articles on style Heading2,
    parts and points direct numPr."""
    abstracts = {
        0: [lvl_xml(0, "upperRoman", "%1 fəsil", suff="nothing", style="Heading1", jc="center")],
        1: [lvl_xml(0, "decimal", "Maddə %1.", style="Heading2", bold=True),
            lvl_xml(1, "decimal", "%1.%2.", first=567),
            lvl_xml(2, "decimal", "%1.%2.%3.", first=567)],
    }
    nums = {1: (0, {}), 2: (1, {})}
    body = []
    expect_art = 1
    state = "title"
    edits = {
        "2.1.3.": [("dərəcəsini göstərən ", None, "rekvizit")],
        "7.1.": [("müddəti ", "iyirmi beş ", "otuz ")],
        "8.1.": [("vətəndaşlarına", ", o cümlədən əcnəbilərə", None)],
    }
    notes = {2: "Respublikanın 2020-ci il 12 mart tarixli 45-VIQD nömrəli Qanunu ilə 9.2-ci maddə yeni redaksiyada verilmişdir."}
    for idx, line in enumerate(lines):
        m_ch = re.fullmatch(r"([IVXLC]+) fəsil", line)
        m_art = re.fullmatch(r"Maddə (\d+)\. (.+)", line)
        m_pt = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)\. (.+)", line)
        m_part = re.fullmatch(r"(\d+)\.(\d+)\. (.+)", line)
        if idx < 2:
            # title lines; the first split in two runs, the second bold+underlined
            runs = [("bm", "_GoBack"), ("t", line)] if idx == 0 else [("t", line, "bu")]
            body.append({"style": "Title", "runs": runs})
        elif m_ch:
            body.append({"style": "Heading1", "runs": []})     # number only, from the style's numbering
            state = "chapter"
        elif state == "chapter":
            body.append({"style": "ChapterTitle", "runs": [("t", line)]})
            state = "body"
        elif m_art:
            check(int(m_art.group(1)) == expect_art, f"A: article {m_art.group(1)} out of sequence")
            expect_art += 1
            body.append({"style": "Heading2", "runs": [("t", m_art.group(2))]})
        elif m_pt:
            text = m_pt.group(4)
            key = f"{m_pt.group(1)}.{m_pt.group(2)}.{m_pt.group(3)}."
            if key == "2.1.1.":
                # "əməliyyat-axtarış" with a non-breaking hyphen element
                i = text.index("əməliyyat-axtarış") + len("əməliyyat")
                runs = [("t", text[:i]), ("nbh",), ("t", text[i + 1:])]
            else:
                runs = edit_runs(text, edits.get(key, []))
            body.append({"num": (2, 2), "runs": runs})
        elif m_part:
            text = m_part.group(3)
            key = f"{m_part.group(1)}.{m_part.group(2)}."
            runs = edit_runs(text, edits.get(key, []))
            if key == "9.2.":
                runs = runs + [("fn", 2)]
            if key == "7.2.":
                runs = split_word_runs(text, "məxfilikdən", 6)
            body.append({"num": (2, 1), "runs": runs})
        elif state == "title":
            # preamble: several formatted runs, a word split across runs
            a, b = "Bu Qanun ", "məlumatların dövlət sirrinə aid edilməsi"
            check(line.startswith(a + b), "A: preamble wording changed")
            rest = line[len(a + b):]
            i = rest.index("məxfiləşdirilməsi")
            runs = [("t", a), ("t", b, "b"), ("t", rest[:i]), ("t", "məxfiləş", "i"), ("t", "dirilməsi", "i"),
                    ("t", rest[i + len("məxfiləşdirilməsi"):])]
            body.append({"runs": runs})
        else:
            # closing lines (signature block)
            body.append({"runs": [("t", line)], "jc": "right" if idx >= len(lines) - 3 else None})
    return dict(title=front["title"], lang="az-Latn-AZ", body=body, abstracts=abstracts, nums=nums,
                heading_nums={"Heading1": (1, 0), "Heading2": (2, 0)}, font_size=24, jc="left",
                hyphenate=False, sep_ids=(0, 1), notes=notes,
                header=(front["title"], "№ " + front["number"]), footer_prefix="Səhifə ")


def build_b(front, lines):
    """B (ru). Chapters numId 1 ('Глава %1.' on style Heading1); articles numId 2 level 0
    ('Статья %1.' on style Heading2), parts level 1 ('%2.'), points level 2 ('%3)');
    Cyrillic letter points numId 3 (russianLower '%1)'). Article 7.1 and its parts are literal."""
    abstracts = {
        0: [lvl_xml(0, "decimal", "Глава %1.", style="Heading1", jc="center")],
        1: [lvl_xml(0, "decimal", "Статья %1.", style="Heading2", bold=True),
            lvl_xml(1, "decimal", "%2.", first=567),
            lvl_xml(2, "decimal", "%3)", first=567)],
        2: [lvl_xml(0, "russianLower", "%1)", first=567)],
    }
    nums = {1: (0, {}), 2: (1, {}), 3: (2, {})}
    edits = {
        ("8", "4"): [("не позднее ", "трёх рабочих дней со дня ", "следующего рабочего дня")],
        ("5", "3"): [("подписанного ", None, "квалифицированной ")],
        ("7", "2"): [("содержание электронного документа", " без согласия отправителя", None)],
    }
    notes = {2: "Часть 3 статьи 5 изложена в редакции Закона от 01.02.2020 № 15-З."}
    body = []
    art = None
    literal_article = False
    chapter_n = 0
    art_n = 0
    for idx, line in enumerate(lines):
        m_ch = re.fullmatch(r"Глава (\d+)\. (.+)", line)
        m_art = re.fullmatch(r"Статья (\d+(?:\.\d+)?)\. (.+)", line)
        m_part = re.fullmatch(r"(\d+)\. (.+)", line)
        m_pt = re.fullmatch(r"(\d+)\) (.+)", line)
        m_let = re.fullmatch(r"([а-я])\) (.+)", line)
        if m_ch:
            chapter_n += 1
            check(int(m_ch.group(1)) == chapter_n, "B: chapter out of sequence")
            body.append({"style": "Heading1", "runs": [("t", m_ch.group(2))]})
        elif m_art:
            art = m_art.group(1)
            if "." in art:
                # 7.1: a counter cannot print it; literal number, style numbering switched off
                literal_article = True
                body.append({"style": "Heading2", "num_off": True, "runs": [("t", "Статья " + art + ". ", "b"), ("t", m_art.group(2))]})
            else:
                literal_article = False
                art_n += 1
                check(int(art) == art_n, f"B: article {art} out of sequence")
                body.append({"style": "Heading2", "runs": [("t", m_art.group(2))]})
        elif m_part and art and not literal_article:
            runs = edit_runs(m_part.group(2), edits.get((art, m_part.group(1)), []))
            if (art, m_part.group(1)) == ("5", "3"):
                runs.append(("fn", 2))
            if (art, m_part.group(1)) == ("1", "1"):
                # an optional hyphen inside "подписании": prints nothing
                t = m_part.group(2)
                i = t.index("подписании") + len("подпи")
                runs = [("t", t[:i]), ("shy",), ("t", t[i:])]
            body.append({"num": (2, 1), "runs": runs})
        elif m_pt and art:
            body.append({"num": (2, 2), "runs": [("t", m_pt.group(2))]})
        elif m_let and art:
            body.append({"num": (3, 0), "runs": [("t", m_let.group(2))]})
        elif idx <= 1:
            body.append({"style": "Title", "runs": [("t", line)]})
        elif idx <= 3:
            body.append({"jc": "center", "runs": [("t", line, "i")]})
        elif idx == 4:
            a = "Настоящий Закон устанавливает "
            check(line.startswith(a), "B: preamble wording changed")
            i = line.index("электронному документу")
            runs = [("t", a, "b"), ("t", line[len(a):i]), ("t", "электрон"), ("t", "ному документу", "u"),
                    ("t", line[i + len("электронному документу"):])]
            body.append({"runs": runs})
        else:
            body.append({"runs": [("t", line)], "jc": "left"})
    return dict(title=front["title"], lang="ru-RU", body=body, abstracts=abstracts, nums=nums,
                heading_nums={"Heading1": (1, 0), "Heading2": (2, 0)}, font_size=24, jc="both",
                hyphenate=True, sep_ids=(-1, 0), notes=notes,
                header=(front["title"], "№ " + front["number"]), footer_prefix="")


# ---------------------------------------------------------------------------------------------
# An independent mini DOCX reader used to verify the files (reads the zip, not the model above)
# ---------------------------------------------------------------------------------------------

def q(tag):
    p, t = tag.split(":")
    return "{%s}%s" % (W, t)


def wattr(el, name):
    return el.get("{%s}%s" % (W, name))


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
RU_LOWER = "абвгдежзиклмнопрстуфхцчшщэюя"


def fmt_num(n, fmt):
    if fmt == "decimal":
        return str(n)
    if fmt in ("upperRoman", "lowerRoman"):
        s = ""
        for v, r in ROMAN:
            while n >= v:
                s += r
                n -= v
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "russianLower":
        return RU_LOWER[(n - 1) % len(RU_LOWER)] * ((n - 1) // len(RU_LOWER) + 1)
    raise ValueError(fmt)


def read_docx(path):
    """Return (lines, notes). Rules: tracked deletions dropped (a paragraph whose mark is deleted
    and has no live text disappears and takes no number), insertions kept; numbering labels from
    numbering.xml (direct numPr wins over the style's, numId 0 = none; counters per abstractNum,
    a w:num's startOverride applies on its first use); w:tab -> space, w:br -> new line (page
    breaks ignored), w:noBreakHyphen -> '-', w:softHyphen -> nothing; table rows -> one line,
    cells joined by ' | '; footnote references dropped, footnote texts returned as notes."""
    z = zipfile.ZipFile(path)
    doc = ET.fromstring(z.read("word/document.xml"))
    numbering = ET.fromstring(z.read("word/numbering.xml"))
    styles = ET.fromstring(z.read("word/styles.xml"))
    abstract = {}
    for a in numbering.findall(q("w:abstractNum")):
        lv = {}
        for l in a.findall(q("w:lvl")):
            lv[int(wattr(l, "ilvl"))] = dict(
                start=int(wattr(l.find(q("w:start")), "val")) if l.find(q("w:start")) is not None else 1,
                fmt=wattr(l.find(q("w:numFmt")), "val"),
                text=wattr(l.find(q("w:lvlText")), "val"),
                suff=wattr(l.find(q("w:suff")), "val") if l.find(q("w:suff")) is not None else "tab")
        abstract[wattr(a, "abstractNumId")] = lv
    nums = {}
    for n in numbering.findall(q("w:num")):
        ov = {}
        for o in n.findall(q("w:lvlOverride")):
            so = o.find(q("w:startOverride"))
            if so is not None:
                ov[int(wattr(o, "ilvl"))] = int(wattr(so, "val"))
        nums[wattr(n, "numId")] = (wattr(n.find(q("w:abstractNumId")), "val"), ov)
    style_num = {}
    style_base = {}
    for s in styles.findall(q("w:style")):
        sid = wattr(s, "styleId")
        b = s.find(q("w:basedOn"))
        style_base[sid] = wattr(b, "val") if b is not None else None
        np_ = s.find(q("w:pPr") + "/" + q("w:numPr"))
        if np_ is not None:
            il = np_.find(q("w:ilvl"))
            style_num[sid] = (wattr(np_.find(q("w:numId")), "val"), int(wattr(il, "val")) if il is not None else 0)

    def numpr_of_style(sid):
        while sid:
            if sid in style_num:
                return style_num[sid]
            sid = style_base.get(sid)
        return None

    counters = {}       # absId -> {ilvl: value}
    used_nums = set()

    def label(num_id, ilvl):
        if num_id in (None, "0") or num_id not in nums:
            return None
        aid, ov = nums[num_id]
        lv = abstract[aid]
        c = counters.setdefault(aid, {})
        if num_id not in used_nums:
            used_nums.add(num_id)
            for l, s in ov.items():
                c[l] = s - 1
                for deeper in list(c):
                    if deeper > l:
                        del c[deeper]
        c[ilvl] = c.get(ilvl, lv[ilvl]["start"] - 1) + 1
        for deeper in list(c):
            if deeper > ilvl:
                del c[deeper]
        text = lv[ilvl]["text"]
        for l in range(ilvl + 1):
            text = text.replace("%" + str(l + 1), fmt_num(c.get(l, lv[l]["start"]), lv[l]["fmt"]))
        return text + {"space": " ", "nothing": "", "tab": "\t"}[lv[ilvl]["suff"]]

    def runs_text(el, out):
        for ch in el:
            tag = ch.tag
            if tag == q("w:del") or tag == q("w:pPr") or tag == q("w:rPr"):
                continue
            if tag == q("w:t"):
                out.append(ch.text or "")
            elif tag == q("w:tab"):
                out.append("\t")
            elif tag == q("w:br"):
                if wattr(ch, "type") in (None, "textWrapping"):
                    out.append("\n")
            elif tag == q("w:noBreakHyphen"):
                out.append("-")
            elif tag in (q("w:softHyphen"), q("w:footnoteReference"), q("w:instrText"), q("w:delText")):
                pass
            else:
                runs_text(ch, out)

    def para_lines(p):
        ppr = p.find(q("w:pPr"))
        mark_deleted = ppr is not None and ppr.find(q("w:rPr") + "/" + q("w:del")) is not None
        parts = []
        runs_text(p, parts)
        text = "".join(parts)
        if mark_deleted and not text.strip():
            return []
        sid = None
        numpr = None
        if ppr is not None:
            ps = ppr.find(q("w:pStyle"))
            sid = wattr(ps, "val") if ps is not None else None
            np_ = ppr.find(q("w:numPr"))
            if np_ is not None:
                il = np_.find(q("w:ilvl"))
                numpr = (wattr(np_.find(q("w:numId")), "val"), int(wattr(il, "val")) if il is not None else 0)
        if numpr is None:
            numpr = numpr_of_style(sid)
        lab = label(*numpr) if numpr else None
        if lab:
            text = lab + text
        return [" ".join(l.split()) for l in text.split("\n") if l.strip()]

    lines = []

    def walk(el):
        for ch in el:
            if ch.tag == q("w:p"):
                lines.extend(para_lines(ch))
            elif ch.tag == q("w:tbl"):
                for tr in ch.findall(q("w:tr")):
                    cells = []
                    for tc in tr.findall(q("w:tc")):
                        cell = []
                        for p in tc.findall(q("w:p")):
                            cell.extend(para_lines(p))
                        cells.append(" ".join(cell))
                    lines.append(" | ".join(cells))
            elif ch.tag in (q("w:sdt"), q("w:sdtContent")):
                walk(ch)

    walk(doc.find(q("w:body")))
    notes = []
    fn = ET.fromstring(z.read("word/footnotes.xml"))
    for f in fn.findall(q("w:footnote")):
        if wattr(f, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        parts = []
        runs_text(f, parts)
        notes.append(" ".join("".join(parts).split()))
    return lines, notes


def check_docx_parts(path, extra=()):
    z = zipfile.ZipFile(path)
    names = set(z.namelist())
    for n in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
              "word/numbering.xml", "word/styles.xml", "word/settings.xml", "word/footnotes.xml",
              "word/header1.xml", "word/footer1.xml", *extra]:
        check(n in names, f"{path}: part {n} missing")
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            ET.fromstring(z.read(n))     # well-formed
    d = z.read("word/document.xml").decode()
    for needle in ["<w:del ", "<w:delText", "<w:ins ", '<w:footnoteReference w:id="2"/>', 'xml:space="preserve"']:
        check(needle in d, f"{path}: document.xml lacks {needle}")
    return d


# ---------------------------------------------------------------------------------------------
# features.docx: a small act exercising tables, w:br, w:start, letters, restart, deleted paragraph
# ---------------------------------------------------------------------------------------------

FEATURES_FRONT = {"title": "Elektron arxivlər haqqında", "lang": "az"}
FEATURES_LINES = [
    "Elektron arxivlər haqqında",
    "RESPUBLİKANIN QANUNU",
    "Bu Qanun elektron arxivlərin yaradılması, aparılması və istifadəsi qaydalarını müəyyən edir.",
    "Maddə 5. Elektron arxivin anlayışı",
    "5.1. Elektron arxiv elektron sənədlərin uzunmüddətli saxlanması üçün nəzərdə tutulmuş informasiya sistemidir.",
    "5.2. Elektron arxivlər aşağıdakı növlərə bölünür:",
    "a) dövlət elektron arxivləri;",
    "b) bələdiyyə elektron arxivləri;",
    "c) özəl elektron arxivlər.",
    "Maddə 6. Saxlama müddətləri",
    "6.1. Elektron sənədlərin saxlama müddətləri aşağıdakı cədvəldə göstərilir:",
    "Sənədin növü | Saxlama müddəti | Əsas",
    "Normativ hüquqi aktlar | daimi | 6.1-ci maddə",
    "6.2. Saxlama müddəti başa çatdıqdan sonra sənədlər ekspert komissiyasının qərarı ilə məhv edilir.",
    "6.3. Ekspert komissiyasının tərkibi müvafiq icra hakimiyyəti orqanı tərəfindən təsdiq edilir.",
    "Maddə 7. Arxivə qəbul",
    "7.1. Elektron arxivə qəbul edilən sənəd aşağıdakı tələblərə cavab verməlidir:",
    "1) gücləndirilmiş elektron imza ilə təsdiq edilmiş olmalıdır;",
    "2) açıq formatda saxlanılmalıdır.",
    "7.2. Arxivə qəbul edilməyən sənəd barədə sahibinə məlumat verilir:",
    "1) yazılı formada;",
    "2) elektron poçt vasitəsilə.",
    "Maddə 8. Qüvvəyə minmə",
    "Bu Qanun dərc edildiyi gündən qüvvəyə minir.",
]
FEATURES_DELETED_PARA = "Məhv edilmiş sənədlər barədə akt tərtib edilmir."


def build_features():
    abstracts = {
        10: [lvl_xml(0, "decimal", "Maddə %1.", start=5, style="Heading2", bold=True),
             lvl_xml(1, "decimal", "%1.%2.", ind=0),
             lvl_xml(2, "lowerLetter", "%3)", ind=360)],
        11: [lvl_xml(0, "decimal", "%1)", ind=360)],
    }
    nums = {1: (10, {}), 2: (11, {}), 3: (11, {0: 1})}
    L = FEATURES_LINES
    body = [
        # the two title lines are one paragraph split by w:br
        {"style": "Title", "runs": [("t", L[0]), ("br",), ("t", L[1])]},
        {"runs": [("t", L[2][:40]), ("lrpb",), ("t", L[2][40:]), ("fn", 2)]},
        {"style": "Heading2", "runs": [("t", "Elektron arxivin anlayışı")]},            # Maddə 5. (w:start 5)
        {"num": (1, 1), "runs": [("t", L[4][5:])]},
        {"num": (1, 1), "runs": [("t", L[5][5:])]},
        {"num": (1, 2), "runs": [("t", L[6][3:])]},                                       # a)
        {"num": (1, 2), "runs": [("t", L[7][3:])]},                                       # b)
        {"num": (1, 2), "runs": [("t", L[8][3:])]},                                       # c)
        {"runs": [("pagebreak",)]},                                                       # empty paragraph with a page break
        {"style": "Heading2", "runs": [("t", "Saxlama müddətləri")]},
        {"num": (1, 1), "runs": [("t", L[10][5:])]},
        ("table", [["Sənədin növü", "Saxlama müddəti", "Əsas"],
                   ["Normativ hüquqi aktlar", "daimi", "6.1-ci maddə"]],
         {(1, 2): [("link", "art6", [("t", "6.1-ci", "u")]), ("t", " maddə")]}),
        {"num": (1, 1), "runs": [("t", L[13][5:])]},
        # a whole numbered paragraph deleted with tracked changes (text and paragraph mark)
        {"num": (1, 1), "del_para": True, "runs": [("del", FEATURES_DELETED_PARA)]},
        {"num": (1, 1), "runs": [("t", L[14][5:])]},                                      # prints 6.3.
        {"style": "Heading2", "runs": [("t", "Arxivə qəbul")]},
        {"num": (1, 1), "runs": [("t", L[16][5:])]},
        {"num": (2, 0), "runs": [("t", L[17][3:])]},
        {"num": (2, 0), "runs": [("t", L[18][3:])]},
        {"num": (1, 1), "runs": [("t", L[19][5:])]},
        {"num": (3, 0), "runs": [("t", L[20][3:])]},                                      # restarts at 1)
        {"num": (3, 0), "runs": [("t", L[21][3:])]},
        {"style": "Heading2", "runs": [("t", "Qüvvəyə minmə")]},
        {"sdt": "Yekun", "runs": [("t", L[23])]},
    ]
    return dict(title=FEATURES_FRONT["title"], lang="az-Latn-AZ", body=body, abstracts=abstracts, nums=nums,
                heading_nums={"Heading2": (1, 0)}, font_size=22, jc="left", hyphenate=False, sep_ids=(-1, 0),
                notes={2: "Qanun layihəsi 2024-cü il 1 mart tarixində ictimai müzakirəyə təqdim edilmişdir."},
                header=(FEATURES_FRONT["title"], "Layihə"), footer_prefix="")


# ---------------------------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------------------------

PORTAL = {
    "az": dict(
        site="e-Qanun", home="Əsas səhifə", menu=["Əsas səhifə", "Qanunlar", "Fərmanlar", "Axtarış", "Əlaqə"],
        laws="Qanunlar", search="Axtarış", search_ph="Sənəd adı və ya nömrəsi", go="Axtar",
        related="Əlaqəli sənədlər",
        rel_links=["Maddə 3. Elektron sənəd haqqında Qanun", "İnformasiya ehtiyatları haqqında Qanun",
                   "Xidməti sirr haqqında Qanun (layihə)"],
        cookie="Bu sayt kukilərdən istifadə edir. Saytdan istifadəni davam etdirməklə siz buna razılıq verirsiniz.",
        accept="Razıyam", copy="© 2018–2024 Hüquqi informasiya &amp; normativ aktlar portalı. Bütün hüquqlar qorunur.",
        info=[("Növü", "Qanun"), ("Qəbul tarixi", "02.11.2018"), ("Nömrəsi", "1320-VQ"), ("Statusu", "Qüvvədədir")],
        print_="Çap et", download="DOCX yüklə", lang="az"),
    "ru": dict(
        site="Правовой портал", home="Главная", menu=["Главная", "Законы", "Указы", "Поиск", "Контакты"],
        laws="Законы", search="Поиск", search_ph="Название или номер акта", go="Найти",
        related="Связанные документы",
        rel_links=["Закон &laquo;Об информации&raquo;", "Статья 5. Закон &laquo;О нормативных правовых актах&raquo;",
                   "Указ &#171;Об информатизации&#187;"],
        cookie="Сайт использует файлы cookie. Продолжая работу с сайтом, вы соглашаетесь с этим.",
        accept="Принять", copy="© 2017–2024 Национальный правовой портал &amp; эталонный банк данных.",
        info=[("Вид акта", "Закон"), ("Дата принятия", "10.05.2017"), ("Номер", "45-З"), ("Статус", "Действует")],
        print_="Печать", download="Скачать DOCX", lang="ru"),
}


def page(lang, title, document_html, fake_heading):
    P = PORTAL[lang]
    nav = "\n".join(f'        <li><a href="/{i}">{m}</a></li>' for i, m in enumerate(P["menu"]))
    rel = "\n".join(f'      <li><a href="/doc/{700 + i}">{r}</a></li>' for i, r in enumerate(P["rel_links"]))
    info = "\n".join(f"      <tr><th>{k}</th><td>{v}</td></tr>" for k, v in P["info"])
    return f'''<!DOCTYPE html>
<html lang="{P["lang"]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{esc(title)} | {P["site"]}</title>
  <link rel="stylesheet" href="/static/portal.css">
  <style>
    body {{ font-family: "Times New Roman", serif; margin: 0; }}
    .document p {{ text-align: justify; margin: 0 0 6pt 0; }}
    .document .c {{ text-align: center; }}
    .cookie {{ position: fixed; bottom: 0; }}
    /* .document p::before {{ content: "Maddə 97. Fake"; }} */
  </style>
  <script>
    var title = "{fake_heading}";
    var breadcrumbs = ["{P["home"]}", "{P["laws"]}"];
    window.dataLayer = window.dataLayer || [];
    function gtag() {{ dataLayer.push(arguments); }}
    if (document.cookie.indexOf("accepted=1") < 0) {{ console.log("<p>{fake_heading}</p>"); }}
  </script>
</head>
<body>
  <div class="cookie" id="cookie-banner">
    <p>{P["cookie"]}</p>
    <button type="button" onclick="document.cookie='accepted=1'">{P["accept"]}</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/"><img src="/static/logo.svg" alt="{P["site"]}" width="120" height="40"></a>
    <nav class="main-menu">
      <ul>
{nav}
      </ul>
    </nav>
    <form class="search" action="/search" method="get" role="search">
      <label for="q">{P["search"]}</label>
      <input type="search" id="q" name="q" placeholder="{P["search_ph"]}">
      <button type="submit">{P["go"]}</button>
    </form>
  </header>
  <div class="breadcrumbs"><a href="/">{P["home"]}</a> &rsaquo; <a href="/laws">{P["laws"]}</a> &rsaquo; <span>{esc(title)}</span></div>
  <main>
    <div class="doc-info">
      <table class="meta">
{info}
      </table>
      <a class="btn" href="javascript:window.print()">{P["print_"]}</a> <a class="btn" href="/download/1.docx">{P["download"]}</a>
    </div>
    <!-- document text begins; <p>{fake_heading}</p> -->
{document_html}
    <!-- document text ends -->
    <aside class="related">
      <h4>{P["related"]}</h4>
      <ul>
{rel}
      </ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>{P["copy"]}</p>
    <p><a href="/about">{P["home"]}</a> | <a href="/rss">RSS</a></p>
  </footer>
  <script src="/static/portal.js"></script>
  <script>document.getElementById("cookie-banner").hidden = false; var related = "{fake_heading}";</script>
  <noscript><p>JavaScript is disabled.</p></noscript>
</body>
</html>
'''


def html_text(s):
    """Escape for HTML text content, keeping our chosen entities out of the way."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap_source(s, width=72, indent="        "):
    """Break a long paragraph over several source lines (a reader collapses the whitespace)."""
    words, lines, cur = s.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    lines.append(cur)
    return ("\n" + indent).join(lines)


def a_html(front, lines):
    """A as an e-qanun.az style page. Struck repealed wording inside live paragraphs in three ways."""
    struck = {
        "7.1.": ("müddəti ", "<s>iyirmi beş</s> "),                                         # <s>
        "8.1.": ("vətəndaşlarına", "<del>, o cümlədən əcnəbilərə</del>"),                 # <del>
        "4.2.": ("ən azı ", '<span style="text-decoration: line-through">üç</span> '),    # span style
    }
    out = ['    <div class="document" id="doc-text">']
    state = "title"
    for idx, line in enumerate(lines):
        m_art = re.fullmatch(r"Maddə (\d+)\. (.+)", line)
        m_part = re.match(r"(\d+\.\d+\.(?:\d+\.)?) ", line)
        h = html_text(line).replace('"', "&quot;")
        if idx == 0:
            out.append(f'      <p class="c" align="center"><b>{h}</b></p>')
        elif idx == 1:
            out.append(f'      <p class="c" align="center"><b><span style="font-size:14pt">{h}</span></b></p>')
            out.append('      <p class="c">&nbsp;</p>')
        elif re.fullmatch(r"[IVX]+ fəsil", line):
            out.append(f'      <h2 class="fesil">{h.replace(" ", "&nbsp;")}</h2>')
            state = "chapter"
        elif state == "chapter":
            out.append(f"      <h3>{h}</h3>")
            state = "body"
        elif m_art:
            n = m_art.group(1)
            sep = "&nbsp;" if int(n) % 2 else " "        # odd articles: Maddə&nbsp;N.
            out.append(f'      <p class="madde"><b>Maddə{sep}{n}.</b> {html_text(m_art.group(2))}</p>')
        elif m_part:
            key = m_part.group(1)
            if key in struck:
                anchor, ins = struck[key]
                i = h.index(anchor) + len(anchor)
                h = h[:i] + ins + h[i:]
            h = h.replace(" — ", " &mdash; ", 1) if key in ("2.1.1.", "2.1.2.") else h.replace(" — ", " &#8212; ")
            if key == "4.1.2.":
                h = wrap_source(h)                      # long paragraph over several source lines
            if key == "1.2.":
                h = h.replace("məlumatların", "m&#601;lumatların", 1)
            if key == "2.1.4.":
                i = h.index("məxfiləşdirmə")
                h = h[:i] + '<span class="x1">məxfiləş</span><span class="x2">dirmə</span>' + h[i + len("məxfiləşdirmə"):]
            out.append(f"      <p>{h}</p>")
        elif state == "title":
            out.append(f"      <p>\n        {wrap_source(h)}\n      </p>")
            out.append("      <p>&nbsp;</p>")
            out.append("      <!-- <p>Maddə 98. Köhnə redaksiya</p> -->")
        else:
            h = h.replace("№", "&#8470;")
            out.append(f'      <p align="right"><i>{h}</i></p>')
    out.append("    </div>")
    return page("az", front["title"], "\n".join(out), "Maddə 99. Fake")


def b_html(front, lines):
    """B as a pravo.gov.ru style page."""
    struck = {
        ("8", "4"): ("не позднее ", "<s>трёх рабочих дней со дня</s> "),
        ("7", "2"): ("содержание электронного документа", "<del> без согласия отправителя</del>"),
        ("6", "1"): ("признаётся ", '<span style="text-decoration:line-through;color:#999">приравненной к</span> '),
        ("4", "2"): ("утверждаются ", "<strike>Правительством и</strike> "),
    }
    out = ['    <div class="document">', '      <div class="doc-body">']
    art = None
    for idx, line in enumerate(lines):
        m_ch = re.fullmatch(r"Глава (\d+)\. (.+)", line)
        m_art = re.fullmatch(r"Статья (\d+(?:\.\d+)?)\. (.+)", line)
        m_part = re.fullmatch(r"(\d+)\. (.+)", line)
        h = html_text(line)
        if m_ch:
            out.append(f'      <h3 class="chapter">{h}</h3>')
        elif m_art:
            art = m_art.group(1)
            sep = "&nbsp;" if art in ("1", "5", "9") else " "
            out.append(f'      <p class="article"><b>Статья{sep}{art}.</b> {html_text(m_art.group(2))}</p>')
        elif art and m_part and (art, m_part.group(1)) in struck:
            anchor, ins = struck[(art, m_part.group(1))]
            i = h.index(anchor) + len(anchor)
            out.append(f"      <p>{h[:i] + ins + h[i:]}</p>")
        elif idx <= 1:
            out.append(f'      <p class="c"><b>{h}</b></p>')
        elif idx <= 3:
            out.append(f'      <p class="c"><i>{h.replace("№", "&#x2116;")}</i></p>')
        elif idx == 4 or (art == "2" and line.startswith("2)")):
            out.append(f"      <p>\n        {wrap_source(h)}\n      </p>")
        else:
            out.append(f"      <p>{h.replace('№', '&#8470;')}</p>")
    out += ["      </div>", "    </div>"]
    return page("ru", front["title"], "\n".join(out), "Статья 99. Fake")


FEATURES_HTML_TITLE = "О государственных электронных реестрах"
FEATURES_HTML_LINES = [
    ("ЗАКОН РЕСПУБЛИКИ", False),
    ("О государственных электронных реестрах", False),
    ("Настоящий Закон определяет порядок ведения государственных электронных реестров.", False),
    ("Глава 1. Общие положения", False),
    ("Статья 1. Предмет регулирования", False),
    ("Настоящий Закон регулирует отношения, связанные с созданием и ведением государственных электронных реестров.", False),
    ("Статья 2. Состав реестра", False),
    ("Реестр содержит следующие сведения:", False),
    ("1. наименование и реквизиты записи;", False),
    ("2. дату внесения записи;", False),
    ("3. сведения о лице, внёсшем запись.", False),
    ("Статья 3. Сроки хранения", False),
    ("Сведения реестра хранятся в следующие сроки:", False),
    ("Вид сведений | Срок хранения | Основание", False),
    ("Записи реестра | постоянно | часть 1 статьи 2", False),
    ("Статья 4. Плата за предоставление сведений", True),
    ("Сведения из реестра предоставляются за плату, размер которой устанавливает Правительство.", True),
    ("Статья 5. Вступление в силу", False),
    ("Настоящий Закон вступает в силу через десять дней после его официального опубликования.", False),
    ("Статьи 2 и 3 применяются с 1 января 2026 года.", False),
]


def features_html():
    doc = '''    <div class="document">
      <div class="doc-header">
        <div class="title">
          <p class="c"><b>ЗАКОН РЕСПУБЛИКИ</b><br>
          <b>О государственных электронных реестрах</b></p>
        </div>
      </div>
      <div class="doc-body">
        <div class="preamble"><div><p>Настоящий Закон определяет порядок ведения
          государственных электронных реестров.</p></div></div>
        <div class="chapter">
          <h3>Глава&nbsp;1. Общие положения</h3>
          <div class="article" id="st1">
            <p><b>Статья 1.</b> Предмет регулирования</p>
            <div class="text"><div class="part"><p>Настоящий Закон регулирует отношения, связанные с созданием
              и ведением государственных электронных реестров.</p></div></div>
          </div>
          <div class="article" id="st2">
            <p><b>Статья 2.</b> Состав реестра</p>
            <p>Реестр содержит следующие сведения:</p>
            <ol>
              <li>наименование и реквизиты записи;</li>
              <li>дату внесения записи;</li>
              <li>сведения о лице, внёсшем запись.</li>
            </ol>
          </div>
          <div class="article" id="st3">
            <p><b>Статья 3.</b> Сроки хранения</p>
            <p>Сведения реестра хранятся в следующие сроки:</p>
            <table border="1" cellpadding="4">
              <thead><tr><th>Вид сведений</th><th>Срок хранения</th><th>Основание</th></tr></thead>
              <tbody><tr><td>Записи реестра</td><td>постоянно</td><td>часть&nbsp;1 статьи&nbsp;2</td></tr></tbody>
            </table>
          </div>
          <div class="article repealed" id="st4">
            <del datetime="2020-02-01">
            <p><b>Статья 4.</b> Плата за предоставление сведений</p>
            <p>Сведения из реестра предоставляются за плату, размер которой устанавливает Правительство.</p>
            </del>
          </div>
          <div class="article" id="st5">
            <p><b>Статья 5.</b> Вступление в силу</p>
            <p>Настоящий Закон вступает в силу через десять дней после его официального опубликования.<br>
            Статьи 2 и 3 применяются с 1&nbsp;января 2026&nbsp;года.</p>
          </div>
        </div>
      </div>
    </div>'''
    return page("ru", FEATURES_HTML_TITLE, doc, "Статья 98. Fake")


class MiniHTML(html.parser.HTMLParser):
    """Independent check of the HTML rules: only div.document counts; script/style/comments
    ignored; block elements (p, h1-h6, li, tr, div, br) end a line; <ol><li> gets 'N. ';
    table cells joined by ' | '; text inside s/del/strike/span[line-through] is struck. A line
    whose whole text is struck is kept and marked (repealed); otherwise struck text is dropped.
    Whitespace (incl. NBSP) collapsed to one space, lines trimmed, empty lines dropped."""
    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "div", "table", "ol", "ul"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_doc = 0       # >0 inside div.document
        self.stack = []
        self.skip = 0
        self.strike = 0
        self.lines = []
        self.cur = []            # [(text, struck)]
        self.cells = None
        self.ol = []

    def flush(self):
        if self.cells is not None:
            return
        text = "".join(t for t, _ in self.cur)
        live = "".join(t for t, s in self.cur if not s)
        self.cur = []
        norm = lambda s: " ".join(s.replace("\u00a0", " ").split())
        if not norm(text):
            return
        if not norm(live):
            self.lines.append((norm(text), True))
        else:
            self.lines.append((norm(live), False))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and "document" in (a.get("class") or "").split():
            self.depth_doc = 1
            self.stack.append(tag)
            return
        if not self.depth_doc:
            return
        if tag in ("br", "img", "input", "meta", "link", "hr"):
            if tag == "br":
                self.flush()
            return
        self.stack.append(tag)
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("s", "del", "strike") or (tag == "span" and "line-through" in (a.get("style") or "")):
            self.strike += 1
            self.stack[-1] = ("strike", tag)
        if tag in self.BLOCK:
            self.flush()
        if tag == "tr":
            self.cells = []
        if tag in ("td", "th"):
            self.cur = []
        if tag == "ol":
            self.ol.append(int(a.get("start", 1)) - 1)
        if tag == "li" and self.ol:
            self.ol[-1] += 1
            self.cur.append((f"{self.ol[-1]}. ", False))

    def handle_endtag(self, tag):
        if not self.depth_doc or tag in ("br", "img", "input"):
            return
        while self.stack:
            top = self.stack.pop()
            if isinstance(top, tuple):
                self.strike -= 1
                top = top[1]
            if top in ("script", "style"):
                self.skip -= 1
            if top in ("td", "th") and self.cells is not None:
                self.cells.append(" ".join("".join(t for t, s in self.cur if not s).replace("\u00a0", " ").split()))
                self.cur = []
            if top == "tr":
                cells, self.cells = self.cells, None
                self.lines.append((" | ".join(cells), False))
            if top == "ol":
                self.ol.pop()
            if top in self.BLOCK:
                self.flush()
            if top == tag:
                break
        if not self.stack:
            self.depth_doc = 0

    def handle_data(self, data):
        if self.depth_doc and not self.skip:
            self.cur.append((data, self.strike > 0))


def read_html(text):
    p = MiniHTML()
    p.feed(text)
    p.close()
    return p.lines


# ---------------------------------------------------------------------------------------------
# PDF: conversion, checks, scanned image PDF
# ---------------------------------------------------------------------------------------------

def soffice_convert(src, outdir, fmt):
    prof = tempfile.mkdtemp(prefix="lo-profile-", dir="/tmp")
    try:
        r = subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--norestore",
                            "--convert-to", fmt, "--outdir", outdir, src],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            fail(f"soffice {src} -> {fmt}: {r.stderr}")
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt.split(":")[0])
    check(os.path.exists(out), f"soffice produced no {out}")
    return out


def normalize_pdf(path):
    """Make LibreOffice's PDF reproducible: fixed /CreationDate, /ID and /DocChecksum derived from
    the content (same byte lengths, so the xref offsets stay valid)."""
    data = open(path, "rb").read()
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20200201000000", data)
    body = re.sub(rb"/ID \[ <[0-9A-F]{32}>\s*<[0-9A-F]{32}> \]|/DocChecksum /[0-9A-F]{32}", b"", data)
    digest = hashlib.md5(body).hexdigest().upper().encode()
    data = re.sub(rb"(/ID \[ <)[0-9A-F]{32}(>\s*<)[0-9A-F]{32}(> \])", rb"\g<1>" + digest + rb"\g<2>" + digest + rb"\g<3>", data)
    data = re.sub(rb"(/DocChecksum /)[0-9A-F]{32}", rb"\g<1>" + digest, data)
    open(path, "wb").write(data)


def pdftotext(path, layout=False):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def tool_versions():
    lo = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
    pt = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{lo} and {pt} (poppler), fonts-dejavu-core (DejaVu Serif), hyphen-ru"


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


LABEL = re.compile(r"^(Maddə \d+\.|Статья \d+(?:\.\d+)?\.|Глава \d+\.|[IVX]+ fəsil$|\d+(?:\.\d+)*\.(?= )|\d+\)|[a-zа-я]\))")


def label_of(line):
    m = LABEL.match(line)
    return m.group(1) if m else None


def check_pdf(path, front, lines, notes, header_right, footer_re, dehyphenate):
    """Reconstruct the act's words from `pdftotext -layout` and compare with the txt: drop the
    running header (title and number on one line), the page-number footer, the footnote (a line
    "1" then the note text) and the footnote mark glued to a word ("verilmir.1"); join words split
    by a hyphen at a line end (B only). (pdftotext without -layout joins such words itself and
    would also eat a real hyphen at a line end, "9.2-" + "ci" -> "9.2ci".) Returns facts for README."""
    pages = pdf_pages(path)
    check(pages >= 3, f"{path}: only {pages} pages")
    layout = pdftotext(path, layout=True)
    kept = []
    headers = footers = 0
    for pg in layout.split("\f"):
        pl = [l.strip() for l in pg.split("\n") if l.strip()]
        if not pl:
            continue
        if pl[0].startswith(front["title"]) and pl[0].endswith(header_right) and pl[0] != front["title"]:
            pl = pl[1:]
            headers += 1
        if re.fullmatch(footer_re, pl[-1]):
            pl = pl[:-1]
            footers += 1
        kept += pl
    check(headers == pages, f"{path}: running header on {headers}/{pages} pages")
    check(footers == pages, f"{path}: page-number footer on {footers}/{pages} pages")
    joined = "\n".join(kept)
    for n in notes:
        first, last = n.split()[0], n.split()[-1]
        m = re.search(r"^1\n" + re.escape(first), joined, re.M)
        check(m, f"{path}: footnote text not found")
        end = joined.index(last, m.start()) + len(last)
        joined = joined[:m.start()] + joined[end:]
    # a hyphen at a line end between a letter and a lower-case letter is a hyphenation break;
    # "№ 15-" + "З)" (digit before, capital after) and "подпись -" (space before) are not
    soft = r"([^\W\d_]+)-\n([^\W\d_A-ZА-ЯЁƏÜÖĞIİŞÇ]\w*)"
    hyph = re.findall(soft, joined)
    kept_hyphens = re.findall(r"(\S*-)\n(\S+)", re.sub(soft, "", joined))
    if dehyphenate:
        joined = re.sub(soft, r"\1\2", joined)
    joined = re.sub(r"(\S)-\n(?=\S)", r"\1-", joined)     # a real hyphen at a line end: keep it, no space
    words_pdf = " ".join(joined.split())
    words_txt = " ".join(" ".join(lines).split())
    marks = re.findall(r"\w\.1(?=\s|$)", words_pdf)
    check(len(marks) == len(notes), f"{path}: footnote marks {marks}")
    words_pdf = re.sub(r"(\w\.)1(?=\s|$)", r"\1", words_pdf)
    if words_pdf != words_txt:
        a, b = words_pdf, words_txt
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        fail(f"{path}: text differs at {i}: pdf …{a[max(0, i - 60):i + 60]!r} vs txt …{b[max(0, i - 60):i + 60]!r}")
    mark_at = [(i + 1, l.strip()) for i, pg in enumerate(layout.split("\f")) for l in pg.splitlines()
               if re.search(r"\w\.1(\s|$)", l)]
    note_at = [i + 1 for i, pg in enumerate(layout.split("\f")) for n in notes
               if re.search(r"^\s*1\n\s*" + re.escape(n.split()[0]), pg, re.M)]
    return dict(pages=pages, hyphenated=hyph, kept_hyphens=kept_hyphens, layout=layout, mark_at=mark_at, note_at=note_at)


def read_pnm(path):
    data = open(path, "rb").read()
    # P5 (gray) or P6 (rgb) binary, maxval 255, no comments (as pdftoppm writes them)
    m = re.match(rb"(P[56])\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    return m.group(1).decode(), int(m.group(2)), int(m.group(3)), data[m.end():]


def image_pdf(pixels, w, h, colorspace, out_path, page_w_pt, page_h_pt):
    """A one-page PDF whose only content is an image (no text layer, no fonts)."""
    img = zlib.compress(pixels, 9)
    content = f"q {page_w_pt:.2f} 0 0 {page_h_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w_pt:.2f} {page_h_pt:.2f}] "
        f"/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /{colorspace} "
        f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(img)} >>\nstream\n".encode() + img + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(out_path, "wb").write(out)


# ---------------------------------------------------------------------------------------------
# Bad inputs
# ---------------------------------------------------------------------------------------------

def make_zip_bomb(path, template, size=400 * 1024 * 1024):
    """All parts of `template` (A.docx), but word/document.xml is `size` bytes: a valid XML
    wrapper around one w:t of spaces, deflated (about 1000:1)."""
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}><w:body><w:p><w:r>'
            '<w:t xml:space="preserve">').encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    pad = size - len(head) - len(tail)
    src = zipfile.ZipFile(template)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2020, 2, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != "word/document.xml":
                z.writestr(zi, src.read(info.filename))
                continue
            zi.file_size = size
            with z.open(zi, "w") as f:
                f.write(head)
                chunk = b" " * (1 << 20)
                while pad > 0:
                    f.write(chunk[:min(pad, len(chunk))])
                    pad -= len(chunk)
                f.write(tail)
    return size


BAD_LOGIN = '''<!DOCTYPE html>
<html lang="az">
<head>
  <meta charset="utf-8">
  <title>Daxil ol | e-Qanun</title>
  <style>form { max-width: 320px; margin: 60px auto; }</style>
</head>
<body>
  <header><a class="logo" href="/">e-Qanun</a>
    <nav><ul><li><a href="/">Əsas səhifə</a></li><li><a href="/laws">Qanunlar</a></li><li><a href="/search">Axtarış</a></li></ul></nav>
  </header>
  <main>
    <h1>Sistemə daxil olun</h1>
    <p>Sənədin tam mətnini görmək üçün hesabınıza daxil olun.</p>
    <form action="/login" method="post">
      <input type="hidden" name="next" value="/doc/1320">
      <label for="u">İstifadəçi adı</label> <input id="u" name="username" type="text" autocomplete="username">
      <label for="p">Şifrə</label> <input id="p" name="password" type="password" autocomplete="current-password">
      <button type="submit">Daxil ol</button>
      <p><a href="/reset">Şifrəni unutmusunuz?</a></p>
    </form>
  </main>
  <footer><p>© 2024 e-Qanun</p></footer>
</body>
</html>
'''

BAD_404 = '''<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>404 Səhifə tapılmadı / Страница не найдена / Not Found</title>
</head>
<body>
  <header><a href="/">e-Qanun</a></header>
  <main class="error">
    <h1>404</h1>
    <p>Səhifə tapılmadı.</p>
    <p>Страница не найдена.</p>
    <p>Not Found. The requested document does not exist or has been moved.</p>
    <p><a href="/">Əsas səhifə</a> · <a href="/search">Axtarış</a></p>
  </main>
</body>
</html>
'''

BAD_EMPTY = '''<!DOCTYPE html>
<html lang="az">
<head>
  <meta charset="utf-8">
  <title></title>
</head>
<body>
</body>
</html>
'''


# ---------------------------------------------------------------------------------------------

def main():
    use_soffice = "--no-soffice" not in sys.argv
    work = "/tmp/fixtures-work"
    os.makedirs(work, exist_ok=True)
    os.makedirs(BAD, exist_ok=True)
    fa, la = read_act(SRC_A)
    fb, lb = read_act(SRC_B)

    # --- DOCX ---------------------------------------------------------------------------------
    model_a, model_b, model_f = build_a(fa, la), build_b(fb, lb), build_features()
    for name, model, lines in [("A", model_a, la), ("B", model_b, lb), ("features", model_f, FEATURES_LINES)]:
        path = os.path.join(HERE, name + ".docx")
        write_docx(path, model)
        got, notes = read_docx(path)
        if got != lines:
            for i, (g, e) in enumerate(zip(got + [""] * 99, lines + [""] * 99)):
                if g != e:
                    fail(f"{name}.docx line {i}: got {g!r}, want {e!r}")
        check(len(notes) == 1 and all(n not in " ".join(lines) for n in notes), f"{name}.docx footnote")
        if name != "features":
            check_docx_parts(path)
        else:
            z = zipfile.ZipFile(path)
            for n in z.namelist():
                ET.fromstring(z.read(n))      # every part well-formed
        print(f"{name}.docx: {len(got)} lines reproduced, numbering rendered from numbering.xml, note: {notes[0][:50]}…")
    sd = zipfile.ZipFile(os.path.join(HERE, "B.docx")).read("word/settings.xml").decode()
    check("<w:autoHyphenation/>" in sd, "B settings lacks autoHyphenation")
    fd = zipfile.ZipFile(os.path.join(HERE, "features.docx")).read("word/document.xml").decode()
    nd = zipfile.ZipFile(os.path.join(HERE, "features.docx")).read("word/numbering.xml").decode()
    for needle in ["<w:tbl>", "<w:br/>", "<w:del ", "<w:sdt>", "<w:hyperlink "]:
        check(needle in fd, f"features.docx lacks {needle}")
    for needle in ['<w:start w:val="5"/>', 'lowerLetter', "<w:startOverride"]:
        check(needle in nd, f"features numbering lacks {needle}")
    with open(os.path.join(HERE, "features.expected.txt"), "w", encoding="utf-8") as f:
        f.write(f'---\ntitle: "{FEATURES_FRONT["title"]}"\nlang: {FEATURES_FRONT["lang"]}\n---\n' + "\n".join(FEATURES_LINES) + "\n")

    # --- HTML ---------------------------------------------------------------------------------
    for name, text, lines in [("A", a_html(fa, la), la), ("B", b_html(fb, lb), lb)]:
        open(os.path.join(HERE, name + ".html"), "w", encoding="utf-8").write(text)
        got = read_html(text)
        check(all(not s for _, s in got), f"{name}.html: a whole line is struck")
        got = [l for l, _ in got]
        if got != lines:
            for i, (g, e) in enumerate(zip(got + [""] * 99, lines + [""] * 99)):
                if g != e:
                    fail(f"{name}.html line {i}: got {g!r}, want {e!r}")
        for needle in ["<s>", "<del>", "line-through", "&nbsp;", "<script>", "<nav", "<aside", "<footer", "<form"]:
            check(needle in text, f"{name}.html lacks {needle}")
        print(f"{name}.html: {len(got)} lines reproduced")
    text = features_html()
    open(os.path.join(HERE, "features.html"), "w", encoding="utf-8").write(text)
    got = read_html(text)
    check(got == FEATURES_HTML_LINES, f"features.html: got {got}")
    exp_lines = "\n".join(l for l, _ in FEATURES_HTML_LINES)
    rep = [l for l, s in FEATURES_HTML_LINES if s]
    with open(os.path.join(HERE, "features-html.expected.md"), "w", encoding="utf-8") as f:
        f.write(f"""# features.html: what a reader must produce

Generated by `make-fixtures.py` (do not edit by hand). The act is the content of `<div class="document">`.

Front matter a reader can fill: `title: "{FEATURES_HTML_TITLE}"`, `lang: ru`.

## Lines, in order (exactly; rules in README.md, "HTML rules")

```text
{exp_lines}
```

## Structure

- Title lines: `ЗАКОН РЕСПУБЛИКИ`, `О государственных электронных реестрах` (one `<p>` split by `<br>`).
- Preamble: 1 line. Chapter: `Глава 1. Общие положения` (`&nbsp;` after `Глава`).
- Articles: 1, 2, 3, 4, 5 (five articles; numbers as printed).
- Статья 2: its three `<ol><li>` items become `1. …`, `2. …`, `3. …` (browser numbering, decimal, from 1).
- Статья 3: the table gives two lines, a header row and a data row, cells joined by ` | ` (`&nbsp;` inside a cell becomes a space).
- **Статья 4 is repealed**: its heading and text are wholly inside `<del>…</del>`. The reader keeps the article
  with its two lines (heading `{rep[0]}`, text `{rep[1]}`) and flags it `repealed`;
  it is not dropped like struck words inside a live paragraph.
- Статья 5: one `<p>` with a `<br>` gives two text lines.
- Nothing outside `div.document` (cookie banner, header, nav, search form, breadcrumbs, doc-info table,
  aside, footer, scripts containing `Статья 98. Fake`, the HTML comment) is part of the act.
""")
    print("features.html: checked")

    # --- PDF ----------------------------------------------------------------------------------
    facts = {}
    if use_soffice:
        for name in ["A", "B"]:
            soffice_convert(os.path.join(HERE, name + ".docx"), work, "pdf")
            shutil.copy(os.path.join(work, name + ".pdf"), os.path.join(HERE, name + ".pdf"))
            normalize_pdf(os.path.join(HERE, name + ".pdf"))
            # LibreOffice's own view of the DOCX text, as a second opinion on the numbering
            t = soffice_convert(os.path.join(HERE, name + ".docx"), work, "txt:Text (encoded):UTF8")
            lo = [l.strip() for l in open(t, encoding="utf-8-sig").read().splitlines() if l.strip()]
            want = la if name == "A" else lb
            check(len(lo) == len(want), f"LibreOffice reads {len(lo)} paragraphs from {name}.docx, txt has {len(want)}")
            check([label_of(l) for l in lo] == [label_of(l) for l in want], f"LibreOffice numbers {name}.docx differently")
        # features.docx through LibreOffice's layout (PDF, not shipped): the numbers it prints
        soffice_convert(os.path.join(HERE, "features.docx"), work, "pdf")
        fl = [l.strip() for l in pdftotext(os.path.join(work, "features.pdf"), layout=True).splitlines()]
        got = [label_of(l) for l in fl if label_of(l)]
        want = [label_of(l) for l in FEATURES_LINES if label_of(l)]
        check(got == want, f"LibreOffice numbers features.docx as {got}, want {want}")
        print("LibreOffice prints the same numbers as the txt for A.docx, B.docx and features.docx")
    for name, front, lines, hdr, foot, notes in [
            ("A", fa, la, "№ " + fa["number"], r"Səhifə \d+", model_a["notes"]),
            ("B", fb, lb, "№ " + fb["number"], r"\d+", model_b["notes"])]:
        path = os.path.join(HERE, name + ".pdf")
        check(os.path.exists(path), f"{path} missing (run without --no-soffice)")
        facts[name] = check_pdf(path, front, lines, list(notes.values()), hdr, foot, dehyphenate=(name == "B"))
        print(f"{name}.pdf: {facts[name]['pages']} pages, words match the txt; hyphenated line ends: "
              f"{len(facts[name]['hyphenated'])}")
    check(len(facts["B"]["hyphenated"]) >= 3, "B.pdf: fewer than 3 hyphenated line ends")
    with open(os.path.join(work, "B.pdf.layout.txt"), "w") as f:
        f.write(facts["B"]["layout"])
    with open(os.path.join(work, "A.pdf.layout.txt"), "w") as f:
        f.write(facts["A"]["layout"])
    block = ["<!-- pdf-facts:begin (written by make-fixtures.py) -->", "",
             f"Made with {tool_versions()}.", ""]
    for name in ["A", "B"]:
        f = facts[name]
        block.append(f"- `{name}.pdf`: {f['pages']} pages. Footnote mark: page {f['mark_at'][0][0]}, line "
                     f"`{f['mark_at'][0][1]}`; footnote text: bottom of page {f['note_at'][0]}.")
        if name == "A":
            block.append("  No automatic hyphenation. Line-end hyphens in the body are real hyphens of compound words, "
                         "to keep: " + (", ".join(f"`{a}-`/`{b}`" for a, b in f["hyphenated"] + f["kept_hyphens"]) or "none") +
                         "; the footnote text breaks at `9.2-`/`ci` (a real hyphen, but the footnote is dropped anyway).")
        else:
            block.append(f"  {len(f['hyphenated'])} hyphenation breaks (letter `-` at line end, next line starts with a "
                         "lower-case letter; join without the hyphen): " +
                         ", ".join(f"`{a}-`/`{b}`" for a, b in f["hyphenated"]) + ".")
            block.append("  Other line-end hyphens, to keep as they are (with the space before them): " +
                         (", ".join(f"`{a}` then `{b}`" for a, b in f["kept_hyphens"]) or "none") + ".")
    block += ["", "<!-- pdf-facts:end -->"]
    readme = os.path.join(HERE, "README.md")
    if os.path.exists(readme):
        text = open(readme, encoding="utf-8").read()
        text = re.sub(r"<!-- pdf-facts:begin.*?<!-- pdf-facts:end -->", lambda m: "\n".join(block), text, flags=re.S)
        open(readme, "w", encoding="utf-8").write(text)
    open(os.path.join(work, "pdf-facts.md"), "w").write("\n".join(block) + "\n")

    # --- bad inputs ---------------------------------------------------------------------------
    open(os.path.join(BAD, "not-a-zip.docx"), "w", encoding="utf-8").write(
        "Dövlət sirri haqqında\nRESPUBLİKANIN QANUNU\nMaddə 1. Bu fayl ZIP deyil, adı dəyişdirilmiş mətn faylıdır.\n")
    adata = open(os.path.join(HERE, "A.docx"), "rb").read()
    open(os.path.join(BAD, "truncated.docx"), "wb").write(adata[:int(len(adata) * 0.6)])
    pdata = open(os.path.join(HERE, "A.pdf"), "rb").read()
    open(os.path.join(BAD, "truncated.pdf"), "wb").write(pdata[:int(len(pdata) * 0.4)])
    bomb = os.path.join(BAD, "zip-bomb.docx")
    usize = make_zip_bomb(bomb, os.path.join(HERE, "A.docx"))
    zi = zipfile.ZipFile(bomb).getinfo("word/document.xml")
    check(zi.file_size == usize and os.path.getsize(bomb) < 1 << 20, "zip bomb sizes")
    open(os.path.join(BAD, "login.html"), "w", encoding="utf-8").write(BAD_LOGIN)
    open(os.path.join(BAD, "error-404.html"), "w", encoding="utf-8").write(BAD_404)
    open(os.path.join(BAD, "empty.html"), "w", encoding="utf-8").write(BAD_EMPTY)
    for n in ["login.html", "error-404.html", "empty.html"]:
        check(read_html(open(os.path.join(BAD, n), encoding="utf-8").read()) == [], f"{n} has a document div")
    # scanned.pdf: page 1 of A.pdf rasterised at 60 dpi, wrapped in a PDF with no text layer
    subprocess.run(["pdftoppm", "-gray", "-r", "60", "-f", "1", "-l", "1", os.path.join(HERE, "A.pdf"),
                    os.path.join(work, "page")], check=True)
    pgm = [f for f in os.listdir(work) if f.startswith("page") and f.endswith(".pgm")][0]
    kind, w, h, px = read_pnm(os.path.join(work, pgm))
    check(kind == "P5", "pdftoppm -gray should write PGM")
    image_pdf(px, w, h, "DeviceGray", os.path.join(BAD, "scanned.pdf"), w * 72 / 60, h * 72 / 60)
    st = pdftotext(os.path.join(BAD, "scanned.pdf"))
    check(not re.search(r"\w", st), "scanned.pdf has a text layer")
    check(pdf_pages(os.path.join(BAD, "scanned.pdf")) == 1, "scanned.pdf pages")
    for n in os.listdir(BAD):
        check(os.path.getsize(os.path.join(BAD, n)) < 1 << 20, f"bad/{n} >= 1 MB")
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(HERE) for f in fs
                if not os.path.relpath(dp, HERE).startswith("akn"))      # akn/ is not made here
    check(total < 3 << 20, f"fixtures total {total} >= 3 MB")
    print(f"bad/: {sorted(os.listdir(BAD))}; total fixtures {total} bytes")


if __name__ == "__main__":
    main()
