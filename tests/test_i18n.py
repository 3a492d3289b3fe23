"""Translations: the catalogues hold exactly the sources' messages, every language translates
all of them, and a site built in each language shows its own labels and no Bokmål ones."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag

from conftest import REPO, TODAY, copy_example, run_build
from generator import i18n
from generator.build import assemble_site
from generator.i18n import LANGUAGES, catalogue_path, format_pages, missing_translations, translations
from generator.labels import Labels
from generator.load import load_project
from generator.model import FollowUpStatus, Group, Language, Role
from generator.pages.council import roster_groups
from generator.pages.search import FILTERS
from generator.pdftext import TextStatus
from generator.render import environment
from generator.site import TEMPLATES, Site

DAY = TODAY
POT = i18n.LOCALE_DIR / "messages.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

MessageKey = tuple[str | None, tuple[str, ...]]
"""A message's context and msgid: (msgid,) or (singular, plural)."""


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def key(context: str | None, msgid: str | Sequence[str]) -> MessageKey:
    return context, (msgid,) if isinstance(msgid, str) else tuple(msgid)


def messages(catalog: Catalog) -> dict[MessageKey, Message]:
    """The catalogue's messages (not its header) by context and msgid."""
    return {key(m.context, m.id): m for m in catalog if m.id}


def forms(message: Message) -> tuple[str, ...]:
    """The translation, or each of its plural forms ("" where missing)."""
    string = message.string
    return (string or "",) if string is None or isinstance(string, str) else tuple(form or "" for form in string)


