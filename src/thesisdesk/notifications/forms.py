from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.core.html import sanitize_html


def _editor_widget() -> Any:
    from thesisdesk.documents.widgets import RichTextWidget

    return RichTextWidget()


class TemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=255)
    body_html = forms.CharField(label=_("Message"), widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body_html"].widget = _editor_widget()

    def clean_body_html(self) -> str:
        return sanitize_html(self.cleaned_data["body_html"])
