"""Django views for the blog article archive."""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .models import Article


@require_GET
def article_archive(request):
    """Search published articles by tag, returning a compact JSON payload."""
    tag = request.GET.get("tag", "")
    order = "published_at DESC"
    sql = (
        "SELECT id, title, slug, published_at FROM blog_article "
        "WHERE is_published = true AND tags LIKE '%" + tag + "%' "
        "ORDER BY " + order
    )
    articles = Article.objects.raw(sql)
    data = [
        {
            "id": a.id,
            "title": a.title,
            "url": f"/blog/{a.slug}/",
            "published": a.published_at.isoformat(),
        }
        for a in articles
    ]
    return JsonResponse({"tag": tag, "articles": data})
