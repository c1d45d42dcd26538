"""Template tags for rendering comment threads."""
from django import template
from django.utils.html import format_html, linebreaks
from django.utils.timesince import timesince

register = template.Library()


@register.simple_tag
def render_comment(comment):
    """Render a single comment with author and relative timestamp."""
    author = comment.author.get_full_name() or comment.author.username
    when = timesince(comment.created_at)
    # linebreaks() escapes its input (autoescape=True) before adding <p>/<br>.
    body = linebreaks(comment.body, autoescape=True)
    return format_html(
        '<div class="comment">'
        '<div class="comment-meta"><strong>{}</strong> &middot; {} ago</div>'
        '<div class="comment-body">{}</div>'
        "</div>",
        author,
        when,
        body,
    )


@register.filter
def comment_count_label(count):
    return "1 comment" if count == 1 else f"{count} comments"
