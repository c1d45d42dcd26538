"""Import supplier invoices delivered as UBL-style XML uploads."""
from decimal import Decimal

from flask import Blueprint, jsonify, request
from flask_login import current_user, login_required
from lxml import etree

from .models import Invoice, db

import_bp = Blueprint("invoice_import", __name__, url_prefix="/api/invoices")

MAX_UPLOAD = 5 * 1024 * 1024


def parse_invoice(xml_bytes):
    """Pull the handful of fields we store out of the invoice document."""
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    root = etree.fromstring(xml_bytes, parser)
    return {
        "number": root.findtext("InvoiceNumber"),
        "supplier": root.findtext("Supplier/Name"),
        "currency": root.findtext("Currency", default="EUR"),
        "total": Decimal(root.findtext("Total", default="0")),
        "notes": root.findtext("Notes", default=""),
    }


@import_bp.route("/import", methods=["POST"])
@login_required
def import_invoice():
    upload = request.files.get("invoice")
    if upload is None:
        return jsonify({"error": "attach the invoice XML as 'invoice'"}), 400
    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return jsonify({"error": "file too large"}), 413

    try:
        fields = parse_invoice(data)
    except etree.XMLSyntaxError as exc:
        return jsonify({"error": f"invalid XML: {exc.msg}"}), 422

    invoice = Invoice(owner_id=current_user.id, **fields)
    db.session.add(invoice)
    db.session.commit()
    return jsonify({"id": invoice.id, "number": invoice.number, "notes": invoice.notes}), 201
