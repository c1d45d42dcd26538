from flask import Flask, request, render_template_string

app = Flask(__name__)


@app.route("/preview")
def preview():
    title = request.args.get("title", "")
    template = "<html><body><h2>" + title + "</h2></body></html>"
    return render_template_string(template)
