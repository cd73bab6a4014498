"""The pages about the desk itself: who we are, and how corrections are made and shown.

Their words live in templates/pages/, as copy rather than data: they change with the
desk's standards, seldom, and through review like the rest of the site. They read
nothing from the database beyond the layout's section nav.
"""

from django.shortcuts import render

from articles.page_cache import public_page


@public_page
def about(request):
    return render(request, "pages/about.html")


@public_page
def corrections_policy(request):
    return render(request, "pages/corrections.html")
