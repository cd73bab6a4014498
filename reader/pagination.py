"""Pages of stories whose cost does not grow with the archive.

A listing counts at most `MAX_PAGES` pages' worth of stories (500): the count is
of a LIMITed subquery, so page 1 of a topic with 100,000 stories costs what page 1
of a topic with 1,000 does, and the deepest page reachable reads at most that many
index rows. Older stories are reached through the date archives, which the last
page of such a listing links to.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from newsroom.addresses import address

PAGE_SIZE = 20
MAX_PAGES = 25


class CappedPaginator(Paginator):
    """A Paginator that stops counting after `max_pages` pages; `capped` says it did."""

    def __init__(self, object_list, per_page: int = PAGE_SIZE, *, max_pages: int | None = None):
        super().__init__(object_list, per_page)
        self.limit = per_page * (MAX_PAGES if max_pages is None else max_pages)
        self.capped = False

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # Only the ids: the listing's annotations would be worked out for every row.
            # The order stays, so the count walks the listing's own index and stops.
            counted = self.object_list.values("pk")[: self.limit + 1].count()
        else:
            # Anything else (search results) bounds its own count.
            counted = self.object_list.count()
        self.capped = counted > self.limit
        return min(counted, self.limit)


def page_of(request, object_list):
    """A page of any listing, with `page.nearby`: the page numbers worth linking to."""
    paginator = CappedPaginator(object_list)
    page = paginator.get_page(request.GET.get("page"))
    page.nearby = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def paginate(request, object_list):
    """A page of a listing of stories (`page_of`).

    The last page of a listing that goes on past the pages counted has `older_url`:
    the month in the date archive of its oldest story, where the listing carries on.
    """
    page = page_of(request, object_list)
    paginator = page.paginator
    page.older_url = ""
    if paginator.capped and not page.has_next():
        page.object_list = list(page.object_list)
        oldest = timezone.localtime(page.object_list[-1].published_at)
        page.older_url = address("articles:archive_month", oldest.year, oldest.month)
    return page


def paginate_or_404(request, object_list):
    """As `paginate`, but a listing with nothing published is not a page at all."""
    page = paginate(request, object_list)
    if not page.paginator.count:
        raise Http404("Nothing published here.")
    return page
