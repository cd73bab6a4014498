"""Pages of stories whose cost does not grow with the archive.

A listing counts at most `MAX_PAGES` pages' worth of stories (500): the count is
of a LIMITed subquery, so page 1 of a topic with 100,000 stories costs what page 1
of a topic with 1,000 does, and the deepest page reachable reads at most that many
index rows. Older stories are reached through the date archives, which the last
page of such a listing links to.

Each page has one address. Page 1 is the listing's own address, so `?page=1` is a
301 to it (other parameters, such as search's `q`, kept), as is a padded `?page=02`
to `?page=2`; a page past the last one, and a `page` that is no page number (`0`,
`-1`, `abc`), is a 404 rather than another address for some page that exists.
"""

from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.functional import cached_property

from newsroom.addresses import address

PAGE_SIZE = 20
MAX_PAGES = 25
# Longer than any page number a listing of MAX_PAGES pages could have, and short
# enough that `int()` never meets a 5,000-digit "number".
MAX_PAGE_DIGITS = 6


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


def requested_page(request) -> int:
    """The page number `?page=` asks for, 1 if it asks for none; a 404 if it is no number."""
    value = request.GET.get("page")
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit()) or len(value) > MAX_PAGE_DIGITS:
        raise Http404("No such page.")
    number = int(value)
    if number < 1:
        raise Http404("No such page.")
    return number


def page_query(request, number: int) -> str:
    """The query string for page `number`: no `page` for page 1, other parameters kept."""
    params = request.GET.copy()
    params.pop("page", None)
    if number != 1:
        params["page"] = number
    return params.urlencode()


def page_address(request, number: int) -> str:
    """This listing's whole address for page `number` (`page_query`)."""
    query = page_query(request, number)
    return f"{request.path}?{query}" if query else request.path


def canonical_page(view):
    """Send a listing's `?page=1` (or `?page=02`, or `page` given twice) to its one address.

    Wraps each paginated view, before the view runs; `page_of` then 404s a page that
    is no number or lies past the end.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if "page" in request.GET:
            number = requested_page(request)
            if number == 1 or request.GET.getlist("page") != [str(number)]:
                return HttpResponsePermanentRedirect(page_address(request, number))
        return view(request, *args, **kwargs)

    return wrapped


def page_of(request, object_list):
    """A page of any listing, with `page.nearby`: the page numbers worth linking to.

    A page past the last (or past the pages counted) is a 404; page 1 of an empty
    listing is an empty page.
    """
    paginator = CappedPaginator(object_list)
    try:
        page = paginator.page(requested_page(request))
    except EmptyPage:
        raise Http404("No such page.") from None
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
