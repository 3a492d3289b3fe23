"""Norwegian words staff write for the values the files allow, as data.

A secretary who writes `role: leder` means `chair`; the check cannot accept it (the files
are the same in every language, and `leder` could be a typo of anything), but it can say
which value to write. Each `Word` is one allowed value with its Bokmål and Nynorsk word and
the other words staff use for it; matching ignores case and repeated spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from generator.model import DeputyKind, FollowUpStatus, Group, Language, MinutesStatus, Role


@dataclass(frozen=True)
class Word:
    """An allowed `value`, its word in Bokmål (`nb`) and Nynorsk (`nn`), and other words for it."""

    value: str
    nb: str
    nn: str
    also: tuple[str, ...] = ()

    def words(self) -> tuple[str, ...]:
        return (self.nb, self.nn, *self.also)

    def name(self, language: Language) -> str:
        """The Norwegian word to show beside the value: Nynorsk for nn, else Bokmål."""
        return self.nn if language == "nn" else self.nb


VOCABULARY: dict[type[Enum], tuple[Word, ...]] = {
    Role: (
        Word(Role.CHAIR, "leder", "leiar"),
        Word(Role.DEPUTY_CHAIR, "nestleder", "nestleiar"),
        Word(Role.USER_REPRESENTATIVE, "brukerrepresentant", "brukarrepresentant", ("representant",)),
        Word(Role.DEPUTY, "vararepresentant", "vararepresentant", ("vara", "varamedlem")),
        Word(Role.UNIT_MANAGER, "enhetsleder", "einingsleiar", ("tjenesteleder", "tenesteleiar", "leder av enheten")),
        Word(Role.STAFF, "ansatt", "tilsett"),
        Word(Role.SECRETARY, "sekretær", "sekretær"),
        Word(Role.OBSERVER, "observatør", "observatør"),
    ),
    Group: (
        Word(Group.USERS, "brukere", "brukarar"),
        Word(Group.RESIDENTS, "beboere", "bebuarar"),
        Word(Group.RELATIVES, "pårørende", "pårørande"),
        Word(Group.PARENTS, "foreldre", "foreldre"),
        Word(Group.PUPILS, "elever", "elevar"),
        Word(Group.GUARDIANS, "verger", "verjer"),
        Word(Group.ORGANISATION, "brukerorganisasjon", "brukarorganisasjon"),
    ),
    DeputyKind: (
        Word(DeputyKind.PERSONAL, "personlig", "personleg"),
        Word(DeputyKind.POOLED, "felles", "felles"),
    ),
    MinutesStatus: (
        Word(MinutesStatus.DRAFT, "utkast", "utkast"),
        Word(MinutesStatus.APPROVED, "godkjent", "godkjend"),
    ),
    FollowUpStatus: (
        Word(FollowUpStatus.PENDING, "venter", "ventar"),
        Word(FollowUpStatus.FOLLOWED, "fulgt", "følgt"),
        Word(FollowUpStatus.PARTLY_FOLLOWED, "delvis fulgt", "delvis følgt"),
        Word(FollowUpStatus.NOT_FOLLOWED, "ikke fulgt", "ikkje følgt"),
    ),
}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold())


def meaning(values: type[Enum], written: object) -> Word | None:
    """The allowed value of `values` that the Norwegian word `written` names, if any."""
    if not isinstance(written, str):
        return None
    wanted = _normal(written)
    return next((word for word in VOCABULARY.get(values, ()) if wanted in (_normal(w) for w in word.words())), None)


def word_for(values: type[Enum], value: str) -> Word | None:
    """The Norwegian words for one allowed `value` (for the JSON Schemas' value descriptions)."""
    return next((word for word in VOCABULARY.get(values, ()) if word.value == value), None)
