from flask import Flask, request

app = Flask(__name__)


def search_results(category):
    query = request.args.get("q", "")
    page = request.args.get("page", "1")
    return f"""
    <h2>Results in {category}</h2>
    <p>You searched for: <b>{query}</b> (page {page})</p>
    """


app.add_url_rule("/search/<category>", view_func=search_results)
