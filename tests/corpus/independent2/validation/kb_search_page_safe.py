"""Knowledge-base search page (server-rendered, no template file)."""
from flask import Flask, request
from markupsafe import escape

from kb.index import search_articles

app = Flask(__name__)


def render_results(query, articles):
    """Render the results list as a small HTML fragment."""
    items = "".join(
        f'<li><a href="/kb/{escape(a.slug)}">{escape(a.title)}</a></li>' for a in articles
    )
    return (
        "<!doctype html><html><head><title>Help centre search</title></head><body>"
        f"<h2>Results for {escape(query)}</h2>"
        f"<ul>{items}</ul>"
        "</body></html>"
    )


@app.route("/kb/search")
def kb_search():
    query = request.args.get("q", "")
    articles = search_articles(query, limit=25) if query else []
    return render_results(query, articles)
