"""Accepts a partner's sitemap.xml and queues its URLs for crawling."""
import xml.sax
from xml.sax.handler import ContentHandler

import defusedxml.sax

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from crawler.tasks import enqueue_urls


class SitemapHandler(ContentHandler):
    """Collects the text of every <loc> element."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self._in_loc = False
        self._buf = []

    def startElement(self, name, attrs):
        if name == "loc":
            self._in_loc, self._buf = True, []

    def characters(self, content):
        if self._in_loc:
            self._buf.append(content)

    def endElement(self, name):
        if name == "loc":
            self.urls.append("".join(self._buf).strip())
            self._in_loc = False


@login_required
@require_POST
def ingest_sitemap(request):
    handler = SitemapHandler()
    try:
        defusedxml.sax.parseString(request.body, handler)
    except (xml.sax.SAXParseException, defusedxml.DefusedXmlException) as exc:
        return JsonResponse({"error": f"invalid sitemap: {exc}"}, status=400)

    queued = enqueue_urls(request.user.id, handler.urls[:10_000])
    return JsonResponse({"found": len(handler.urls), "queued": queued, "sample": handler.urls[:5]})
