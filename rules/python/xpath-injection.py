from flask import Flask, request
from lxml import etree

app = Flask(__name__)
TREE = etree.parse("users.xml")


@app.route("/login")
def login():
    user = request.form["user"]
    # ruleid: python.xpath-injection.query
    found = TREE.xpath("//user[@name='" + user + "']")
    return str(bool(found))


@app.route("/login2")
def login_vars():
    user = request.form["user"]
    # ok: python.xpath-injection.query
    found = TREE.xpath("//user[@name=$name]", name=user)
    return str(bool(found))


@app.route("/find")
def find():
    # ruleid: python.xpath-injection.query
    return str(TREE.getroot().findall(f".//item[@id='{request.args['id']}']"))
