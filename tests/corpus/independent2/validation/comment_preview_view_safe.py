"""Live preview for the comment box on article pages."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST


def paragraphs_to_html(text):
    """Split plain text on blank lines and wrap each chunk in <p> tags."""
    chunks = [c.strip() for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]
    return format_html_join(
        "",
        "<p>{}</p>",
        ((mark_safe(escape(chunk).replace("\n", "<br>")),) for chunk in chunks),
    )


@login_required
@require_POST
def preview_comment(request):
    body = request.POST.get("body", "")[:5000]
    context = {
        "preview_html": paragraphs_to_html(body),
        "char_count": len(body),
    }
    return render(request, "comments/_preview.html", context)
