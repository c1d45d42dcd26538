from flask import Flask, request, render_template_string

app = Flask(__name__)
TEMPLATE = "<html><body><h2>{{ title }}</h2></body></html>"


@app.route("/preview")
def preview():
    title = request.args.get("title", "")
    return render_template_string(TEMPLATE, title=title)
