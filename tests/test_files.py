"""The files tests upload are real files: what a strict reader finds in them."""

import re
import shutil
import subprocess

import pytest
from PIL import Image

from tests.files import jpeg_bytes, pdf_bytes


def test_every_cross_reference_of_the_pdf_points_at_its_object():
    document = pdf_bytes("Quyet dinh (so 12)")

    xref_at = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", document).group(1))
    table = document[xref_at:].split(b"trailer")[0].splitlines()
    assert table[:2] == [b"xref", b"0 6"]
    entries = table[2:]
    assert all(len(entry) + 2 == 20 for entry in entries)  # 20 bytes with the CRLF
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry.split()[0])
        assert document[offset:].startswith(b"%d 0 obj\n" % number)
    assert rb"(Quyet dinh \(so 12\)) Tj" in document


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt-get install qpdf)")
def test_qpdf_finds_no_error_in_the_pdf(tmp_path):
    path = tmp_path / "quyet-dinh.pdf"
    path.write_bytes(pdf_bytes())

    completed = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)  # noqa: S603, S607

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "No syntax or stream encoding errors found" in completed.stdout


def test_the_photo_is_a_jpeg_of_the_size_asked():
    import io

    with Image.open(io.BytesIO(jpeg_bytes(640, 360))) as image:
        assert (image.format, image.size) == ("JPEG", (640, 360))
