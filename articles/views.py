"""Reader-facing article pages. Each view resolves input, asks one queryset, renders."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Article, Section

PAGE_SIZE = 20


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def front_page(request):
    page = paginate(request, Article.objects.published().for_listing())
    return render(request, "articles/front_page.html", {"page": page})


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = paginate(request, Article.objects.published().in_section(section).for_listing())
    return render(request, "articles/section.html", {"section": section, "page": page})


def article(request, slug):
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    return render(request, "articles/article.html", {"article": article})
