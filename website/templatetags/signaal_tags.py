from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.conf import settings
from django.template.base import token_kwargs
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from ..cache import remember, site_for_request
from ..phone import phone_link as phone_link_html
from ..phone import phone_links_in_text
from ..translation import page_url_in

register = template.Library()


@register.tag("shared")
def shared(parser, token):
    """`{% shared "name" value ... %}...{% endshared %}`: a part of a page that every visitor
    sees alike, rendered once per worker, site, language and values, until content changes.

    The header, the footer and the top of a lesson are the same for everyone who reads the
    page, but rendering their links and translations costs as much as the rest of the page.
    What is inside must not depend on the visitor: no form with a CSRF token, nothing about
    the signed-in learner, no message. A preview of a draft always renders afresh.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'shared' needs a name: {% shared \"header\" %}")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class SharedNode(template.Node):
    def __init__(self, nodelist, key_parts):
        self.nodelist = nodelist
        self.key_parts = key_parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        site = site_for_request(request)
        key = (
            "shared-fragment",
            site.pk if site else None,
            get_language(),
            *(part.resolve(context) for part in self.key_parts),
        )
        return remember(key, lambda: self.nodelist.render(context))


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the current page in every interface language, for the language switch.

    On a page, each language links to the page's translation (its address may differ), or
    to the page itself under that language when it has none. Elsewhere the address is the
    same view under the other language's prefix.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    page = context.get("page")
    page_urls = _page_urls(page, request) if isinstance(page, Page) and page.pk else {}
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": page_urls.get(code) or _translated_url(path, current, code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def _page_urls(page: Page, request) -> dict[str, str]:
    return remember(
        ("page-language-urls", page.pk),
        lambda: {code: page_url_in(page, code, request) for code, _name in settings.LANGUAGES},
    )


@lru_cache(maxsize=1024)
def _translated_url(path: str, current: str, code: str) -> str:
    # Resolving and reversing the address costs more than the rest of the header; the answer
    # depends on the address and the languages alone (the URL patterns never change while
    # the process runs).
    return translate_url(path, code)


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """The address of a chosen page in the active language (`{% localized_pageurl page %}`):
    its translation's, or the page itself under the language's prefix."""
    if page is None:
        return ""
    request = context.get("request")
    return remember(
        ("localized-url", page.pk, get_language()),
        lambda: page_url_in(page, get_language(), request),
    )


@register.simple_tag(takes_context=True)
def content_lang(context, page):
    """The lang attribute for page content shown in another language than the interface."""
    language = page.locale.language_code
    return language if language != get_language() else ""


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """The live pages directly below the home page that editors marked 'show in menus'."""
    request = context.get("request")
    site = site_for_request(request) if request else None
    if site is None:
        return []

    def build():
        # The home page in the active language; its menu pages are its children, and the
        # Dutch ones nobody translated yet (shown in Dutch, under this language's prefix).
        home = site.root_page.localized
        pages = list(home.get_children().live().in_menu().only("id", "title", "url_path"))
        if home.pk != site.root_page.pk:
            keys = {page.translation_key for page in pages}
            pages += [
                page
                for page in site.root_page.get_children().live().in_menu()
                if page.translation_key not in keys
            ]
            pages.sort(key=lambda page: page.path[-page.steplen :])
        return [
            MenuItem(pk=page.pk, title=page.title, url=page_url_in(page, get_language(), request))
            for page in pages
        ]

    return remember(("main-menu", site.pk, get_language()), build)


@dataclass(frozen=True)
class MenuItem:
    pk: int
    title: str
    url: str


@register.simple_tag
def phone_link(number):
    """A number in running text as a tel: link: `{% phone_link "0800-2000" as veilig_thuis %}`."""
    return phone_link_html(number)


@register.filter
def starts_with_label(title, label) -> bool:
    """Whether a title already opens with its label ('Casus: Noor verandert' and 'Casus'), so
    that a template shows the label only once."""
    return str(title).casefold().startswith(str(label).casefold())


@register.filter
def phone_links(text):
    """Plain text with its phone numbers as tel: links."""
    return phone_links_in_text(str(text))


@register.tag("table_shell")
def table_shell(parser, token):
    """`{% table_shell styles="quizzes" label=_("Results") %}<thead>…</tbody>{% endtable_shell %}`:
    a table in a box that scrolls sideways on a narrow screen.

    A wide table must not widen the page on a phone, so it scrolls in its own box; the box is a
    labelled region in the tab order, so that a keyboard user can reach it and scroll it and a
    screen reader names it. `styles` is the app whose stylesheet styles the box and the table
    ("quizzes" gives `quizzes-table-wrap` and `quizzes-table`). The box is named by `label`, or
    by the id of a heading in `labelledby`.
    """
    bits = token.split_contents()
    kwargs = token_kwargs(bits[1:], parser)
    if len(kwargs) != len(bits) - 1 or "styles" not in kwargs:
        raise template.TemplateSyntaxError(
            "'table_shell' takes styles=... and label=... or labelledby=..., as key=value"
        )
    if ("label" in kwargs) == ("labelledby" in kwargs):
        raise template.TemplateSyntaxError("'table_shell' needs either label or labelledby")
    nodelist = parser.parse(("endtable_shell",))
    parser.delete_first_token()
    return TableShellNode(nodelist, kwargs)


class TableShellNode(template.Node):
    def __init__(self, nodelist, kwargs):
        self.nodelist = nodelist
        self.kwargs = kwargs

    def render(self, context):
        shell = context.template.engine.get_template("components/table_shell.html")
        # Both names are set, so that a `label` of the page around never names the box.
        values = {"label": "", "labelledby": ""}
        values.update((key, value.resolve(context)) for key, value in self.kwargs.items())
        with context.push(table_content=self.nodelist.render(context), **values):
            return shell.render(context)
