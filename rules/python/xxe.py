import xml.etree.ElementTree as ET
from xml.sax.handler import feature_external_ges

import defusedxml.ElementTree as DET
from flask import Flask, request
from lxml import etree

app = Flask(__name__)

# ruleid: python.xxe.lxml-parser
UNSAFE = etree.XMLParser(resolve_entities=True)
# ok: python.xxe.lxml-parser
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/upload", methods=["POST"])
def upload():
    # ruleid: python.xxe.untrusted-xml
    doc = etree.fromstring(request.data)
    return doc.tag


@app.route("/upload2", methods=["POST"])
def upload_et():
    # ruleid: python.xxe.untrusted-xml
    return ET.fromstring(request.get_data()).tag


@app.route("/upload3", methods=["POST"])
def upload_defused():
    # ok: python.xxe.untrusted-xml
    return DET.fromstring(request.data).tag


@app.route("/upload4", methods=["POST"])
def upload_safe_parser():
    # ok: python.xxe.untrusted-xml
    return etree.fromstring(request.data, parser=SAFE).tag


def enable(parser):
    # ruleid: python.xxe.lxml-parser
    parser.setFeature(feature_external_ges, True)
