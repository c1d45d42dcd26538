from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/import/xml", methods=["POST"])
def import_xml():
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(request.data, parser)
    return {"items": len(doc.findall("item"))}
