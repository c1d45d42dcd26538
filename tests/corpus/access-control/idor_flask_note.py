from flask import Flask, jsonify
from flask_login import login_required

from .models import Note

app = Flask(__name__)


@app.route("/api/notes/<int:note_id>")
@login_required
def get_note(note_id):
    note = Note.query.get_or_404(note_id)
    return jsonify(id=note.id, title=note.title, body=note.body)
