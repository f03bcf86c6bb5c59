import pytest

from thesisdesk.core.html import sanitize_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Bonjour <strong>monde</strong></p>", "<p>Bonjour <strong>monde</strong></p>"),
        ("<script>alert(1)</script><p>ok</p>", "<p>ok</p>"),
        ('<p onclick="steal()">texte</p>', "<p>texte</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ("<img src=x onerror=alert(1)>", ""),
        ("<style>body{}</style><em>é</em>", "<em>é</em>"),
        ("<iframe src='https://evil'></iframe>", ""),
        ("", ""),
    ],
)
def test_sanitize_html_drops_scripts_and_handlers(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_links_and_lists_are_kept():
    html = sanitize_html(
        '<ul><li><a href="https://example.org/x" title="t" target="_blank">lien</a></li></ul>'
    )
    assert html == (
        '<ul><li><a href="https://example.org/x" title="t" rel="noopener noreferrer">lien</a>'
        "</li></ul>"
    )
