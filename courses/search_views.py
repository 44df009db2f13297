"""The search page the header's search box sends its terms to; it works without JavaScript.

Over-long terms never reach it: the bad-input middleware answers them with a 400 page
(`website.middleware.MAX_SEARCH_LENGTH`), as it does for every search box.
"""

from django.shortcuts import render

from website.middleware import MAX_SEARCH_LENGTH

from .search import site_search


def search(request):
    query = request.GET.get("q", "").strip()
    context = {
        "query": query,
        "max_length": MAX_SEARCH_LENGTH,
        "hits": site_search(query=query, request=request) if query else [],
    }
    return render(request, "courses/search.html", context)
