"""Template tags for rendering comment threads."""
from django import template
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

register = template.Library()


@register.simple_tag
def render_comment(comment):
    """Render a single comment with author and relative timestamp."""
    author = comment.author.get_full_name() or comment.author.username
    when = timesince(comment.created_at)
    body = comment.body.replace("\n", "<br>")
    return mark_safe(
        '<div class="comment">'
        f'<div class="comment-meta"><strong>{author}</strong> &middot; {when} ago</div>'
        f'<div class="comment-body">{body}</div>'
        "</div>"
    )


@register.filter
def comment_count_label(count):
    return "1 comment" if count == 1 else f"{count} comments"
