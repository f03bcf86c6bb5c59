"""A small rich-text editor: a textarea that a script enhances with a contenteditable
area and a toolbar (bold, italic, lists, link). Without JavaScript the textarea stays and
takes HTML. Whatever arrives is sanitized by the form or service (thesisdesk.core.html)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString


class RichTextWidget(forms.Textarea):
    class Media:
        js = ("documents/editor.js",)
        css = {"all": ("documents/editor.css",)}

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"data-rich-text": "1", "rows": 10}
        super().__init__({**base, **(attrs or {})})

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        """The textarea, plus its script and style, so that a page works without
        `{{ form.media }}` (the script enhances each editor once)."""
        html = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
            html,
            static("documents/editor.css"),
            static("documents/editor.js"),
        )
