"""Phone numbers in plain text become tel: links; the rest of the text stays escaped."""

from website.phone import phone_links_in_text, tel_href


def test_tel_href_keeps_only_digits_and_plus():
    assert tel_href("0800-2000") == "tel:08002000"
    assert tel_href("+31 30 123 4567") == "tel:+31301234567"


def test_numbers_in_text_become_links():
    html = phone_links_in_text("Bel Veilig Thuis (0800-2000) of bij direct gevaar 112.")
    assert '<a class="utrecht-link" href="tel:08002000">0800-2000</a>' in html
    assert '<a class="utrecht-link" href="tel:112">112</a>' in html


def test_other_numbers_and_markup_are_left_alone():
    html = phone_links_in_text("Sinds 2026 <b>in</b> 3 regio's, zie 1120 en 24/7.")
    assert "tel:" not in html
    assert "&lt;b&gt;in&lt;/b&gt;" in html
