from flask import Flask, request, session, redirect

app = Flask(__name__)


@app.route("/admin/login", methods=["POST"])
def admin_login():
    username = request.form.get("username")
    password = request.form.get("password")
    if username == "admin" and password == "Adm1nP@ss2024":
        session["admin"] = True
        return redirect("/admin")
    return "Invalid credentials", 401