def one(soup: BeautifulSoup, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found


def extracted() -> set[MessageKey]:
    """What `make translations` would extract from the sources now, per babel.cfg."""
    with (REPO / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call,unused-ignore]
    return {key(context, message) for _, _, message, _, context in extract_from_dir(REPO, method_map, options_map)}


def test_template_holds_exactly_the_messages_of_the_sources() -> None:
    committed = set(messages(read_catalogue(POT)))
    found = extracted()
    assert found - committed == set(), "messages missing from messages.pot: run `make translations` and translate them"
    assert committed - found == set(), "messages.pot holds messages no source uses: run `make translations`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message(language: Language) -> None:
    catalog = read_catalogue(catalogue_path(language))
    assert catalog.plural_forms == get_plural(language).plural_forms, "Plural-Forms must be CLDR's (pybabel init sets them)"
    found = messages(catalog)
    assert set(found) == set(messages(read_catalogue(POT))), "the catalogue is out of date: run `make translations`"
    for (context, msgid), message in found.items():
        where = f"{language}: {context or ''}|{msgid}"
        assert not message.fuzzy, f"fuzzy (review it and remove the fuzzy flag): {where}"
        texts = forms(message)
        if message.pluralizable:
            assert len(texts) == catalog.num_plurals, f"plural forms missing: {where}"
        assert all(text.strip() for text in texts), f"untranslated: {where}"
        source = msgid[-1]
        for text in texts:
            assert Counter(PLACEHOLDER.findall(text)) == Counter(PLACEHOLDER.findall(source)), f"placeholders differ: {where}"
            text % dict.fromkeys(PLACEHOLDER.findall(source), 1)  # a stray % would break formatting


def test_fuzzy_translations_are_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    po = catalogue_path("nb").relative_to(i18n.LOCALE_DIR)
    (tmp_path / po).parent.mkdir(parents=True)
    (tmp_path / po).write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: nb\\n"\n\n'
        'msgid "Home"\nmsgstr "Forside"\n\n#, fuzzy\nmsgid "Sectors"\nmsgstr "Sektorar"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    catalogue = translations.__wrapped__("nb")
    assert catalogue.gettext("Home") == "Forside"
    assert catalogue.gettext("Sectors") == "Sectors"
    assert catalogue.missing == {"Sectors"}


def test_plurals_follow_cldr() -> None:
    nb = Labels("nb")
    assert nb.ngettext("%(num)s former", "%(num)s former", 1) == "1 historisk"
    assert nb.ngettext("%(num)s former", "%(num)s former", 2) == "2 historiske"
    assert [format_pages("nb", n) for n in (1, 3)] == ["1 side", "3 sider"]
    en = Labels("en")
    assert [en.ngettext("%(num)s result", "%(num)s results", n) for n in (1, 2)] == ["1 result", "2 results"]
    assert en.result_counts() == {"one": "{n} result", "other": "{n} results"}
    template = environment(TEMPLATES, translations("nb")).from_string(
        '{{ ngettext("%(num)s minutes document", "%(num)s minutes documents", n) }}'
    )
    assert [template.render(n=n) for n in (1, 3)] == ["1 referat", "3 referater"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_value_of_a_vocabulary_has_a_label(language: Language) -> None:
    labels = Labels(language)
    texts = [
        *(labels.role(role) for role in Role),
        *(labels.group(group) for group in Group),
        *(labels.follow_up(status) for status in FollowUpStatus),
        *(labels.search_filter(name) for name in FILTERS),
        *(labels.pdf_failure(status) for status in TextStatus if status is not TextStatus.OK),
        labels.council_status(True),
        labels.council_status(False),
        labels.paged_title("x", 2),
        labels.page_marker(2),
        labels.pdf_label("1 kB", None),
        labels.pdf_label("1 kB", "1 side"),
        *labels.result_counts().values(),
    ]
    groups = {key for key, _ in roster_groups_of_every_kind()}
    texts += [labels.roster_group(key) for key in groups]
    assert all(texts)
    assert groups == {"leadership", "representatives", "deputies", "staff_and_others"}
    assert missing_translations(language) == set()


def roster_groups_of_every_kind() -> list[tuple[str, object]]:
    """The roster groups of the example's councils together: every group occurs there."""
    project = load_project(REPO, DAY)
    return [group for council in project.councils for group in roster_groups(council, council.members)]


def example_in(language: Language, target: Path) -> Path:
    """A copy of the example project whose site is in `language`."""
    root = copy_example(target)
    config = root / "site-config.yml"
    text, found = re.subn(r"^language: \w+$", f"language: {language}", config.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert found == 1
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[Language, Site]:
    """The example assembled in memory in every language (no engine)."""
    built = {}
    for language in LANGUAGES:
        root = example_in(language, tmp_path_factory.mktemp(language))
        built[language] = assemble_site(load_project(root, DAY), DAY)
    return built


@pytest.mark.parametrize("language", LANGUAGES)
def test_example_in_every_language_misses_no_translation(sites: dict[Language, Site], language: Language) -> None:
    assert sites[language].config.language == language
    assert missing_translations(language) == set()


def data_text(root: Path) -> str:
    """Everything the project's own files say: names, titles, mandates (in Bokmål here)."""
    files = [root / "site-config.yml", *sorted((root / "councils").rglob("*")), *sorted((root / "content").rglob("*"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.suffix in (".yml", ".md"))


def bokmal_labels(other: Language) -> set[str]:
    """Bokmål label texts a page in `other` must not show: the literal parts of nb msgstrs
    (placeholders cut out) that no `other` msgstr has and that are long enough to be
    distinctive, leaving out words the example's own Bokmål data uses."""
    nb = messages(read_catalogue(catalogue_path("nb")))
    theirs = messages(read_catalogue(catalogue_path(other)))

    def parts(texts: tuple[str, ...]) -> set[str]:
        return {part.strip(" .,:()") for text in texts for part in PLACEHOLDER.split(text)[::2]}

    known = {part for message in theirs.values() for part in parts(forms(message))}
    data = data_text(REPO)
    return {
        part
        for message_key, message in nb.items()
        for part in parts(forms(message)) - parts(forms(theirs[message_key])) - known
        if len(part) >= 5 and not re.search(rf"\b{re.escape(part)}\b", data)
    }


LABEL_ATTRIBUTES = ("aria-label", "placeholder", "title", "data-raad-template", "data-labels", "data-value", "data-label")


def readable_text(html: str) -> str:
    """The text of a page a reader meets (text and labelling attributes), without URLs and
    ids, whose path segments (`referater/`) are identifiers, and without contributed text."""
    soup = BeautifulSoup(html, "html.parser")
    for contributed in soup.select(".raad-text, .raad-pdf-text"):
        contributed.decompose()
    attributes = [str(tag[name]) for tag in soup.find_all(True) for name in LABEL_ATTRIBUTES if tag.has_attr(name)]
    return "\n".join([soup.get_text(" "), *attributes])


def shown_bokmal(text: str, other: Language) -> set[str]:
    return {part for part in bokmal_labels(other) if re.search(rf"\b{re.escape(part)}\b", text)}


@pytest.mark.parametrize("language", ["nn", "en"])
def test_docs_tree_in_nynorsk_and_english_shows_no_bokmal_label(sites: dict[Language, Site], language: Language) -> None:
    assert len(bokmal_labels(language)) > 40  # the check has teeth: most labels differ
    site = sites[language]
    text = "\n".join([*(page.title + "\n" + readable_text(page.markdown) for page in site.pages), *nav_titles(site)])
    assert shown_bokmal(text, language) == set()
    text = "\n".join(page.markdown for page in site.pages)
    at = {"nn": r"</time> kl\. \d\d:\d\d", "en": r"</time> at \d\d:\d\d"}
    assert re.search(at[language], text)
    assert not re.search(at["nn" if language == "en" else "en"], text)


def nav_titles(site: Site) -> list[str]:
    items = list(site.nav)
    titles = []
    while items:
        item = items.pop()
        titles.append(item.title)
        items.extend(item.children)
    return titles


def test_nynorsk_site_built_by_the_engine_shows_no_bokmal_label(tmp_path: Path) -> None:
    root = example_in("nn", tmp_path / "project")
    result = run_build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert shown_bokmal(readable_text(page.read_text(encoding="utf-8")), "nn") == set(), page.relative_to(tmp_path)
    home = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert one(home, ".raad-banner").get_text() == translations("nn").gettext(
        "This is an example site. The councils and people are partly fictional."
    )
    assert "Framside" in one(home, "nav.md-nav--primary").get_text()
    contacts = BeautifulSoup((tmp_path / "site" / "kontaktliste" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert one(contacts, "#raad-header-q")["placeholder"] == "Søk"  # the front page has its own search form
    assert one(contacts, ".raad-footer-links a").get_text() == "Tilgjengelegheitserklæring"
