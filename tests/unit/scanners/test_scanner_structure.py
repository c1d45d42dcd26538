"""structure: missing auth among protected siblings, and unscoped object access, per framework."""

from __future__ import annotations

import textwrap

from reviewer.scanners.structure import IDOR_RULE, MISSING_AUTH_RULE, StructureScanner


def scan(workspace, ctx, files, added=None):
    files = {k: textwrap.dedent(v) for k, v in files.items()}
    return StructureScanner().scan(workspace(files, added), ctx).findings


FLASK = """
    from flask import Flask
    from flask_login import login_required, current_user

    app = Flask(__name__)

    @app.route("/login", methods=["POST"])
    def login():
        return "ok"

    @app.route("/health")
    def health():
        return "ok"

    @app.route("/api/notes")
    @login_required
    def list_notes():
        return Note.query.filter_by(owner_id=current_user.id).all()

    @app.route("/api/notes/<int:note_id>", methods=["DELETE"])
    def delete_note(note_id):
        note = Note.query.filter_by(id=note_id, owner_id=current_user.id).first_or_404()
        db.session.delete(note)
        return "", 204
"""


def test_flask_handler_without_login_required(workspace, ctx):
    findings = scan(workspace, ctx, {"app.py": FLASK})
    assert [(f.rule, f.location.start_line, f.cwes) for f in findings] == [
        (MISSING_AUTH_RULE, 20, (862, 306))
    ]
    assert "delete_note" in findings[0].message and "list_notes" in findings[0].message


def test_only_handlers_touched_by_the_change(workspace, ctx):
    assert scan(workspace, ctx, {"app.py": FLASK}, added={"app.py": {16, 17, 18}}) == ()


def test_no_protected_sibling_no_finding(workspace, ctx):
    src = FLASK.replace("    @login_required\n", "")
    assert scan(workspace, ctx, {"app.py": src}) == ()


def test_custom_auth_decorators_count_as_protection(workspace, ctx):
    src = """
        @bp.get("/admin/stats")
        @requires_role("admin")
        def stats():
            return {}

        @bp.post("/admin/purge")
        @token_required
        def purge():
            return {}
    """
    assert scan(workspace, ctx, {"admin.py": src}) == ()


def test_fastapi_dependencies(workspace, ctx):
    src = """
        from fastapi import APIRouter, Depends
        router = APIRouter()

        @router.get("/items")
        def items(user: User = Depends(get_current_user)):
            return []

        @router.get("/stats", dependencies=[Depends(verify_api_key)])
        def stats():
            return {}

        @router.post("/items/import")
        def import_items(db: Session = Depends(get_db)):
            return {}
    """
    findings = scan(workspace, ctx, {"api.py": src})
    assert [f.rule for f in findings] == [MISSING_AUTH_RULE]
    assert "import_items" in findings[0].message


def test_fastapi_router_level_dependency_protects_all(workspace, ctx):
    src = """
        router = APIRouter(prefix="/admin", dependencies=[Depends(require_admin)])
        other = APIRouter()

        @other.get("/me")
        def me(user=Depends(get_current_user)):
            return user

        @router.post("/users/purge")
        def purge():
            return {}
    """
    assert scan(workspace, ctx, {"api.py": src}) == ()


def test_django_views(workspace, ctx):
    src = """
        from django.contrib.auth.decorators import login_required

        @login_required
        def dashboard(request):
            return render(request, "d.html")

        def delete_account(request, pk):
            Account.objects.filter(pk=pk).delete()
            return redirect("/")
    """
    findings = scan(workspace, ctx, {"accounts/views.py": src})
    # unprotected among protected siblings, and the account is looked up by a caller-supplied pk
    assert [f.rule for f in findings] == [MISSING_AUTH_RULE, IDOR_RULE]


def test_express_route_middleware(workspace, ctx):
    src = """
        router.get("/orders", requireAuth, async (req, res) => res.json(await Order.find({ u: 1 })));
        router.get("/health", (req, res) => res.send("ok"));
        router.delete("/orders/:id", async (req, res) => {
          await Order.deleteOne({ _id: req.params.id });
          res.sendStatus(204);
        });
    """
    findings = scan(workspace, ctx, {"routes.js": src})
    assert [(f.rule, f.location.start_line) for f in findings] == [(MISSING_AUTH_RULE, 4)]


def test_express_router_use_guard(workspace, ctx):
    src = """
        router.get("/public/plans", listPlans);
        router.use(authenticate);
        router.put("/settings", (req, res) => res.json(update(req.user.id, req.body)));
        router.get("/settings", authenticate, (req, res) => res.json(get(req.user.id)));
    """
    assert scan(workspace, ctx, {"routes.ts": src}) == ()


