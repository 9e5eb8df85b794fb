"""A page printed as a PDF (a plan, a letter, a chronology, a subject access bundle): the
template rendered and laid out by WeasyPrint, sent for the browser to show or to save."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


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
    from weasyprint import HTML  # needs Pango, which only PDF pages use

    html = render_to_string(template, context)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
