"""The labels of the site's vocabularies, one explicit gettext call per value.

Roles, represented groups, follow-up states, PDF failures and search filters are enums or
fixed names in the data; their labels are spelled out here, never built as `'role_' ~ value`,
so that `pybabel extract` finds every msgid. Templates get a `Labels` as `labels`
(`labels.role(member.role)`); Python code reaches it as `ctx.labels`.
"""

from __future__ import annotations

import functools
from typing import Any

from babel import Locale
from babel.lists import format_list

from generator.i18n import Catalogue, translations
from generator.model import FollowUpStatus, Group, Language, Role
from generator.pdftext import TextStatus


class Labels:
    """Translated labels in one language, with `%(name)s` placeholders filled in as Jinja's
    newstyle gettext fills them, so one catalogue serves templates and Python alike."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.catalogue: Catalogue = translations(language)

    def gettext(self, message: str, **values: Any) -> str:
        return self.catalogue.gettext(message) % values

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The plural form CLDR's rules choose for `n`; `%(num)s` is the number, as in Jinja."""
        return self.catalogue.ngettext(singular, plural, n) % {"num": n, **values}

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        return str(self.catalogue.pgettext(context, message)) % values

    def role(self, role: Role) -> str:
        return self._roles[role]

    @functools.cached_property
    def _roles(self) -> dict[Role, str]:
        return {
            Role.CHAIR: self.gettext("Chair"),
            Role.DEPUTY_CHAIR: self.gettext("Deputy chair"),
            Role.USER_REPRESENTATIVE: self.gettext("User representative"),
            Role.DEPUTY: self.gettext("Deputy"),
            Role.UNIT_MANAGER: self.gettext("Unit manager"),
            Role.STAFF: self.gettext("Staff"),
            Role.SECRETARY: self.gettext("Secretary"),
            Role.OBSERVER: self.gettext("Observer"),
        }

    def group(self, group: Group) -> str:
        """Whom a lay member represents, as it reads after a comma in the roster."""
        return self._groups[group]

    @functools.cached_property
    def _groups(self) -> dict[Group, str]:
        return {
            Group.USERS: self.pgettext("represents", "users"),
            Group.RESIDENTS: self.pgettext("represents", "residents"),
            Group.RELATIVES: self.pgettext("represents", "relatives"),
            Group.PARENTS: self.pgettext("represents", "parents"),
            Group.PUPILS: self.pgettext("represents", "pupils"),
            Group.GUARDIANS: self.pgettext("represents", "guardians"),
            Group.ORGANISATION: self.pgettext("represents", "user organisation"),
        }

    def roster_group(self, key: str) -> str:
        """The caption of a roster table (`generator.pages.council.roster_groups`)."""
        return self._roster_groups[key]

    @functools.cached_property
    def _roster_groups(self) -> dict[str, str]:
        return {
            "leadership": self.gettext("Leadership"),
            "representatives": self.gettext("User representatives"),
            "deputies": self.gettext("Deputies"),
            "staff_and_others": self.gettext("Staff and others"),
        }

    def follow_up(self, status: FollowUpStatus) -> str:
        return self._follow_ups[status]

    @functools.cached_property
    def _follow_ups(self) -> dict[FollowUpStatus, str]:
        return {
            FollowUpStatus.PENDING: self.gettext("Awaiting a reply"),
            FollowUpStatus.FOLLOWED: self.gettext("Followed"),
            FollowUpStatus.PARTLY_FOLLOWED: self.gettext("Partly followed"),
            FollowUpStatus.NOT_FOLLOWED: self.gettext("Not followed"),
        }

    def council_status(self, historical: bool) -> str:
        """A council's status as a search filter value and on a former council's notice."""
        return self.pgettext("council status", "Former") if historical else self.pgettext("council status", "Active")

    def pdf_failure(self, status: TextStatus) -> str:
        """Why a PDF's text could not be extracted, as it reads after "because"."""
        return self._pdf_failures[status]

    @functools.cached_property
    def _pdf_failures(self) -> dict[TextStatus, str]:
        return {
            TextStatus.ENCRYPTED: self.gettext("the document is password-protected"),
            TextStatus.NO_TEXT: self.gettext("the document has no text layer (it is probably a scan)"),
            TextStatus.BROKEN: self.gettext("the file is damaged"),
            TextStatus.TIMEOUT: self.gettext("reading the document took too long"),
        }

    def pdf_label(self, size: str, pages: str | None) -> str:
        """What a PDF download is: "PDF, 110 kB, 3 sider"."""
        if pages is None:
            return self.gettext("PDF, %(size)s", size=size)
        return self.gettext("PDF, %(size)s, %(pages)s", size=size, pages=pages)

    def search_filter(self, name: str) -> str:
        """The label of a search filter (`generator.pages.search.FILTERS`)."""
        return self._search_filters[name]

    @functools.cached_property
    def _search_filters(self) -> dict[str, str]:
        return {
            "kind": self.pgettext("search filter", "Kind"),
            "sector": self.pgettext("search filter", "Sector"),
            "council": self.pgettext("search filter", "Council"),
            "year": self.pgettext("search filter", "Year"),
            "status": self.pgettext("search filter", "Status"),
        }

    def paged_title(self, title: str, number: int) -> str:
        """The title of page `number` of a long list: "Referater fra 2024 (Side 2)"."""
        return title if number == 1 else self.gettext("%(title)s (Page %(number)s)", title=title, number=number)

    def page_list(self, pages: list[int]) -> str:
        """"side 2" or "sidene 2, 3 og 5": which pages of a PDF a notice is about."""
        numbers = format_list([str(page) for page in pages], locale=self.language)
        return self.ngettext("page %(pages)s", "pages %(pages)s", len(pages), pages=numbers)

    def page_marker(self, number: int) -> str:
        """Where page `number` of a PDF begins in its text version."""
        return self.gettext("Page %(number)s", number=number)

    def result_counts(self) -> dict[str, str]:
        """"{n} treff" for the search page's script, one text per CLDR plural category of the
        language ("one", "other", ...), for `Intl.PluralRules` to choose from."""
        samples = _plural_samples(self.language)
        return {tag: self.ngettext("%(num)s result", "%(num)s results", sample, num="{n}") for tag, sample in samples}


@functools.cache
def _plural_samples(language: str) -> tuple[tuple[str, int], ...]:
    """A number of each CLDR plural category of `language`: (("one", 1), ("other", 0))."""
    rule = Locale.parse(language).plural_form
    samples: dict[str, int] = {}
    for number in range(1000):
        samples.setdefault(rule(number), number)
    return tuple(sorted(samples.items()))


@functools.cache
def labels_for(language: Language) -> Labels:
    return Labels(language)