def test_public_routes_not_flagged(workspace, ctx):
    src = """
        @app.route("/")
        def index():
            return "hi"

        @app.route("/signup", methods=["POST"])
        def signup():
            return "ok"

        @app.post("/webhooks/stripe")
        def stripe_webhook():
            return "ok"

        @app.route("/account")
        @login_required
        def account():
            return "me"
    """
    assert scan(workspace, ctx, {"app.py": src}) == ()


def test_idor_flask_get_by_path_id(workspace, ctx):
    src = """
        @app.route("/api/notes/<int:note_id>")
        @login_required
        def get_note(note_id):
            note = Note.query.get_or_404(note_id)
            return note.to_dict()
    """
    findings = scan(workspace, ctx, {"notes.py": src})
    assert [(f.rule, f.location.start_line, f.cwes) for f in findings] == [(IDOR_RULE, 5, (639, 863))]


def test_idor_safe_when_scoped_to_owner(workspace, ctx):
    src = """
        @app.route("/api/notes/<int:note_id>")
        @login_required
        def get_note(note_id):
            note = Note.query.get_or_404(note_id)
            if note.owner_id != current_user.id:
                abort(404)
            return note.to_dict()
    """
    assert scan(workspace, ctx, {"notes.py": src}) == ()


def test_idor_fastapi_session_get_and_request_id(workspace, ctx):
    src = """
        @router.get("/documents/{document_id}")
        def read(document_id: int, db: Session = Depends(get_db), user=Depends(get_current_user)):
            return db.get(Document, document_id)

        @app.route("/messages/view")
        @login_required
        def view_message():
            message_id = request.args.get("message_id")
            return conn.execute("SELECT body FROM messages WHERE id = ?", (message_id,)).fetchone()
    """
    findings = scan(workspace, ctx, {"docs.py": src})
    assert [(f.rule, f.location.start_line) for f in findings] == [(IDOR_RULE, 4), (IDOR_RULE, 10)]


def test_idor_public_read_not_flagged(workspace, ctx):
    src = """
        @app.route("/posts/<int:post_id>")
        def show_post(post_id):
            return render_template("post.html", post=Post.query.get_or_404(post_id))
    """
    assert scan(workspace, ctx, {"blog.py": src}) == ()


def test_idor_express_find_by_id(workspace, ctx):
    src = """
        app.get("/api/profiles/:id", passport.authenticate("jwt"), async (req, res) => {
          const profile = await Profile.findById(req.params.id);
          res.json(profile);
        });
    """
    findings = scan(workspace, ctx, {"server.js": src})
    assert [(f.rule, f.location.start_line) for f in findings] == [(IDOR_RULE, 3)]


def test_unparseable_and_other_files_are_ignored(workspace, ctx):
    assert scan(workspace, ctx, {"broken.py": "def (:\n  @app.route(\n", "notes.md": "# hi\n"}) == ()


def test_public_read_beside_protected_write(workspace, ctx):
    src = """
        @app.get("/api/products")
        def list_products():
            return []

        @app.post("/api/products")
        @login_required
        def create_product():
            return {}
    """
    assert scan(workspace, ctx, {"shop.py": src}) == ()


def test_idor_other_orm_shapes(workspace, ctx):
    py = """
        @router.put("/accounts/{account_id}")
        def update_account(account_id: int, db=Depends(get_db), user=Depends(get_current_user)):
            return db.execute(select(Account).where(Account.id == account_id)).scalar_one()

        @router.get("/files/{file_id}")
        def read_file(file_id: int, db=Depends(get_db), user=Depends(get_current_user)):
            return db.query(File).get(file_id)
    """
    js = """
        app.delete("/api/notes/:id", requireAuth, async (req, res) => {
          await prisma.note.delete({ where: { id: Number(req.params.id) } });
          res.sendStatus(204);
        });
        app.put("/api/posts/:id", requireAuth, async (req, res) => {
          res.json(await Post.findByIdAndUpdate(req.params.id, req.body));
        });
    """
    findings = scan(workspace, ctx, {"api.py": py, "notes.js": js})
    assert [(f.location.path, f.location.start_line) for f in findings] == [
        ("api.py", 4),
        ("api.py", 8),
        ("notes.js", 3),
        ("notes.js", 7),
    ]


def test_minified_bundles_are_skipped_with_a_reason(workspace, ctx):
    bundle = 'app.get("/x",function(a,b){b.send(1)});' * 8000
    result = StructureScanner().scan(workspace({"dist/app.min.js": bundle}), ctx)
    assert result.findings == ()
    assert result.skipped == (("dist/app.min.js", "minified or bundled code: not parsed"),)
