import html

import jinja2
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from fastapi.responses import HTMLResponse
from flask import Flask, render_template, render_template_string, request, send_from_directory
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python.xss.template-string
    return render_template_string("<h1>Hello " + name + "</h1>")


@app.route("/hello2")
def hello_safe():
    name = request.args.get("name", "")
    # ok: python.xss.template-string
    return render_template_string("<h1>Hello {{ name }}</h1>", name=name)


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    # ruleid: python.xss.unescaped-html
    return f"<p>Hello {name}</p>"


@app.route("/greet2")
def greet_escaped():
    name = request.args.get("name", "")
    # ok: python.xss.unescaped-html
    return f"<p>Hello {escape(name)}</p>"


@app.route("/api/greet")
def greet_json():
    name = request.args.get("name", "")
    # ok: python.xss.unescaped-html
    return {"greeting": "Hello " + name}


@app.route("/download")
def download():
    # ok: python.xss.unescaped-html
    return send_from_directory("/srv/files", request.args["name"], as_attachment=True)


@app.route("/greet3")
def greet_markup():
    # ruleid: python.xss.unescaped-html
    return Markup("<b>%s</b>" % request.args["q"])


@app.route("/greet4")
def greet_template():
    # ok: python.xss.unescaped-html
    return render_template("greet.html", name=request.args.get("name"))


def django_view(request):
    q = request.GET.get("q", "")
    # ruleid: python.xss.unescaped-html
    return HttpResponse("<div>" + q + "</div>")


def django_view_safe(request):
    q = request.GET.get("q", "")
    # ok: python.xss.unescaped-html
    return HttpResponse("<div>" + html.escape(q) + "</div>")


def django_mark_safe(request):
    # ruleid: python.xss.unescaped-html
    return mark_safe(request.GET["bio"])


@app.get("/page")
async def page(title: str):
    # ruleid: python.xss.unescaped-html
    return HTMLResponse(f"<title>{title}</title>")


# ruleid: python.xss.autoescape-off
env = jinja2.Environment(loader=jinja2.FileSystemLoader("t"), autoescape=False)
# ok: python.xss.autoescape-off
env2 = jinja2.Environment(loader=jinja2.FileSystemLoader("t"), autoescape=True)


# A Django view: the parameters after `request` come from the URL.
def greet_view(request, name):
    # ruleid: python.xss.unescaped-html
    return HttpResponse("<h1>Hello %s</h1>" % name)


def greet_view_escaped(request, name):
    # ok: python.xss.unescaped-html
    return HttpResponse("<h1>Hello %s</h1>" % html.escape(name))


def badge(request, label):
    # ruleid: python.xss.unescaped-html
    return mark_safe(f"<span class='badge'>{label}</span>")


# A Flask view registered with add_url_rule: it reads the request.
def profile(username):
    tab = request.args.get("tab", "posts")
    # ruleid: python.xss.unescaped-html
    return f"<h1>{username}</h1><p>{tab}</p>"


def next_target():
    # A helper returning a plain value to a view (for a redirect), not a response.
    # ok: python.xss.unescaped-html
    return request.args.get("next", "/")


@app.route("/bio")
def bio():
    text = request.form.get("bio", "")
    # ruleid: python.xss.safe-filter
    return render_template_string("<div>{{ bio|safe }}</div>", bio=text)


CARD = "<div class='card'>{{ title }}<p>{{ body|safe }}</p></div>"


@app.route("/card")
def card():
    # ruleid: python.xss.safe-filter
    return render_template_string(CARD, title="Note", body=request.args.get("body", ""))


@app.route("/card2")
def card_cleaned():
    # ok: python.xss.safe-filter
    return render_template_string(CARD, title="Note", body=html.escape(request.args.get("body", "")))


@app.route("/bio2")
def bio_escaped():
    text = request.form.get("bio", "")
    # ok: python.xss.safe-filter
    return render_template_string("<div>{{ bio }}</div>", bio=text)


# Helpers in a module that imports a web framework (a template filter, a widget).
@app.template_filter("highlight")
def highlight(text):
    # ruleid: python.xss.markup-parameter
    return Markup(f"<mark>{text}</mark>")


@app.template_filter("highlight_escaped")
def highlight_escaped(text):
    # ok: python.xss.markup-parameter
    return Markup(f"<mark>{escape(text)}</mark>")


def bold(text):
    # Markup's own formatting escapes the argument.
    # ok: python.xss.markup-parameter
    return Markup("<b>{}</b>").format(text)


# JSON written into a page: json.dumps does not escape "</script>".
def list_workflows(request):
    workflows = [w.to_dict() for w in Workflow.objects.filter(owner=request.user)]
    # ruleid: python.xss.json-in-template
    return render(request, "workflows.html", {"workflows_json": json.dumps(workflows)})


@app.route("/dashboard")
def dashboard():
    data = json.dumps(load_widgets(request.args.get("team")))
    # ruleid: python.xss.json-in-template
    return render_template("dashboard.html", widgets=data)


def list_workflows_html_safe(request):
    workflows = [w.to_dict() for w in Workflow.objects.filter(owner=request.user)]
    # ok: python.xss.json-in-template
    return render(request, "workflows.html", {"workflows_json": json.dumps(workflows, cls=JSONEncoderForHTML)})


@app.route("/dashboard2")
def dashboard_tojson():
    # The template serialises it with |tojson.
    # ok: python.xss.json-in-template
    return render_template("dashboard.html", widgets=load_widgets(request.args.get("team")))


def api_widgets(request):
    # A JSON response is not a template.
    # ok: python.xss.json-in-template
    return HttpResponse(json.dumps(load_widgets()), content_type="application/json")


def workflow_flags(request, doc):
    # ok: python.xss.json-in-template
    return render(request, "workflow.html", {"can_edit_json": json.dumps(doc is None or doc.is_editable(request.user))})


sandbox = jinja2.sandbox.ImmutableSandboxedEnvironment(autoescape=True)
plain_env = jinja2.Environment(autoescape=True)


@app.route("/footer")
def footer_sandboxed():
    # ok: python.xss.template-string
    footer = sandbox.from_string(request.form["footer"]).render(company="ACME")
    return {"footer": footer}


@app.route("/footer2")
def footer_plain():
    # ruleid: python.xss.template-string
    footer = plain_env.from_string(request.form["footer"]).render(company="ACME")
    return {"footer": footer}


@app.route("/welcome")
def welcome():
    name = request.args.get("name", "")
    # ok: python.xss.unescaped-html
    return Markup("Welcome back, <strong>{}</strong>!").format(name)


def render_results(query, titles):
    items = "".join(f"<li>{escape(t)}</li>" for t in titles)
    # ok: python.xss.markup-parameter
    return f"<h2>Results for {escape(query)}</h2><ul>{items}</ul>"


def render_results_raw(query):
    # ruleid: python.xss.markup-parameter
    return f"<h2>Results for {query}</h2>"


@app.route("/kb")
def kb_search():
    query = request.args.get("q", "")
    # The helper builds the HTML; it is judged there.
    # ok: python.xss.unescaped-html
    return render_results(query, search(query))


@app.route("/echo")
def echo_str():
    # ruleid: python.xss.unescaped-html
    return str(request.args.get("msg"))
