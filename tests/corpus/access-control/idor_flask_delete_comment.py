from flask import Blueprint
from flask_jwt_extended import jwt_required

from .models import Comment, db

comments = Blueprint("comments", __name__)


@comments.route("/comments/<int:comment_id>", methods=["DELETE"])
@jwt_required()
def delete_comment(comment_id):
    comment = db.session.get(Comment, comment_id)
    db.session.delete(comment)
    db.session.commit()
    return "", 204
