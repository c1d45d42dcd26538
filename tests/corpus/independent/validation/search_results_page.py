"""Minimal server-rendered search page for the docs site."""
from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse

from docs_index import search_index

app = FastAPI()

PAGE_TEMPLATE = """<!doctype html>
<html><head><title>Search</title></head>
<body>
<form action="/search"><input name="q"><button>Search</button></form>
{body}
</body></html>"""


@app.get("/search", response_class=HTMLResponse)
def search(q: str = Query("", max_length=200)):
    """Render search hits as a simple HTML list."""
    hits = search_index(q, limit=20) if q else []
    items = "".join(f'<li><a href="/docs/{h.slug}">{h.title}</a></li>' for h in hits)
    body = f"<h2>Results for {q}</h2><ul>{items}</ul>" if q else "<p>Type a query.</p>"
    return HTMLResponse(PAGE_TEMPLATE.format(body=body))
