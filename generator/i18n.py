"""Every label the generated pages show, in Bokmål, Nynorsk and English, and locale dates.

One catalogue, so that a missing translation is a failing test rather than a half-English
page. Dates are formatted by Babel from CLDR data ("27. april 2021"), which knows the
month names and order of each locale better than a hand-written table would.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal

Language = Literal["nb", "nn", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "nn", "en")

CATALOGUE: dict[str, dict[Language, str]] = {
    "home": {"nb": "Forside", "nn": "Framside", "en": "Home"},
    "sectors": {"nb": "Sektorer", "nn": "Sektorar", "en": "Sectors"},
    "sector": {"nb": "Sektor", "nn": "Sektor", "en": "Sector"},
    "councils": {"nb": "Råd", "nn": "Råd", "en": "Councils"},
    "council": {"nb": "Råd", "nn": "Råd", "en": "Council"},
    "active_councils": {"nb": "Aktive råd", "nn": "Aktive råd", "en": "Active councils"},
    "historical_councils": {"nb": "Historiske råd", "nn": "Historiske råd", "en": "Former councils"},
    "council_count": {"nb": "{n} råd", "nn": "{n} råd", "en": "{n} councils"},
    "historical_count": {"nb": "{n} historiske", "nn": "{n} historiske", "en": "{n} former"},
    "name": {"nb": "Navn", "nn": "Namn", "en": "Name"},
    "role": {"nb": "Rolle", "nn": "Rolle", "en": "Role"},
    "unit": {"nb": "Enhet", "nn": "Eining", "en": "Unit"},
    "chair": {"nb": "Leder", "nn": "Leiar", "en": "Chair"},
    "contact": {"nb": "Kontakt", "nn": "Kontakt", "en": "Contact"},
    "council_contact": {"nb": "Rådets kontakt", "nn": "Kontakt til rådet", "en": "Council contact"},
    "email": {"nb": "E-post", "nn": "E-post", "en": "Email"},
    "phone": {"nb": "Telefon", "nn": "Telefon", "en": "Phone"},
    "address": {"nb": "Adresse", "nn": "Adresse", "en": "Address"},
    "web": {"nb": "Nettside", "nn": "Nettside", "en": "Website"},
    "next_meeting": {"nb": "Neste møte", "nn": "Neste møte", "en": "Next meeting"},
    "latest_minutes": {"nb": "Siste referat", "nn": "Siste referat", "en": "Latest minutes"},
    "none": {"nb": "–", "nn": "–", "en": "–"},
    "not_planned": {"nb": "Ikke fastsatt", "nn": "Ikkje fastsett", "en": "Not scheduled"},
    "mandate": {"nb": "Mandat", "nn": "Mandat", "en": "Mandate"},
    "members": {"nb": "Medlemmer", "nn": "Medlemmer", "en": "Members"},
    "no_members": {"nb": "Ingen medlemmer er registrert.", "nn": "Ingen medlemmer er registrerte.", "en": "No members are listed."},
    "meetings": {"nb": "Møteplan", "nn": "Møteplan", "en": "Meeting plan"},
    "no_meetings": {
        "nb": "Ingen kommende møter er lagt inn.",
        "nn": "Ingen komande møte er lagde inn.",
        "en": "No upcoming meetings are listed.",
    },
    "minutes": {"nb": "Referater", "nn": "Referat", "en": "Minutes"},
    "status_draft": {"nb": "Utkast, ikke godkjent", "nn": "Utkast, ikkje godkjent", "en": "Draft, not approved"},
    "approved_on": {"nb": "Godkjent {date}", "nn": "Godkjent {date}", "en": "Approved {date}"},
    "pages_one": {"nb": "1 side", "nn": "1 side", "en": "1 page"},
    "pages_many": {"nb": "{n} sider", "nn": "{n} sider", "en": "{n} pages"},
    "text_version": {"nb": "Tekstversjon", "nn": "Tekstversjon", "en": "Text version"},
    "text_version_notice": {
        "nb": "Dette er en tekstversjon av PDF-dokumentet, hentet ut automatisk. Overskrifter og avsnitt kan avvike fra originalen; PDF-en er det gjeldende dokumentet.",
        "nn": "Dette er ein tekstversjon av PDF-dokumentet, henta ut automatisk. Overskrifter og avsnitt kan avvike frå originalen; PDF-en er det gjeldande dokumentet.",
        "en": "This is a text version of the PDF document, extracted automatically. Headings and paragraphs may differ from the original; the PDF is the authoritative document.",
    },
    "text_failed": {
        "nb": "Teksten i PDF-dokumentet kunne ikke hentes ut fordi {reason}. Last ned PDF-en for å lese referatet.",
        "nn": "Teksten i PDF-dokumentet kunne ikkje hentast ut fordi {reason}. Last ned PDF-en for å lese referatet.",
        "en": "The text of the PDF document could not be extracted because {reason}. Download the PDF to read the minutes.",
    },
    "reason_encrypted": {
        "nb": "dokumentet er passordbeskyttet",
        "nn": "dokumentet er passordverna",
        "en": "the document is password-protected",
    },
    "reason_no_text": {
        "nb": "dokumentet ikke har et tekstlag (det er trolig skannet)",
        "nn": "dokumentet ikkje har eit tekstlag (det er truleg skanna)",
        "en": "the document has no text layer (it is probably a scan)",
    },
    "reason_broken": {"nb": "filen er skadet", "nn": "fila er skadd", "en": "the file is damaged"},
    "reason_timeout": {
        "nb": "det tok for lang tid å lese dokumentet",
        "nn": "det tok for lang tid å lese dokumentet",
        "en": "reading the document took too long",
    },
    "page_marker": {"nb": "Side {n}", "nn": "Side {n}", "en": "Page {n}"},
    "agenda": {"nb": "Saksliste", "nn": "Saksliste", "en": "Agenda"},
    "attendees": {"nb": "Til stede", "nn": "Til stades", "en": "Present"},
    "absent": {"nb": "Forfall", "nn": "Forfall", "en": "Apologies"},
    "decisions": {"nb": "Rådgivende vedtak", "nn": "Rådgjevande vedtak", "en": "Advisory decisions"},
    "no_decisions": {
        "nb": "Ingen rådgivende vedtak er registrert.",
        "nn": "Ingen rådgjevande vedtak er registrerte.",
        "en": "No advisory decisions are recorded.",
    },
    "case": {"nb": "Sak", "nn": "Sak", "en": "Case"},
    "advice": {"nb": "Råd", "nn": "Råd", "en": "Advice"},
    "follow_up": {"nb": "Oppfølging", "nn": "Oppfølging", "en": "Follow-up"},
    "meeting": {"nb": "Møte", "nn": "Møte", "en": "Meeting"},
    "follow_up_pending": {"nb": "Venter på svar", "nn": "Ventar på svar", "en": "Awaiting a reply"},
    "follow_up_followed": {"nb": "Fulgt", "nn": "Følgt", "en": "Followed"},
    "follow_up_partly_followed": {"nb": "Delvis fulgt", "nn": "Delvis følgt", "en": "Partly followed"},
    "follow_up_not_followed": {"nb": "Ikke fulgt", "nn": "Ikkje følgt", "en": "Not followed"},
    "awaiting_follow_up": {
        "nb": "Vedtak som venter på oppfølging",
        "nn": "Vedtak som ventar på oppfølging",
        "en": "Decisions awaiting follow-up",
    },
    "awaiting_intro": {
        "nb": "Rådgivende vedtak som enhetslederen ennå ikke har svart på, eldste først. Enhetslederen skal gi rådet tilbakemelding om vedtakene blir fulgt, og begrunne det hvis de ikke blir det.",
        "nn": "Rådgjevande vedtak som einingsleiaren enno ikkje har svart på, eldste først. Einingsleiaren skal gje rådet tilbakemelding om vedtaka blir følgde, og grunngje det viss dei ikkje blir det.",
        "en": "Advisory decisions the unit manager has not yet answered, oldest first. The unit manager reports back whether advice is followed, and justifies not following it.",
    },
    "none_awaiting": {
        "nb": "Ingen vedtak venter på oppfølging.",
        "nn": "Ingen vedtak ventar på oppfølging.",
        "en": "No decisions are awaiting follow-up.",
    },
    "archive": {"nb": "Referatarkiv", "nn": "Referatarkiv", "en": "Minutes archive"},
    "archive_intro": {
        "nb": "Alle publiserte referater, etter år og sektor.",
        "nn": "Alle publiserte referat, etter år og sektor.",
        "en": "Every published minutes document, by year and sector.",
    },
    "archive_year": {"nb": "Referater fra {year}", "nn": "Referat frå {year}", "en": "Minutes from {year}"},
    "year": {"nb": "År", "nn": "År", "en": "Year"},
    "total": {"nb": "Totalt", "nn": "Totalt", "en": "Total"},
    "minutes_count": {"nb": "{n} referater", "nn": "{n} referat", "en": "{n} minutes"},
    "waiting_since": {"nb": "Venter siden", "nn": "Ventar sidan", "en": "Waiting since"},
    "kind_council": {"nb": "Rådsside", "nn": "Rådsside", "en": "Council page"},
    "kind_minutes": {"nb": "Referat", "nn": "Referat", "en": "Minutes"},
    "kind_decision": {"nb": "Vedtak", "nn": "Vedtak", "en": "Decision"},
    "kind_page": {"nb": "Side", "nn": "Side", "en": "Page"},
    "justification": {"nb": "Begrunnelse", "nn": "Grunngjeving", "en": "Justification"},
    "decision": {"nb": "Vedtak", "nn": "Vedtak", "en": "Decision"},
    "active": {"nb": "Aktivt", "nn": "Aktivt", "en": "Active"},
    "search_title": {
        "nb": "Søk i råd, referater og vedtak",
        "nn": "Søk i råd, referat og vedtak",
        "en": "Search councils, minutes and decisions",
    },
    "search_query": {"nb": "Søkeord", "nn": "Søkjeord", "en": "Search terms"},
    "filter_kind": {"nb": "Type", "nn": "Type", "en": "Kind"},
    "filter_council": {"nb": "Råd", "nn": "Råd", "en": "Council"},
    "filter_sector": {"nb": "Sektor", "nn": "Sektor", "en": "Sector"},
    "filter_year": {"nb": "År", "nn": "År", "en": "Year"},
    "filter_status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "all": {"nb": "Alle", "nn": "Alle", "en": "All"},
    "sort": {"nb": "Sortering", "nn": "Sortering", "en": "Order"},
    "sort_relevance": {"nb": "Mest relevant først", "nn": "Mest relevant først", "en": "Most relevant first"},
    "sort_newest": {"nb": "Nyeste først", "nn": "Nyaste først", "en": "Newest first"},
    "results_count": {"nb": "{n} treff", "nn": "{n} treff", "en": "{n} results"},
    "no_results": {"nb": "Ingen treff.", "nn": "Ingen treff.", "en": "No results."},
    "more_results": {"nb": "Vis flere treff", "nn": "Vis fleire treff", "en": "Show more results"},
    "search_needs_js": {"nb": "Søket krever JavaScript.", "nn": "Søket krev JavaScript.", "en": "Search needs JavaScript."},
    "minutes_link": {"nb": "Referat", "nn": "Referat", "en": "Minutes"},
    "no_minutes": {"nb": "Ingen referater er publisert.", "nn": "Ingen referat er publiserte.", "en": "No minutes are published."},
    "term": {"nb": "Periode", "nn": "Periode", "en": "Term"},
    "deputy_for_rep": {"nb": "Personlig vara", "nn": "Personleg vara", "en": "Personal deputy"},
    "deputies": {"nb": "Vararepresentanter", "nn": "Vararepresentantar", "en": "Deputies"},
    "representatives": {"nb": "Brukerrepresentanter", "nn": "Brukarrepresentantar", "en": "User representatives"},
    "leadership": {"nb": "Ledelse", "nn": "Leiing", "en": "Leadership"},
    "staff_and_others": {"nb": "Ansatte og andre", "nn": "Tilsette og andre", "en": "Staff and others"},
    "role_chair": {"nb": "Leder", "nn": "Leiar", "en": "Chair"},
    "role_deputy_chair": {"nb": "Nestleder", "nn": "Nestleiar", "en": "Deputy chair"},
    "role_user_representative": {"nb": "Brukerrepresentant", "nn": "Brukarrepresentant", "en": "User representative"},
    "role_deputy": {"nb": "Vararepresentant", "nn": "Vararepresentant", "en": "Deputy"},
    "role_unit_manager": {"nb": "Enhetsleder", "nn": "Einingsleiar", "en": "Unit manager"},
    "role_staff": {"nb": "Ansatt", "nn": "Tilsett", "en": "Staff"},
    "role_secretary": {"nb": "Sekretær", "nn": "Sekretær", "en": "Secretary"},
    "role_observer": {"nb": "Observatør", "nn": "Observatør", "en": "Observer"},
    "group_users": {"nb": "brukere", "nn": "brukarar", "en": "users"},
    "group_residents": {"nb": "beboere", "nn": "bebuarar", "en": "residents"},
    "group_relatives": {"nb": "pårørende", "nn": "pårørande", "en": "relatives"},
    "group_parents": {"nb": "foreldre", "nn": "foreldre", "en": "parents"},
    "group_pupils": {"nb": "elever", "nn": "elevar", "en": "pupils"},
    "group_guardians": {"nb": "verger", "nn": "verjer", "en": "guardians"},
    "group_organisation": {"nb": "brukerorganisasjon", "nn": "brukarorganisasjon", "en": "user organisation"},
    "represents": {"nb": "representerer {group}", "nn": "representerer {group}", "en": "represents {group}"},
    "since": {"nb": "fra {date}", "nn": "frå {date}", "en": "from {date}"},
    "until": {"nb": "til {date}", "nn": "til {date}", "en": "until {date}"},
    "historical_notice": {
        "nb": "Rådet er nedlagt. Det var virksomt fra {start} til {end}.",
        "nn": "Rådet er lagt ned. Det var i verksemd frå {start} til {end}.",
        "en": "The council no longer exists. It was active from {start} to {end}.",
    },
    "historical": {"nb": "Historisk", "nn": "Historisk", "en": "Former"},
    "last_updated": {"nb": "Sist oppdatert {date}", "nn": "Sist oppdatert {date}", "en": "Last updated {date}"},
    "edit_page": {"nb": "Foreslå en endring", "nn": "Føreslå ei endring", "en": "Suggest a change"},
    "council_type": {"nb": "Type råd", "nn": "Type råd", "en": "Type of council"},
    "download": {"nb": "Last ned", "nn": "Last ned", "en": "Download"},
    "pdf": {"nb": "PDF", "nn": "PDF", "en": "PDF"},
    "contact_list": {"nb": "Kontaktliste", "nn": "Kontaktliste", "en": "Contact list"},
    "contact_list_intro": {
        "nb": "Ledere og kontaktinformasjon for alle aktive brukerråd, sortert etter sektor.",
        "nn": "Leiarar og kontaktinformasjon for alle aktive brukarråd, sortert etter sektor.",
        "en": "Chairs and contact details of every active council, by sector.",
    },
    "download_csv": {
        "nb": "Last ned kontaktlisten som CSV",
        "nn": "Last ned kontaktlista som CSV",
        "en": "Download the contact list as CSV",
    },
    "filter": {"nb": "Filtrer", "nn": "Filtrer", "en": "Filter"},
    "filter_contacts": {
        "nb": "Skriv for å filtrere på råd, enhet eller navn",
        "nn": "Skriv for å filtrere på råd, eining eller namn",
        "en": "Type to filter by council, unit or name",
    },
    "shown_count": {"nb": "Viser {n} av {total}", "nn": "Viser {n} av {total}", "en": "Showing {n} of {total}"},
    "find_council": {"nb": "Finn ditt brukerråd", "nn": "Finn brukarrådet ditt", "en": "Find your council"},
    "find_council_label": {"nb": "Skriv navnet på enheten", "nn": "Skriv namnet på eininga", "en": "Type the name of the unit"},
    "search": {"nb": "Søk", "nn": "Søk", "en": "Search"},
    "search_label": {"nb": "Søk i råd og referater", "nn": "Søk i råd og referat", "en": "Search councils and minutes"},
    "contact_meetings": {
        "nb": "Kontaktmøter med politisk nivå",
        "nn": "Kontaktmøte med politisk nivå",
        "en": "Contact meetings with the political committee",
    },
    "contact_meetings_intro": {
        "nb": "Rådene i sektoren møter bystyrets fagkomité én gang i året.",
        "nn": "Råda i sektoren møter fagkomiteen til bystyret éin gong i året.",
        "en": "The councils of the sector meet the city council's committee once a year.",
    },
    "no_contact_meetings": {
        "nb": "Ingen kontaktmøter er registrert.",
        "nn": "Ingen kontaktmøte er registrerte.",
        "en": "No contact meetings are listed.",
    },
    "with": {"nb": "Med", "nn": "Med", "en": "With"},
    "date": {"nb": "Dato", "nn": "Dato", "en": "Date"},
    "time": {"nb": "Tid", "nn": "Tid", "en": "Time"},
    "place": {"nb": "Sted", "nn": "Stad", "en": "Place"},
    "page": {"nb": "Side", "nn": "Side", "en": "Page"},
    "example_banner": {
        "nb": "Dette er et eksempelnettsted. Rådene og personene er delvis oppdiktet.",
        "nn": "Dette er ein eksempelnettstad. Råda og personane er delvis oppdikta.",
        "en": "This is an example site. The councils and people are partly fictional.",
    },
    "minutes_of": {"nb": "Referat fra møtet {date}", "nn": "Referat frå møtet {date}", "en": "Minutes of the meeting on {date}"},
    "back_to_council": {"nb": "Tilbake til {name}", "nn": "Tilbake til {name}", "en": "Back to {name}"},
}


def translate(language: Language, key: str, **values: object) -> str:
    """The label `key` in `language`, with `{name}` placeholders filled in."""
    text = CATALOGUE[key][language]
    return text.format(**values) if values else text


@functools.lru_cache(maxsize=4096)
def format_day(language: Language, day: dt.date) -> str:
    """A date as people write it in `language`: "27. april 2021", "April 27, 2021"."""
    return format_date(day, format="long", locale=language)


def format_size(language: Language, size: int) -> str:
    """A file size as shown beside a download link: "110 kB", "1,2 MB" (decimal units)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{format_decimal(round(size / 1_000_000, 1), locale=language)} MB"


def format_pages(language: Language, pages: int) -> str:
    return translate(language, "pages_one") if pages == 1 else translate(language, "pages_many", n=pages)
