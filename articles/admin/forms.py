"""Forms behind the article admin: who may set what, and refusing edits made on a stale copy.

The admin builds a subclass of each form per request (``get_form``/``get_formset``)
and sets the class attributes below on it, so a form knows its user without
keeping a request anywhere shared.
"""

from urllib.parse import urljoin

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from newsroom.dates import human_date

from .. import publishing, revisions, writing_aids
from ..models import Article, ArticleSlug, PreviewLink
from ..publishing import PublishState


class ArticleAdminForm(forms.ModelForm):
    """The article form, limited to what the user may do, that refuses stale saves.

    A user who cannot publish (a reporter) may choose only Draft or In review,
    cannot set the publication time, and cannot touch the status, embargo or
    address (slug) of a story that has gone out: those fields are disabled, so
    whatever a crafted request posts for them is ignored, and
    `publishing.check_edit()` checks the publish state again.

    An old address of another story (an `ArticleSlug`) is taken: readers' links to
    it lead to that story, so no story may move there. To re-point such an address,
    an editor first removes it from the story it leads to (its "old addresses").

    `opened_version` carries the story's save counter (`Article.edit_version`) as it
    was when the form was opened. If the story has been saved since, the form is
    refused with who saved it, when, and what they changed, instead of overwriting
    their work.
    """

    # The story's edit_version when the form was opened (a model field the form cannot own).
    opened_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    # Set per request by ArticleAdmin.get_form().
    user = None
    preview_url = ""
    site_root = "/"

    class Meta:
        model = Article
        # The admin passes the fields of its fieldsets; these are the same.
        fields = [
            *("title", "slug", "standfirst", "body", "byline", "section", "categories", "tags"),
            *("status", "published_at", "embargo_until", "review_note", "published_at_inferred"),
            *("source_name", "links_curated"),
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "wide-field"}),
            "slug": forms.TextInput(attrs={"class": "wide-field"}),
            "standfirst": forms.Textarea(attrs={"class": "wide-field", "rows": 3}),
            "body": forms.Textarea(attrs={"class": "writing-body", "rows": 30}),
        }
        help_texts = {
            "title": (
                f"Search results show about {writing_aids.SEO_TITLE_CHARS} characters of a "
                "headline: put the key words first."
            ),
            "standfirst": (
                "Search results and shared links show it as the summary: about "
                f"{writing_aids.DESCRIPTION_CHARS} characters fit."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened_state = PublishState.of(self.instance) if self.instance.pk else None
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.edit_version
            self.fields["opened_version"].required = True
        if self.user is not None and not publishing.can_publish(self.user):
            self._limit_to_work_in_progress()
        if "body" in self.fields and self.preview_url:
            self.fields["body"].widget.attrs.update(self._writing_screen())

    def _writing_screen(self) -> dict[str, object]:
        """What the writing screen's script needs (body_preview.js), on the body's textarea."""
        return {
            "data-preview-url": self.preview_url,
            "data-article": self.instance.pk or "",
            "data-site-name": settings.NEWSROOM_SITE_NAME,
            # "SLUG" stands for the address being typed.
            "data-address": urljoin(
                self.site_root, reverse("articles:article", kwargs={"slug": "SLUG"})
            ),
            "data-title-chars": writing_aids.SEO_TITLE_CHARS,
            "data-description-chars": writing_aids.DESCRIPTION_CHARS,
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if self.fields["slug"].disabled:
            return slug
        taken = (
            ArticleSlug.objects.filter(slug=slug)
            .exclude(article_id=self.instance.pk)
            .select_related("article")
            .first()
        )
        if taken is not None:
            raise ValidationError(
                f"“{slug}” is an old address of “{taken.article}”, and links to it lead "
                "there. Choose another address, or ask an editor to remove it from that "
                "story's old addresses first."
            )
        return slug

    def clean(self):
        cleaned_data = super().clean()
        self._refuse_stale_copy()
        for name, field in self.fields.items():
            if field.disabled and name in cleaned_data and hasattr(self.instance, name):
                # Exactly as stored: the widgets drop microseconds, which would read as a change.
                cleaned_data[name] = getattr(self.instance, name)
        if "status" in cleaned_data:
            cleaned_data["published_at"] = publishing.publication_time(
                cleaned_data["status"], cleaned_data.get("published_at")
            )
            new = PublishState(
                cleaned_data["status"],
                cleaned_data.get("published_at"),
                cleaned_data.get("embargo_until"),
            )
            try:
                publishing.check_edit(user=self.user, was=self.opened_state, new=new)
            except publishing.NotPermitted as error:
                raise ValidationError(str(error)) from None
        return cleaned_data

    def _limit_to_work_in_progress(self) -> None:
        fields = self.fields
        if "published_at" in fields:
            fields["published_at"].disabled = True
        gone_out = self.opened_state and self.opened_state.status not in publishing.WORK_IN_PROGRESS
        if gone_out:
            for name in ("status", "embargo_until", "slug"):
                if name in fields:
                    fields[name].disabled = True
            if slug := fields.get("slug"):
                slug.help_text = "This story has gone out: only an editor can change its address."
        elif "status" in fields:
            fields["status"].choices = [
                (value, label)
                for value, label in fields["status"].choices
                if value in publishing.WORK_IN_PROGRESS
            ]

    def _refuse_stale_copy(self) -> None:
        """Lock the story's row, and refuse the save if it changed since the form was opened.

        The lock is held by the admin's transaction until this save is written, so
        two saves of the same copy cannot both pass.
        """
        if self.instance.pk is None or "opened_version" not in self.cleaned_data:
            return
        opened = self.cleaned_data["opened_version"]
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_version", flat=True)
            .first()
        )
        if current is None:
            raise ValidationError("This story was deleted while you were editing it.")
        if current != opened:
            stored = Article.objects.get(pk=self.instance.pk)
            raise ValidationError(stale_copy_messages(stored, opened))


def stale_copy_messages(article: Article, opened: int) -> list[str]:
    """Why a save was refused: who saved meanwhile, when, and what they changed."""
    revision = revisions.latest_revision(article)
    if revision is not None:
        who = _name(revision.user)
        when = timezone.localtime(revision.date_created)
    else:
        who, when = "Someone", timezone.localtime(article.updated_at)
    messages = [
        f"{who} saved this story at {when:%H:%M} on {human_date(when)} while you were editing it, "
        "so your changes have not been saved."
    ]
    version = revisions.version_at(article, opened)
    if version is None:
        messages.append("The version you opened is no longer in the history to compare with.")
    else:
        changed = revisions.changes(revisions.contents_of(version), revisions.contents_now(article))
        for change in changed:
            before, after = change.short
            messages.append(f"{change.label.capitalize()}: “{before}” → “{after}”")
        if not changed:
            messages.append("They changed nothing you can see here (it may have been the links).")
    messages.append(
        "Copy anything you want to keep, open the story again, and make your changes there."
    )
    return messages


def _name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


class ShareLinkForm(forms.ModelForm):
    """A share link: shows the full address to send, and a box to revoke it."""

    link = forms.CharField(
        label="link to send",
        required=False,
        disabled=True,
        widget=forms.TextInput(attrs={"size": 90, "readonly": True}),
        help_text="Anyone with this address can read this draft until it expires or is revoked.",
    )
    revoke = forms.BooleanField(
        required=False, help_text="Tick and save to stop this link working now."
    )

    # Set per request by the admin: the site's address, e.g. "https://news.example.org/".
    site_root = "/"

    class Meta:
        model = PreviewLink
        fields = ["note", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["link"].initial = urljoin(self.site_root, self.instance.get_absolute_url())
        if self.instance.revoked_at:
            self.fields["revoke"].initial = True
            self.fields["revoke"].disabled = True

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
            self.instance.revoked_at = timezone.now()
        return super().save(commit=commit)
