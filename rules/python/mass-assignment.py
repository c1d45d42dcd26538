from flask import Flask, request

app = Flask(__name__)


@app.route("/users", methods=["POST"])
def create_user():
    data = request.get_json()
    # ruleid: python.mass-assignment.request
    user = User(**data)
    db.session.add(user)
    return "ok"


@app.route("/users/<int:uid>", methods=["PUT"])
def update_user(uid):
    user = User.query.get_or_404(uid)
    for key, value in request.json.items():
        # ruleid: python.mass-assignment.request
        setattr(user, key, value)
    return "ok"


@app.route("/users2", methods=["POST"])
def create_user_fields():
    data = request.get_json()
    # ok: python.mass-assignment.request
    user = User(name=data["name"], email=data["email"])
    db.session.add(user)
    return "ok"


@app.route("/forward", methods=["POST"])
def forward():
    options = request.get_json()
    # ok: python.mass-assignment.request
    return send_message(**options)


def django_update(request, pk):
    # ruleid: python.mass-assignment.request
    Profile.objects.filter(pk=pk).update(**request.POST.dict())


def render(request):
    # ok: python.mass-assignment.request
    return dict(**request.GET.dict())
