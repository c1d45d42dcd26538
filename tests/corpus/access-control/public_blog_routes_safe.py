from flask import Flask, jsonify, render_template
from flask_login import login_required

from .models import Post

app = Flask(__name__)


@app.route("/")
def index():
    return render_template("index.html", posts=Post.query.limit(10).all())


@app.route("/posts/<int:post_id>")
def show_post(post_id):
    return render_template("post.html", post=Post.query.get_or_404(post_id))


@app.route("/posts/feed.json")
def feed():
    return jsonify([p.summary() for p in Post.query.order_by(Post.created.desc()).limit(20)])


@app.route("/dashboard")
@login_required
def dashboard():
    return render_template("dashboard.html")
