from flask import Flask, jsonify
from flask_login import current_user, login_required

from .models import Note

app = Flask(__name__)


@app.route("/api/notes/<int:note_id>")
@login_required
def get_note(note_id):
    note = Note.query.filter_by(id=note_id, owner_id=current_user.id).first_or_404()
    return jsonify(id=note.id, title=note.title, body=note.body)
