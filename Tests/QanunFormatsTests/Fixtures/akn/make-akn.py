#!/usr/bin/env python3
"""Regenerate A.akn.xml and A.expected.json from corpus/az/az_dovlet_sirri_2018.txt.

A.akn.xml is written the way a *different* producer (Laws.Africa / Cobalt / bluebell) would write
it, not the way Qanun exports: chapters as <chapter><num>I fəsil</num><heading>…</heading>,
articles with <num>Maddə 1.</num>, every element's eId prefixed by its parent's eId
(chp_I__art_1__para_1.1), a part with points as <paragraph><intro>…</intro><point>…</point>,
Cobalt-style FRBR metadata (expression URI aze@DATE, manifestation URIs = expression URIs,
FRBRauthor href=""), the title in <preface><longTitle>, the issuing line as <docType>, the
preamble in <preamble>, the signature block in <conclusions>.

A.expected.json is derived from the text file alone (not from the XML): one object per article,
{"number", "heading", "chapter", "section", "repealed", "parts": [{"label", "text"}]}, as a reader
of A.akn.xml should produce it. A.expected-act.json holds the act-level fields.

Standard library only. Usage (from the repository root or anywhere):
    python3 Tests/QanunFormatsTests/Fixtures/akn/make-akn.py           # write the files
    python3 Tests/QanunFormatsTests/Fixtures/akn/make-akn.py --check   # also read every *.akn.xml /
        minimal-act.xml back with the reference reader below and compare with its expected JSON
        (*.expected.json: articles; *.expected-act.json: act-level fields)
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SOURCE = os.path.join(ROOT, "corpus", "az", "az_dovlet_sirri_2018.txt")
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

CHAPTER_RE = re.compile(r"^([IVXLC]+) fəsil$")
ARTICLE_RE = re.compile(r"^Maddə (\d+(?:[-.]\d+)*[a-z]*)\. (.+)$")
PART_RE = re.compile(r"^(\d+\.\d+\.) (.+)$")          # 1.1.
POINT_RE = re.compile(r"^(\d+\.\d+\.\d+\.) (.+)$")    # 2.1.1.


def read_source(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    assert lines[0] == "---", "front matter expected"
    end = lines.index("---", 1)
    meta = {}
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        value = value.strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1]
        meta[key.strip()] = value
    body = [l for l in lines[end + 1:] if l.strip()]
    return meta, body


def parse(body):
    """Walk the body lines; every line must land somewhere exactly once."""
    title, doc_type, preamble = body[0], body[1], []
    i = 2
    while not CHAPTER_RE.match(body[i]) and not ARTICLE_RE.match(body[i]):
        preamble.append(body[i])
        i += 1
    chapters, conclusions = [], []
    chapter = article = None
    while i < len(body):
        line = body[i]
        if m := CHAPTER_RE.match(line):
            chapter = {"num": line, "roman": m.group(1), "heading": body[i + 1], "articles": []}
            chapters.append(chapter)
            article = None
            i += 2
            continue
        if m := ARTICLE_RE.match(line):
            article = {"number": m.group(1), "heading": m.group(2), "paras": []}
            chapter["articles"].append(article)
        elif m := POINT_RE.match(line):
            article["paras"][-1]["points"].append({"num": m.group(1), "text": m.group(2)})
        elif m := PART_RE.match(line):
            article["paras"].append({"num": m.group(1), "text": m.group(2), "points": []})
        else:
            # Unnumbered text after the last article: the signature block. Anything else is a
            # structure this script does not know, and must not be guessed.
            rest = body[i:]
            assert not any(ARTICLE_RE.match(l) or PART_RE.match(l) or CHAPTER_RE.match(l) for l in rest), line
            conclusions = rest
            break
        i += 1
    return title, doc_type, preamble, chapters, conclusions


def p(text, indent):
    return f"{indent}<p>{escape(text)}</p>\n"


def write_akn(meta, title, doc_type, preamble, chapters, conclusions):
    date, number = meta["date"], meta["number"]
    work = f"/akn/az/act/{date}/{number}"
    expr = f"{work}/aze@{date}"
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<akomaNtoso xmlns="{NS}">\n',
           '  <act name="act">\n',
           "    <meta>\n",
           '      <identification source="#cobalt">\n',
           "        <FRBRWork>\n",
           f'          <FRBRthis value="{work}/!main"/>\n',
           f'          <FRBRuri value="{work}"/>\n',
           f'          <FRBRalias value={quoteattr(title)} name="title"/>\n',
           f'          <FRBRdate date="{date}" name="Generation"/>\n',
           '          <FRBRauthor href=""/>\n',
           '          <FRBRcountry value="az"/>\n',
           f'          <FRBRnumber value="{number}"/>\n',
           "        </FRBRWork>\n",
           "        <FRBRExpression>\n",
           f'          <FRBRthis value="{expr}/!main"/>\n',
           f'          <FRBRuri value="{expr}"/>\n',
           f'          <FRBRdate date="{date}" name="Generation"/>\n',
           '          <FRBRauthor href=""/>\n',
           '          <FRBRlanguage language="aze"/>\n',
           "        </FRBRExpression>\n",
           "        <FRBRManifestation>\n",
           f'          <FRBRthis value="{expr}/!main"/>\n',
           f'          <FRBRuri value="{expr}"/>\n',
           f'          <FRBRdate date="{date}" name="Generation"/>\n',
           '          <FRBRauthor href=""/>\n',
           "        </FRBRManifestation>\n",
           "      </identification>\n",
           '      <references source="#cobalt">\n',
           '        <TLCOrganization eId="cobalt" href="https://github.com/laws-africa/cobalt" showAs="cobalt"/>\n',
           "      </references>\n",
           "    </meta>\n",
           "    <preface>\n",
           "      <longTitle>\n",
           p(title, "        "),
           "      </longTitle>\n",
           f"      <p><docType>{escape(doc_type)}</docType></p>\n",
           "    </preface>\n",
           "    <preamble>\n"]
    out += [p(t, "      ") for t in preamble]
    out += ["    </preamble>\n", "    <body>\n"]
    for ch in chapters:
        cid = f"chp_{ch['roman']}"
        out += [f'      <chapter eId="{cid}">\n',
                f"        <num>{escape(ch['num'])}</num>\n",
                f"        <heading>{escape(ch['heading'])}</heading>\n"]
        for art in ch["articles"]:
            aid = f"{cid}__art_{art['number']}"
            out += [f'        <article eId="{aid}">\n',
                    f"          <num>Maddə {escape(art['number'])}.</num>\n",
                    f"          <heading>{escape(art['heading'])}</heading>\n"]
            for para in art["paras"]:
                pid = f"{aid}__para_{para['num'].rstrip('.')}"
                out += [f'          <paragraph eId="{pid}">\n',
                        f"            <num>{escape(para['num'])}</num>\n"]
                if para["points"]:
                    out += [f'            <intro eId="{pid}__intro">\n', p(para["text"], "              "),
                            "            </intro>\n"]
                    for pt in para["points"]:
                        out += [f'            <point eId="{pid}__point_{pt["num"].rstrip(".")}">\n',
                                f"              <num>{escape(pt['num'])}</num>\n",
                                "              <content>\n", p(pt["text"], "                "),
                                "              </content>\n",
                                "            </point>\n"]
                else:
                    out += ["            <content>\n", p(para["text"], "              "), "            </content>\n"]
                out.append("          </paragraph>\n")
            out.append("        </article>\n")
        out.append("      </chapter>\n")
    out.append("    </body>\n")
    if conclusions:
        out.append("    <conclusions>\n")
        for line in conclusions:
            if re.match(r"^\d{1,2} \w+ \d{4}-c[iı] il$", line):
                out.append(f'      <p><docDate date="{date}">{escape(line)}</docDate></p>\n')
            elif line.startswith("№"):
                out.append(f"      <p><docNumber>{escape(line)}</docNumber></p>\n")
            else:
                out.append(p(line, "      "))
        out.append("    </conclusions>\n")
    out += ["  </act>\n", "</akomaNtoso>\n"]
    return "".join(out)


def expected_articles(chapters):
    result = []
    for ch in chapters:
        for art in ch["articles"]:
            parts = []
            for para in art["paras"]:
                parts.append({"label": para["num"], "text": para["text"]})
                parts += [{"label": pt["num"], "text": pt["text"]} for pt in para["points"]]
            result.append({"number": art["number"], "heading": art["heading"],
                           "chapter": f"{ch['num']}. {ch['heading']}", "section": None,
                           "repealed": False, "parts": parts})
    return result


# ---------------------------------------------------------------------------------------------
# Reference reader: the rules SCHEMA-NOTES.md recommends for the Swift importer, in 80 lines.
# ---------------------------------------------------------------------------------------------
A = "{%s}" % NS
UNITS = ("article",)                 # the article unit; falls back to "section" when there is none
DIVISIONS_CHAPTER = ("chapter",)     # -> Article.chapter
DIVISIONS_SECTION = ("part", "title", "book", "section", "subtitle", "subpart")  # -> Article.section
SKIP_INLINE = (A + "authorialNote", A + "noteRef")


def text_of(el):
    """Text of an inline/block element, footnotes (authorialNote) left out, whitespace collapsed."""
    chunks = []

    def walk(e):
        if e.tag in SKIP_INLINE:
            if e.tail:
                chunks.append(e.tail)
            return
        if e.text:
            chunks.append(e.text)
        for c in e:
            walk(c)
            if c.tag in SKIP_INLINE:
                continue
            if c.tail:
                chunks.append(c.tail)
    walk(el)
    return re.sub(r"\s+", " ", "".join(chunks)).strip()


def local(el):
    return el.tag[len(A):] if el.tag.startswith(A) else None


def blocks_text(el):
    """Text of a content/intro/wrapUp: its block children (p, blockList…) joined by newlines."""
    return "\n".join(t for t in (text_of(b) for b in el) if t)


def division_label(el):
    num, heading = el.find(A + "num"), el.find(A + "heading")
    num = text_of(num) if num is not None else ""
    heading = text_of(heading) if heading is not None else ""
    return f"{num}. {heading}" if num and heading else (num or heading or None)


def article_number(num_text):
    # "Maddə 1." / "Статья 5." / "Article 27-1" / "Section 3" / "§ 552a." / "1" -> the number
    s = re.sub(r"^(maddə|статья|article|section|sec\.|art\.|§)\s*", "", num_text.strip(), flags=re.I)
    return s.rstrip(".:) ").lstrip("(")


HIER_PARTS = ("paragraph", "point", "subsection", "subparagraph", "list", "clause", "subclause", "indent",
              "alinea", "hcontainer", "level", "sublist", "proviso", "transitional")


def read_parts(el, parts, label=None):
    """One Part per block (<p>, <blockList>…), in document order. The element's <num> labels the
    first block of its own <content>/<intro>; further blocks, <wrapUp> blocks and the article's own
    <content>/<intro> are unlabelled parts. A numbered element with no text of its own still yields
    a part with its label and empty text. Empty unlabelled blocks are dropped."""
    pending = label

    def emit(text):
        nonlocal pending
        if text or pending:
            parts.append({"label": pending, "text": text})
        pending = None

    for c in el:
        name = local(c)
        if name in ("content", "intro"):
            for b in c:
                emit(text_of(b))
        elif name == "wrapUp":
            if pending:
                emit("")
            for b in c:
                emit(text_of(b))
        elif name in HIER_PARTS:
            if pending:
                emit("")
            num = c.find(A + "num")
            read_parts(c, parts, text_of(num) if num is not None and text_of(num) else None)
    if pending:
        emit("")


def read(path):
    root = ET.parse(path).getroot()
    assert root.tag == A + "akomaNtoso", "not Akoma Ntoso 3.0"
    doc = next(iter(root))
    body = doc.find(A + "body")
    # the article unit: <article>; a document without any (UK bills/acts) uses <section>
    unit = "article" if body.find(".//" + A + "article") is not None else "section"
    articles = []

    def walk(el, chapter, section):
        for c in el:
            name = local(c)
            if name == unit:
                num = c.find(A + "num")
                heading = c.find(A + "heading")
                parts = []
                read_parts(c, parts)
                articles.append({"number": article_number(text_of(num)) if num is not None else "",
                                 "heading": text_of(heading) if heading is not None else "",
                                 "chapter": chapter, "section": section,
                                 "repealed": c.get("status") == "removed", "parts": parts})
            elif name in DIVISIONS_CHAPTER:
                walk(c, division_label(c), section)
            elif name in DIVISIONS_SECTION:
                walk(c, None, division_label(c))
            elif name == "hcontainer":
                walk(c, chapter, section)
    walk(body, None, None)
    return articles


LANGUAGES = {"aze": "az", "rus": "ru", "eng": "en", "az": "az", "ru": "ru", "en": "en"}


def read_act(path):
    """Act-level fields: title, number, date, type, language, preamble, notes."""
    doc = next(iter(ET.parse(path).getroot()))
    work = doc.find(f"{A}meta/{A}identification/{A}FRBRWork")
    expr = doc.find(f"{A}meta/{A}identification/{A}FRBRExpression")
    preface, preamble = doc.find(A + "preface"), doc.find(A + "preamble")
    title = None
    if preface is not None:                           # 1. printed short title / doc title
        t = preface.find(f".//{A}shortTitle")
        t = t if t is not None else preface.find(f".//{A}docTitle")
        title = text_of(t) if t is not None else None
    if not title:                                     # 2. FRBRalias name="title"/"shortTitle"
        title = next((a.get("value") for a in work.findall(A + "FRBRalias")
                      if a.get("name") in ("title", "shortTitle")), None)
    if not title and work.find(A + "FRBRname") is not None:   # 3. FRBRname
        title = work.find(A + "FRBRname").get("value")
    if not title and preface is not None and preface.find(A + "longTitle") is not None:  # 4. longTitle
        title = blocks_text(preface.find(A + "longTitle"))
    number = work.find(A + "FRBRnumber")
    return {"title": title, "number": number.get("value") if number is not None else None,
            "date": work.find(A + "FRBRdate").get("date")[:10], "type": doc.get("name"),
            "language": LANGUAGES.get(expr.find(A + "FRBRlanguage").get("language")),
            "preamble": blocks_text(preamble) if preamble is not None else "",
            "notes": [blocks_text(n) for n in doc.findall(f"{A}meta/{A}notes/{A}note")]}


def main():
    meta, body = read_source(SOURCE)
    title, doc_type, preamble, chapters, conclusions = parse(body)
    # faithfulness: the parsed structure, printed back, is the body line for line
    rebuilt = [title, doc_type] + preamble
    for ch in chapters:
        rebuilt += [ch["num"], ch["heading"]]
        for a in ch["articles"]:
            rebuilt.append(f"Maddə {a['number']}. {a['heading']}")
            for para in a["paras"]:
                rebuilt.append(f"{para['num']} {para['text']}")
                rebuilt += [f"{pt['num']} {pt['text']}" for pt in para["points"]]
    rebuilt += conclusions
    assert rebuilt == body, next((i, x, y) for i, (x, y) in enumerate(zip(rebuilt, body)) if x != y)
    with open(os.path.join(HERE, "A.akn.xml"), "w", encoding="utf-8") as f:
        f.write(write_akn(meta, title, doc_type, preamble, chapters, conclusions))
    with open(os.path.join(HERE, "A.expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected_articles(chapters), f, ensure_ascii=False, indent=1)
        f.write("\n")
    act = {"title": title, "number": meta["number"], "date": meta["date"], "type": "act", "language": "az",
           "preamble": "\n".join(preamble), "notes": []}
    with open(os.path.join(HERE, "A.expected-act.json"), "w", encoding="utf-8") as f:
        json.dump(act, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"A.akn.xml: {len(chapters)} chapters, {sum(len(c['articles']) for c in chapters)} articles")

    if "--check" in sys.argv:
        ok = True
        for xml, exp in (("A.akn.xml", "A.expected.json"), ("bill.akn.xml", "bill.expected.json"),
                         ("minimal-act.xml", "minimal-act.expected.json")):
            xp, ep = os.path.join(HERE, xml), os.path.join(HERE, exp)
            if not (os.path.exists(xp) and os.path.exists(ep)):
                continue
            got = read(xp)
            with open(ep, encoding="utf-8") as f:
                want = json.load(f)
            with open(ep.replace(".expected.json", ".expected-act.json"), encoding="utf-8") as f:
                want_act = json.load(f)
            got_act = read_act(xp)
            if got_act != want_act:
                print(f"check {xml}: act fields MISMATCH\n  got  {got_act}\n  want {want_act}")
                ok = False
            same = got == want
            ok &= same
            print(f"check {xml}: {'OK' if same else 'MISMATCH'} ({len(got)} articles)")
            if not same:
                for g, w in zip(got, want):
                    if g != w:
                        print("  got ", json.dumps(g, ensure_ascii=False)[:400])
                        print("  want", json.dumps(w, ensure_ascii=False)[:400])
                        break
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
