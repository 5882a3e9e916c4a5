"""Choosing the importer from content, HTML and Markdown articles, and plain text as the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources.detect import kind_of, load, story_key, story_slug
from sources.html import read_html
from sources.markdown import read_markdown
from tracker.errors import InputError
from tracker.model import Role

DATA = Path(__file__).parent / "data" / "newsml"
SAMPLE = Path(__file__).parents[1] / "tracker" / "samples" / "sochi-summit"

PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Site - Titre</title>
<meta property="og:title" content="Titre de l’article"></head><body>
<nav><ul><li>Accueil</li><li>Monde</li></ul></nav>
<header><h1>Titre de l’article</h1><p class="byline">Par X</p></header>
<div class="sidebar"><p>Lire aussi : un autre article très long qui ne fait pas partie du texte.</p></div>
<article><p>Premier paragraphe, assez long pour compter.</p>
<div class="ad"><p>Publicité</p></div>
<p>Deuxième <em>paragraphe</em><br>sur deux lignes.</p><p>&nbsp;</p>
<h2>Un intertitre</h2><p>Troisième paragraphe.</p>
<figure><figcaption>Légende de photo</figcaption></figure></article>
<footer><p>© Journal</p></footer></body></html>"""


def test_html_page_yields_the_article_text_only_with_paragraphs_preserved() -> None:
    doc = read_html(PAGE.encode(), "page.html")
    assert doc.texts == (
        "Titre de l’article",
        "Premier paragraphe, assez long pour compter.",
        "Deuxième paragraphe sur deux lignes.",
        "Un intertitre",
        "Troisième paragraphe.",
    )
    assert [p.role for p in doc.paragraphs][::3] == [Role.HEADLINE, Role.SUBHEAD]
    assert doc.lang == "fr"


def test_html_without_article_element_uses_the_densest_paragraph_block() -> None:
    page = (
        b"<html><body><div><p>menu</p></div><div id='c'><p>"
        + b"long text " * 20
        + b"</p><p>more</p></div></body></html>"
    )
    doc = read_html(page, "p.html")
    assert doc.texts[-1] == "more"
    assert "menu" not in doc.texts


def test_markdown_headings_lists_and_inline_markup() -> None:
    doc = read_markdown(
        b"# Titre\n\nUn **paragraphe** avec un [lien](http://x.org)\ncoupe.\n\n"
        b"## Inter\n\n- un\n- deux\n\nbur-mba/cf\n",
        "a.md",
    )
    assert doc.texts == ("Titre", "Un paragraphe avec un lien coupe.", "Inter", "un", "deux", "bur-mba/cf")
    assert [p.role for p in doc.paragraphs] == [
        Role.HEADLINE, Role.BODY, Role.SUBHEAD, Role.BODY, Role.BODY, Role.SIGNATURE,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b'<?xml version="1.0"?><newsItem/>', "story.txt", "xml"),
        (b"\xef\xbb\xbf  <newsItem/>", "x", "xml"),
        (b"<!doctype html><p>x</p>", "x.xml", "html"),
        (b'{"uri": "x"}', "story.txt", "json"),
        (b"# Title\n\ntext", "notes.md", "markdown"),
        (b"Un paragraphe.\n\nDeux.", "a.json.txt", "text"),
        ("\ufeff<newsItem/>".encode("utf-16-le"), "x", "xml"),
    ],
)
def test_format_is_chosen_from_content_not_only_the_name(data: bytes, name: str, kind: str) -> None:
    assert kind_of(data, name) == kind


def test_newsml_named_txt_is_still_read_as_newsml() -> None:
    docs = load((DATA / "own" / "port-fr-v1.xml").read_bytes(), "mislabelled.txt")
    assert dict(docs[0].meta)["format"] == "newsml-g2"


def test_plain_text_falls_back_to_the_paragraph_reader() -> None:
    docs = load((SAMPLE / "fr.r2.txt").read_bytes(), "fr.r2.txt")
    assert len(docs) == 1
    assert docs[0].texts[0].startswith("Arménie et Azerbaïdjan")


def test_seed_label_line_survives_detection() -> None:
    (doc,) = load((SAMPLE / "seed.txt").read_bytes(), "seed.txt")
    assert doc.label == "First modification"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<rss><channel/></rss>", "not a news document"),
        (b"<newsItem><itemMeta>", "malformed XML"),
        (b'{"uri": "x", ', "invalid JSON"),
        (b'{"title": "no uri"}', "not a news item"),
        (b"[1, 2]", "not a news item"),
        (b'<?xml version="1.0" encoding="x-klingon"?><newsItem/>', "encoding"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"   \n\n", "empty"),
    ],
)
def test_bad_input_is_refused_with_the_file_named(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        load(data, "input.file")
    assert caught.value.source == "input.file"


def test_story_slug_is_ascii_lowercase_and_bounded() -> None:
    assert story_slug("Israel-Palestinians-conflict") == "israel-palestinians-conflict"
    assert story_slug("France-port-grève") == "france-port-greve"
    assert len(story_slug("x" * 300)) == 80


def test_story_key_falls_back_to_the_title_for_plain_text() -> None:
    (doc,) = load(b"Un titre\n\nUn paragraphe.", "a.txt")
    assert story_key(doc) == "un-titre"


def test_wire_text_with_dash_subheads_stays_plain_text() -> None:
    data = b"Titre\n\nUn paragraphe.\n\n- Premier intertitre -\n\nDeux.\n\n- Second intertitre -\n\nTrois.\n"
    (doc,) = load(data, "depeche.txt")
    assert doc.texts[2] == "- Premier intertitre -"
    assert dict(doc.meta).get("format") != "markdown"


def test_markdown_without_md_name_is_recognised_by_its_marks() -> None:
    (doc,) = load(b"# Title\n\nSee [the source](http://x.org) and **this**.\n", "notes")
    assert doc.texts == ("Title", "See the source and this.")


def test_plain_text_signature_is_marked_and_text_kept() -> None:
    (doc,) = load((SAMPLE / "fr.r2.txt").read_bytes(), "fr.r2.txt")
    assert doc.paragraphs[-1].role is Role.SIGNATURE
    assert doc.texts == load((SAMPLE / "fr.r2.txt").read_bytes(), "again")[0].texts
    assert doc.paragraphs[-1].line_start > 0  # line spans survive


def test_news_item_with_html_body_near_the_top_is_not_taken_for_a_page() -> None:
    item = b'<newsItem guid="g" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentSet>'
    item += b"<inlineXML><html><body><h1>T</h1><p>Body.</p></body></html></inlineXML></contentSet></newsItem>"
    assert kind_of(item, "x") == "xml"
    assert load(item, "x")[0].texts == ("T", "Body.")
    assert kind_of(b"<!-- saved page -->\n<!DOCTYPE html><title>x</title>", "x") == "html"
