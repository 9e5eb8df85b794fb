"""A page printed as a PDF (a plan, a letter, a chronology, a subject access bundle): the
template rendered and laid out by WeasyPrint, sent for the browser to show or to save."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def pdf_bytes(template: str, context: dict[str, Any], *, base_url: str = "") -> bytes:
    """The template laid out as a PDF (for a page, or for a job that keeps it in a file)."""
    from weasyprint import HTML  # needs Pango, which only PDF pages use

    html = render_to_string(template, context)
    return HTML(string=html, base_url=base_url or None).write_pdf()


def pdf_response(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    filename: str,
    download: bool = False,
) -> HttpResponse:
    """The template as a PDF named `filename`: shown in the browser, or saved straight away if
    `download` (a long document the worker keeps, not one glanced at)."""
    pdf = pdf_bytes(template, context, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
