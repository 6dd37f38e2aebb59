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
