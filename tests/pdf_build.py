"""Minimal PDF files written by hand for the failure-mode tests: a scan (an image, no text
layer) and a password-protected file.  Written byte by byte so that no PDF-writing library is
needed; the cross-reference table is computed, so the files are well-formed."""

from __future__ import annotations


def pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object i+1 is ``objects[i]`` (object 1 the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra + b">>\n"
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(data)).encode() + b" " + extra + b">>\nstream\n" + data + b"\nendstream"


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that show one grey image each and carry no text at all (what a scanner makes)."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode()]
    image_no = 3 + 2 * pages
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /XObject << /Im1 {image_no} 0 R >> >> >>".encode())
        objects.append(_stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q"))
    pixels = bytes([200] * 16)
    objects.append(_stream(pixels, b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 "))
    return pdf(objects)


def half_scanned_pdf() -> bytes:
    """Page 1 has a line of text; page 2 is an image only (a scanned page put in)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 7 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (Annual report 2024) Tj ET"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
        b"/Resources << /XObject << /Im1 8 0 R >> >> >>",
        _stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(bytes([200] * 16), b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 "),
    ]
    return pdf(objects)


def encrypted_pdf() -> bytes:
    """A page of text behind the standard security handler with a user password: without the
    password nothing can be read (the /U entry matches no empty password)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (secret) Tj ET"),
        b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ]
    return pdf(objects, b"/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


# ----------------------------------------------------------------------------- seed reports as PDF

def seed_pdf(seed_text: str, tables: tuple, path):  # type: ignore[no-untyped-def,type-arg]
    """A PDF of a seed made with reportlab (BSD): prose lines as paragraphs, the three tables as the
    official form lays them out (merged label cells, the vertical 三、本年度办理结果), rows tall
    enough that 表三 runs over a page break with its three header rows repeated, and a running
    page number "- N -" at each page foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
    from tests.docx_build import T3_LABELS, part_lines

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24)
    head = ParagraphStyle("head", fontName="STSong-Light", fontSize=12, leading=20, leftIndent=24)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=10)
    t2, t3, t4 = tables

    def p(text: str) -> Paragraph:
        return Paragraph(text, cell)

    def fmt(v: object) -> str:
        return "" if v is None else str(v)

    def style(spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> TableStyle:
        cmds = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                ("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        cmds += [("SPAN", a, b) for a, b in spans]
        return TableStyle(cmds)

    # 表二: four blocks of four columns
    rows2: list[list[object]] = []
    spans2: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for caption, heads, items in (
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "reg"), ("行政规范性文件", "norm")]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licence")]),
        ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fee")]),
    ):
        spans2.append(((0, len(rows2)), (3, len(rows2))))
        rows2.append([caption, "", "", ""])
        if len(heads) == 1:
            spans2.append(((1, len(rows2)), (3, len(rows2))))
        rows2.append(["信息内容", *heads, "", ""][:4] if len(heads) == 1 else ["信息内容", *heads])
        for label, key in items:
            vals = [fmt(v) for v in t2[key]]
            if len(vals) == 1:
                spans2.append(((1, len(rows2)), (3, len(rows2))))
            rows2.append([label, *vals, "", ""][:4] if len(vals) == 1 else [label, *vals])

    # 表三: 3 label columns + 7 values, 3 header rows
    rows3: list[list[object]] = [
        [p("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", p("商业企业"), p("科研机构"), p("社会公益组织"), p("法律服务机构"), "其他", ""],
    ]
    spans3 = [((0, 0), (2, 2)), ((3, 0), (9, 0)), ((3, 1), (3, 2)), ((4, 1), (8, 1)), ((9, 1), (9, 2))]
    rows3.append([p("一、本年新收政府信息公开申请数量"), "", "", *map(fmt, t3["R1"])])
    spans3.append(((0, 3), (2, 3)))
    rows3.append([p("二、上年结转政府信息公开申请数量"), "", "", *map(fmt, t3["R2"])])
    spans3.append(((0, 4), (2, 4)))
    first = len(rows3)
    spans3.append(((0, first), (0, first + len(T3_LABELS) - 1)))
    i = 0
    while i < len(T3_LABELS):
        key, group, label = T3_LABELS[i]
        r = len(rows3)
        if group is None:
            rows3.append(["三、本年度办理结果" if r == first else "", p(label), "", *map(fmt, t3[key])])
            spans3.append(((1, r), (2, r)))
            i += 1
            continue
        j = i
        while j < len(T3_LABELS) and T3_LABELS[j][1] == group:
            j += 1
        spans3.append(((1, r), (1, r + j - i - 1)))
        for n, (key2, _, label2) in enumerate(T3_LABELS[i:j]):
            rows3.append(["", p(group) if n == 0 else "", p(label2), *map(fmt, t3[key2])])
        i = j
    rows3[first][0] = p("三、本年度办理结果")
    r = len(rows3)
    rows3.append([p("四、结转下年度继续办理"), "", "", *map(fmt, t3["R4"])])
    spans3.append(((0, r), (2, r)))

    # 表四: 15 columns, 3 header rows
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows4: list[list[object]] = [
        ["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
        [*map(p, heads), "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        ["", "", "", "", "", *map(p, heads * 2)],
        [*map(fmt, [*t4["fy"], *t4["zs"], *t4["hs"]])],
    ]
    spans4 = [((0, 0), (4, 0)), ((5, 0), (14, 0)), ((5, 1), (9, 1)), ((10, 1), (14, 1))]
    spans4 += [((k, 1), (k, 2)) for k in range(5)]

    story: list[object] = []
    parts = part_lines(seed_text)
    for ln in parts[0][1]:
        if ln.strip():
            story.append(Paragraph(ln.strip(), body))
    for number, (title, lines) in enumerate(parts[1:], 1):
        if number != 3:
            story.append(Paragraph(f"{'一二三四五六'[number - 1]}、{title}", head))
        if number == 2:
            story.append(Table(rows2, colWidths=[120, 110, 110, 110], style=style(spans2)))
        elif number == 3:
            # WPS/Word break the table inside the merged label cells (reportlab cannot): lay out
            # the two pieces as they print — the header rows repeated on the next page, the merged
            # cells cut, their text in the first piece only
            cut = 3 + 13  # the page break falls inside （四）无法提供, after its first row
            widths = [22, 60, 140] + [38] * 7
            head_spans = [sp for sp in spans3 if sp[1][1] < 3]
            a_spans = [((a[0], a[1]), (b[0], min(b[1], cut - 1))) for a, b in spans3 if a[1] < cut]
            b_spans = head_spans + [((a[0], max(a[1], cut) - cut + 3), (b[0], b[1] - cut + 3))
                                    for a, b in spans3 if b[1] >= cut]
            story.append(PageBreak())
            story.append(Paragraph(f"三、{title}", head))
            story.append(Table(rows3[:cut], colWidths=widths, rowHeights=[40, 20, 30] + [34] * (cut - 3),
                               style=style(a_spans)))
            story.append(PageBreak())
            story.append(Table(rows3[:3] + rows3[cut:], colWidths=widths,
                               rowHeights=[40, 20, 30] + [34] * (len(rows3) - cut), style=style(b_spans)))
            continue
        elif number == 4:
            story.append(Table(rows4, colWidths=[32] * 15, style=style(spans4)))
        else:
            story += [Paragraph(ln.strip(), body) for ln in lines if ln.strip()]

    def foot(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50).build(
        story, onFirstPage=foot, onLaterPages=foot)
    return path
