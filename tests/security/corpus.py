"""Hostile uploads, as an attacker with a staff account would try them.

Each is made here, byte by byte, so the corpus is readable and needs no binary fixture:
(name the browser sends, content, what it is).
"""

import io
import struct
import zlib

from PIL import Image

from tests.files import image_bytes, pdf_bytes

SCRIPT = b"<script>fetch('/admin/auth/user/add/',{method:'POST'})</script>"
HTML = b"<!doctype html><html><body>" + SCRIPT + b"</body></html>"


def png_with_chunk(payload: bytes = HTML) -> bytes:
    """A valid PNG carrying `payload` in a tEXt chunk right after its header."""
    png = image_bytes("PNG", (10, 10), (200, 0, 0, 255))
    body = b"tEXt" + b"Comment\x00" + payload
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return png[:33] + chunk + png[33:]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A black-and-white PNG of `width` × `height` pixels, its rows compressed to a few kilobytes."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def pixel_bomb() -> bytes:
    """A few hundred bytes of JPEG whose header claims 65000 × 65000 pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    frame = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, frame + 5, 65000, 65000)
    return bytes(data)


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF says where it was taken (the Academy in Hà Nội)."""
    image = Image.new("RGB", (32, 24), (10, 120, 60))
    exif = Image.Exif()
    gps = {1: "N", 2: (21.0, 2.0, 10.0), 3: "E", 4: (105.0, 47.0, 30.0)}
    exif[0x8825] = gps
    exif[0x010E] = "Toàn cảnh"  # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script><rect width='10' height='10'/></svg>"
)

# name, content: refused by every file field of the portal.
HOSTILE = {
    "script renamed .pdf": ("quyet-dinh.pdf", HTML),
    "script renamed .jpg": ("anh.jpg", HTML),
    "PDF/HTML polyglot named .html": ("quyet-dinh-99.html", b"%PDF-1.4\n<html>" + SCRIPT + b"</html>"),
    "PDF/HTML polyglot named .pdf": ("quyet-dinh-99.pdf", b"%PDF-1.4\n<html>" + SCRIPT + b"</html>"),
    "PNG with a script chunk named .html": ("x.html", png_with_chunk()),
    "SVG with script": ("logo.svg", SVG_WITH_SCRIPT),
    "HTML file": ("trang.html", HTML),
    "zero-byte file": ("rong.pdf", b""),
    "pixel bomb": ("bom.jpg", pixel_bomb()),
    "real PDF named .html": ("quyet-dinh.html", pdf_bytes()),
}


def oversized(limit: int, name: str) -> tuple[str, bytes]:
    """A file one byte over `limit`, starting like a real one of its kind."""
    head = pdf_bytes() if name.endswith(".pdf") else image_bytes("JPEG", (8, 8))
    return name, head + b"\0" * (limit + 1 - len(head))
