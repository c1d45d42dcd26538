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


def region_setting(region, key):
    expr = "/regions/region[@code='{}']/setting[@key='{}']/text()".format(region, key)
    # ruleid: python.xpath-injection.parameter
    return TREE.xpath(expr)


def run_query(tree, query):
    # The caller wrote the whole query.
    # ok: python.xpath-injection.parameter
    return tree.xpath(query)


def region_setting_bound(region, key):
    # ok: python.xpath-injection.parameter
    return TREE.xpath("/regions/region[@code=$region]/setting[@key=$key]/text()", region=region, key=key)
