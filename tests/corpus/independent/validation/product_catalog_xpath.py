"""Query the XML product catalogue exported by the ERP system."""
from functools import lru_cache

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOG_PATH = "/srv/erp/catalog.xml"


@lru_cache(maxsize=1)
def load_catalog():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(CATALOG_PATH, parser)


@app.get("/catalog/products")
def find_products():
    """Return products in a category, optionally filtered by brand."""
    category = request.args.get("category", "")
    brand = request.args.get("brand")
    expr = f"//product[@category='{category}']"
    if brand:
        expr += f"[brand='{brand}']"
    tree = load_catalog()
    products = [
        {
            "sku": node.get("sku"),
            "name": node.findtext("name"),
            "price": node.findtext("price"),
        }
        for node in tree.xpath(expr)
    ]
    return jsonify(products=products)
