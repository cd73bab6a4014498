"""What every reader page's layout needs."""

from articles.models import Section


def navigation(request):
    # Lazy: only pages whose layout shows the section nav run the query.
    return {"nav_sections": Section.objects.all()}
