"""Real, small files for upload tests: a one-page PDF and a JPEG photo.

The PDF is written by hand with a correct cross-reference table (each offset points at its
object), the kind a strict parser such as qpdf accepts without repairing it, so a test can
upload a true document rather than a file that merely starts with "%PDF-".
"""

import io


def _pdf_string(text: str) -> bytes:
    """A PDF literal string of ASCII text (Helvetica's standard encoding has no Vietnamese)."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("ascii") + b")"


def pdf_document(text: str = "Quyet dinh so 12-QD/BCD35") -> bytes:
    """A valid one-page A4 PDF 1.4 showing `text` (ASCII) in Helvetica."""
    content = b"BT /F1 18 Tf 72 770 Td " + _pdf_string(text) + b" Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    # The binary comment line tells transfer tools the file is binary (PDF 1.4, 7.5.2).
    document = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(document))
        document += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_offset = len(document)
    # Each cross-reference entry is exactly 20 bytes, its end of line included (7.5.4).
    document += b"xref\n0 %d\n" % (len(objects) + 1)
    document += b"0000000000 65535 f\r\n"
    for offset in offsets:
        document += b"%010d 00000 n\r\n" % offset
    document += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    document += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(document)


def jpeg_photo(width: int = 1600, height: int = 900, colour=(20, 90, 160)) -> bytes:
    """A real JPEG that Pillow (and so the upload validators) can open."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()
