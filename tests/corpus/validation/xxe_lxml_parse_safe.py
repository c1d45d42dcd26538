import defusedxml.ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.route("/import/xml", methods=["POST"])
def import_xml():
    doc = ET.fromstring(request.data)
    return {"items": len(doc.findall("item"))}
