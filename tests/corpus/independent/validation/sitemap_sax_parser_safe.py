"""CLI that reads a partner-supplied sitemap and lists its URLs."""
import sys
import xml.sax

import click
from defusedxml.sax import make_parser


class SitemapHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.urls = []
        self._in_loc = False
        self._buffer = []

    def startElement(self, name, attrs):
        if name == "loc":
            self._in_loc = True
            self._buffer = []

    def characters(self, content):
        if self._in_loc:
            self._buffer.append(content)

    def endElement(self, name):
        if name == "loc":
            self.urls.append("".join(self._buffer).strip())
            self._in_loc = False


@click.command()
@click.argument("sitemap", type=click.File("rb"))
def list_urls(sitemap):
    """Print every <loc> entry of SITEMAP."""
    handler = SitemapHandler()
    parser = make_parser()
    parser.setContentHandler(handler)
    parser.parse(sitemap)
    for url in handler.urls:
        click.echo(url)
    click.echo(f"{len(handler.urls)} urls", err=True)


if __name__ == "__main__":
    sys.exit(list_urls())
