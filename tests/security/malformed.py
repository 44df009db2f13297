"""What the malformed-input tests share: the values a fuzzer would try, and the checks that
a form refused them and wrote nothing."""

NASTY_VALUES = [
    "",
    "\x00",
    "abc\x00def",
    "x" * 10_000,
    "-1",
    "99999999999999999999999999",
    "1.5",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00",
    "../../etc/passwd",
    "[]",
    "Ω≈ç√∫",
]


def assert_refused(response, what) -> None:
    """A 4xx, or a page that says what was wrong; never a server error."""
    status = response.status_code
    assert status < 500, f"{what}: {status}"
    if status == 200:
        assert 'role="alert"' in response.content.decode(), f"{what}: 200 without a message"
    else:
        assert 400 <= status < 500, f"{what}: {status}"


def snapshot(*models) -> dict:
    """Every row of the models, every column: inserts, updates and deletes all show up."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in models
    }
