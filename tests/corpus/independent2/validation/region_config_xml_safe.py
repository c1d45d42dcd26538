"""Public storefront configuration (per sales region) served from an XML file."""
from fastapi import FastAPI, Header, HTTPException
from lxml import etree

app = FastAPI(title="storefront-config")

CONFIG_FILE = "/etc/storefront/regions.xml"
_parser = etree.XMLParser(resolve_entities=False, no_network=True)
_tree = etree.parse(CONFIG_FILE, _parser)

_SETTING_XPATH = etree.XPath(
    "/regions/region[@code=$region]/setting[@key=$key and @public='true']/text()"
)


def region_setting(region: str, key: str) -> str | None:
    """Fetch one public setting for a region, or None if it isn't defined."""
    values = _SETTING_XPATH(_tree, region=region, key=key)
    return str(values[0]) if values else None


@app.get("/config/{key}")
async def read_setting(key: str, x_region: str = Header("EU")):
    """The storefront sends its region in the X-Region header."""
    value = region_setting(x_region, key)
    if value is None:
        raise HTTPException(status_code=404, detail="setting not found")
    return {"region": x_region, "key": key, "value": value}
