from flask import Flask, request, session, redirect
from werkzeug.security import check_password_hash

from .models import Admin

app = Flask(__name__)


@app.route("/admin/login", methods=["POST"])
def admin_login():
    admin = Admin.query.filter_by(username=request.form.get("username")).first()
    if admin and check_password_hash(admin.password_hash, request.form.get("password", "")):
        session["admin"] = True
        return redirect("/admin")
    return "Invalid credentials", 401
