from flask import Flask, request, session

app = Flask(__name__)
ROLES = {"viewer", "editor"}


@app.route("/prefs", methods=["POST"])
def prefs():
    # ruleid: python.trust-boundary.session, python.trust-boundary.session-identity
    session["role"] = request.form["role"]
    return "ok"


@app.route("/prefs2", methods=["POST"])
def prefs_checked():
    role = request.form["role"]
    if role not in ROLES:
        return "bad role", 400
    # ok: python.trust-boundary.session
    session["role"] = role
    return "ok"


@app.route("/prefs3", methods=["POST"])
def prefs_int():
    # ok: python.trust-boundary.session
    session["page_size"] = int(request.form["size"])
    return "ok"


def django_view(request):
    # ruleid: python.trust-boundary.session
    request.session["username"] = request.POST.get("username")


THEMES = {"light", "dark"}


@app.route("/prefs", methods=["POST"])
def save_theme_allowed():
    theme = request.form.get("theme", "light")
    # ok: python.trust-boundary.session
    session["theme"] = theme if theme in THEMES else "light"


@app.route("/prefs2", methods=["POST"])
def save_theme_checked():
    theme = request.form.get("theme", "light")
    if theme not in ("light", "dark"):
        abort(400)
    # ok: python.trust-boundary.session
    session["theme"] = theme


@app.route("/prefs3", methods=["POST"])
def save_role():
    # ruleid: python.trust-boundary.session, python.trust-boundary.session-identity
    session["role"] = request.form.get("role")


@app.route("/signin", methods=["POST"])
def signin():
    user = User.query.filter_by(email=request.form.get("email", "").lower()).first()
    if user is None or not check_password_hash(user.password_hash, request.form.get("password", "")):
        return "no", 401
    # ok: python.trust-boundary.session
    session["role"] = user.role
    return "ok"


def switch_workspace(request):
    workspace_id = request.headers.get("X-Workspace-ID")
    # ruleid: python.trust-boundary.session-identity
    request.session["workspace_id"] = int(workspace_id)


def switch_workspace_checked(request):
    workspace_id = int(request.headers.get("X-Workspace-ID"))
    is_member = Membership.objects.filter(user=request.user, workspace_id=workspace_id).exists()
    if not is_member:
        return None
    # ok: python.trust-boundary.session-identity
    request.session["workspace_id"] = workspace_id


def save_page_size(request):
    # A preference, not an identity.
    # ok: python.trust-boundary.session-identity
    request.session["page_size"] = int(request.GET.get("n", 25))
