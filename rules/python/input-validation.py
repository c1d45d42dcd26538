import stripe
from flask import Flask, abort, request

app = Flask(__name__)
MAX_QUANTITY = 50


@app.post("/checkout")
def checkout():
    body = request.get_json()
    price = int(body["unit_price_cents"])
    quantity = int(body["quantity"])
    # ruleid: python.validation.unchecked-amount
    intent = stripe.PaymentIntent.create(amount=price * quantity, currency="usd")
    return {"client_secret": intent.client_secret}


@app.post("/checkout2")
def checkout_checked():
    body = request.get_json()
    quantity = int(body["quantity"])
    if not 1 <= quantity <= MAX_QUANTITY:
        abort(400)
    product = get_product(body["sku"])
    # ok: python.validation.unchecked-amount
    intent = stripe.PaymentIntent.create(amount=product.price_cents * quantity, currency="usd")
    return {"client_secret": intent.client_secret}


@app.post("/transfer")
def transfer():
    amount = float(request.form["amount"])
    sender = current_account()
    # ruleid: python.validation.unchecked-amount
    sender.balance -= amount
    return "ok"


@app.post("/transfer2")
def transfer_checked():
    amount = float(request.form["amount"])
    sender = current_account()
    if amount <= 0 or amount > sender.balance:
        abort(400)
    # ok: python.validation.unchecked-amount
    sender.balance -= amount
    return "ok"


@app.post("/restock")
def restock():
    item = get_item(request.form["sku"])
    # A server-side constant.
    # ok: python.validation.unchecked-amount
    item.stock += 10
    return "ok"


@app.post("/cart")
def add_to_cart():
    quantity = int(request.get_json()["quantity"])
    item = CartItem.query.get(1)
    # ruleid: python.validation.unchecked-amount
    item.quantity += quantity
    return "ok"


@app.get("/transactions")
def transactions():
    page_size = int(request.args.get("page_size", 25))
    # ruleid: python.validation.unchecked-amount
    return db.session.scalars(select(Transaction).limit(page_size)).all()


@app.get("/transactions2")
def transactions_bounded():
    page_size = max(1, min(int(request.args.get("page_size", 25)), 100))
    # ok: python.validation.unchecked-amount
    return db.session.scalars(select(Transaction).limit(page_size)).all()


class TransferRequest(BaseModel):
    recipient_id: int
    # ruleid: python.validation.unbounded-model-field
    amount: Decimal
    note: str | None = None


class TransferRequestBounded(BaseModel):
    recipient_id: int = Field(gt=0)
    # ok: python.validation.unbounded-model-field
    amount: Decimal = Field(gt=0, le=Decimal("10000"), decimal_places=2)


class CartItemIn(BaseModel):
    # ruleid: python.validation.unbounded-model-field
    quantity: int = 1
    # ok: python.validation.unbounded-model-field
    sku: str


class OrderOut(BaseModel):
    # A response schema: the server filled it.
    # ok: python.validation.unbounded-model-field
    total: Decimal


class PageParams(BaseModel):
    # ok: python.validation.unbounded-model-field
    page_size: int = 25

    @field_validator("page_size")
    @classmethod
    def cap(cls, v):
        return max(1, min(v, 100))
