from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required

from .models import Product, db

shop = Blueprint("shop", __name__)


@shop.get("/api/products")
def list_products():
    return jsonify([p.to_dict() for p in Product.query.filter_by(active=True)])


@shop.get("/api/products/<int:product_id>")
def get_product(product_id):
    return jsonify(Product.query.get_or_404(product_id).to_dict())


@shop.post("/api/products")
@login_required
def create_product():
    product = Product(name=request.json["name"], seller_id=current_user.id)
    db.session.add(product)
    db.session.commit()
    return jsonify(product.to_dict()), 201
