"""Import supplier price feeds uploaded as XML."""
from decimal import Decimal

from fastapi import FastAPI, File, HTTPException, UploadFile
from lxml import etree

app = FastAPI()


def parse_feed(raw: bytes):
    """Parse <feed><item sku=".."><price>..</price></item></feed> documents."""
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
    )
    root = etree.fromstring(raw, parser=parser)
    items = []
    for item in root.iter("item"):
        items.append(
            {
                "sku": item.get("sku"),
                "description": (item.findtext("description") or "").strip(),
                "price": Decimal(item.findtext("price") or "0"),
            }
        )
    return items


@app.post("/suppliers/{supplier_id}/feed")
async def upload_feed(supplier_id: int, feed: UploadFile = File(...)):
    raw = await feed.read()
    try:
        items = parse_feed(raw)
    except (etree.XMLSyntaxError, ArithmeticError) as exc:
        raise HTTPException(status_code=400, detail=f"invalid feed: {exc}")
    return {"supplier_id": supplier_id, "imported": len(items), "preview": items[:5]}
