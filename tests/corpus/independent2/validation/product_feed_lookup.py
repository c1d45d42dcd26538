"""Look up items in the supplier's XML product feed."""
import os
from functools import lru_cache

from flask import Flask, abort, jsonify
from lxml import etree

app = Flask(__name__)
FEED_PATH = os.environ.get("SUPPLIER_FEED", "/srv/feeds/supplier_catalog.xml")


@lru_cache(maxsize=1)
def load_feed():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(FEED_PATH, parser)


@app.route("/feed/products/<sku>")
def product_by_sku(sku):
    """Return price and stock for one SKU from the cached feed."""
    tree = load_feed()
    matches = tree.xpath(f"//product[@sku='{sku}' and @published='true']")
    if not matches:
        abort(404)

    product = matches[0]
    return jsonify(
        {
            "sku": product.get("sku"),
            "name": product.findtext("name"),
            "price": product.findtext("price"),
            "stock": int(product.findtext("stock", default="0")),
        }
    )
