"""A report attached to a conference is what its name says: each kind Kith accepts, made here
as a real (small) file, is taken; each disguise is refused with a message that says what the
file really is and what to do."""

from __future__ import annotations

import html
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from kith.accounts.roles import Role
from kith.protection import uploads
from kith.protection.forms import REPORT_TYPES, ReportForm
from kith.protection.models import Conference, ConferenceChild
from kith.test import make_case, signed_in_client

PAGE = "<!doctype html><html><body><script>alert('hello')</script></body></html>"


def image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, kind)
    return out.getvalue()


def zipped(*parts: tuple[str, str], stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (name, text) in enumerate(parts):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=method)
    return out.getvalue()


def word() -> bytes:
    return zipped(
        (
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
        (
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        ),
        (
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>School report</w:t></w:r>'
            "</w:p></w:body></w:document>",
        ),
    )


def opendocument() -> bytes:
    return zipped(
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        (
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>',
        ),
        ("content.xml", '<?xml version="1.0"?><office:document-content/>'),
        stored_first=True,
    )


def spreadsheet() -> bytes:
    return zipped(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))


def old_word() -> bytes:
    # The compound file header every Word 97-2003 document starts with, then its first sector.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00" + bytes(488)


PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"

GENUINE = {
    "report.pdf": PDF,
    "report.doc": old_word(),
    "report.docx": word(),
    "report.odt": opendocument(),
    "report.rtf": b"{\\rtf1\\ansi School report: attendance 92%.}",
    "report.txt": "School report for Zoë: attendance 92%, < 5 late marks.\n".encode(),
    "notes.txt": "\ufeff\n  Notes from the health visitor\n".encode(),
    "scan.jpg": image("JPEG"),
    "scan.jpeg": image("JPEG"),
    "photo.png": image("PNG"),
}

DISGUISES = [
    # (name, content, what the message must say)
    ("report.pdf", PAGE.encode(), "not really a PDF: it is a web page"),
    ("report.pdf", b"\xef\xbb\xbf\n  <svg onload='x'/>", "not really a PDF: it is a web page"),
    ("report.pdf", image("PNG"), "not really a PDF: it is a PNG image. Change the end of"),
    ("report.pdf", b"Just some words", "not really a PDF: what is inside it is some other"),
    ("report.doc", b"MZ\x90\x00\x03", "not really a Word document: it is a program"),
    ("report.doc", PAGE.encode(), "not really a Word document: it is a web page"),
    ("report.docx", PDF, "not really a Word document: it is a PDF. Change the end"),
    ("report.docx", opendocument(), "it is an OpenDocument text document. Change the end"),
    ("report.docx", spreadsheet(), "not really a Word document: it is some other kind of zip"),
    ("report.docx", b"PK\x03\x04 broken", "not really a Word document: it is damaged"),
    ("report.odt", word(), "not really an OpenDocument text document: it is a Word document"),
    ("report.odt", zipped(("a.txt", "a")), "it is some other kind of zip file"),
    ("report.rtf", PAGE.encode(), "not really a rich text (RTF) document: it is a web page"),
    ("scan.jpg", image("PNG"), "not really a JPG photo: it is a PNG image"),
    ("scan.jpeg", PAGE.encode(), "not really a JPG photo: it is a web page"),
    ("photo.png", image("JPEG"), "not really a PNG image: it is a JPG photo"),
    ("photo.png", b"GIF89a\x01\x00", "not really a PNG image: it is a GIF image"),
    ("notes.txt", PAGE.encode(), "not really a text file: it is a web page"),
    ("notes.txt", b"  \n<html><body>hi</body></html>", "it is a web page"),
    ("notes.txt", b"\t<script src='//x'></script>", "it is a web page"),
    ("notes.txt", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "it is a web page"),
    ("notes.txt", b"<?xml version='1.0'?><x/>", "it is a web page"),
    ("notes.txt", b"ordinary words\x00 and a NUL", "not really a text file: it is not plain"),
    ("notes.txt", "Zoë".encode("latin-1"), "not plain text in the usual (UTF-8) encoding"),
    ("notes.txt", "Notes".encode("utf-16"), "not plain text in the usual (UTF-8) encoding"),
    ("notes.txt", PDF, "not really a text file: it is a PDF. Change the end of its name"),
    ("notes.txt", image("PNG"), "not really a text file: it is a PNG image"),
]


class ContentTests:
    @pytest.mark.parametrize("name", GENUINE)
    def test_a_genuine_file_of_each_kind_is_taken(self, name):
        document = io.BytesIO(GENUINE[name])
        assert uploads.problem_with(document, name) is None
        assert document.tell() == 0  # left ready to be saved whole

    @pytest.mark.parametrize(("name", "content", "says"), DISGUISES)
    def test_a_disguised_file_is_refused_saying_what_it_is(self, name, content, says):
        document = io.BytesIO(content)
        problem = uploads.problem_with(document, name)
        assert problem is not None and says in problem
        assert problem.startswith("This file is not really ")
        assert document.tell() == 0

    def test_every_kind_the_form_takes_is_checked(self):
        assert set(uploads.CHECKS) == set(uploads.KINDS) == REPORT_TYPES
        assert {name.rsplit(".", 1)[1] for name in GENUINE} == {e[1:] for e in REPORT_TYPES}

    def test_the_ending_is_read_whatever_its_case(self):
        assert uploads.problem_with(io.BytesIO(PDF), "REPORT.PDF") is None


def form_for(name: str, content: bytes) -> ReportForm:
    return ReportForm(
        {"agency": "education", "title": "School report"},
        {"document": SimpleUploadedFile(name, content)},
    )


class FormTests:
    @pytest.mark.parametrize("name", GENUINE)
    def test_the_form_takes_each_genuine_kind(self, name):
        form = form_for(name, GENUINE[name])
        assert form.is_valid(), form.errors

    def test_the_form_refuses_a_web_page_named_pdf(self):
        form = form_for("report.pdf", PAGE.encode())
        assert not form.is_valid()
        assert form.errors["document"][0].startswith(
            "This file is not really a PDF: it is a web page"
        )


@pytest.fixture
def conference(persona):
    worker = persona[Role.SOCIAL_WORKER]
    case = make_case(worker=worker)
    found = Conference.objects.create(
        kind="initial",
        held_on=timezone.localdate(),
        chair=persona[Role.CHAIR],
        attendance="a",
        social_worker_report="r",
        views="v",
        recorded_by=worker,
    )
    ConferenceChild.objects.create(conference=found, case=case, needs_plan=False)
    return found


def attach(persona, conference, name, content):
    return signed_in_client(persona[Role.SOCIAL_WORKER]).post(
        reverse("protection:conference", args=[conference.pk]),
        {
            "agency": "education",
            "title": "School report",
            "document": SimpleUploadedFile(name, content),
        },
    )


class PageTests:
    def test_a_genuine_word_document_is_attached_whole(self, persona, conference):
        document = word()
        response = attach(persona, conference, "School report.docx", document)
        assert response.status_code == 302
        report = conference.reports.get()
        with report.document.open("rb") as kept:
            assert kept.read() == document

    def test_a_web_page_named_pdf_is_refused_and_the_title_kept(self, persona, conference):
        response = attach(persona, conference, "School report.pdf", PAGE.encode())
        page = html.unescape(response.content.decode())
        assert "This file is not really a PDF: it is a web page" in page
        assert 'value="School report"' in page
        assert not conference.reports.exists()
