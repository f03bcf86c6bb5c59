from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from thesisdesk.documents.widgets import RichTextWidget


class GuidelineUploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=RichTextWidget())
    file = forms.FileField(label=_("File"))
    visible = forms.BooleanField(label=_("Visible to students"), required=False, initial=True)


class GuidelineReplaceForm(forms.Form):
    file = forms.FileField(label=_("New version"))
