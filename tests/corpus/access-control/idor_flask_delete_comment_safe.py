from flask import Blueprint, abort
from flask_jwt_extended import get_jwt_identity, jwt_required

from .models import Comment, db

comments = Blueprint("comments", __name__)


@comments.route("/comments/<int:comment_id>", methods=["DELETE"])
@jwt_required()
def delete_comment(comment_id):
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.author_id != get_jwt_identity():
        abort(404)
    db.session.delete(comment)
    db.session.commit()
    return "", 204
