"""Internal entity declarations of real NewsML 1.2 feeds are expanded; external entities and bombs still refused."""

from __future__ import annotations

import pytest

from sources import entities
from sources.detect import load
from sources.xmlsafe import parse
from tracker.errors import InputError

# Shaped like Belga/ATS NewsML 1.2: an external DTD named (never loaded) and Latin-1 letters as entities.
DECLARATIONS = '<!ENTITY eacute "&#233;"><!ENTITY egrave "&#232;"><!ENTITY agence "Agence &eacute;clair">'
NEWSML1 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE NewsML SYSTEM "http://dtd.example.org/NewsML_1.2.dtd" [
  {decl}
]>
<NewsML><NewsItem><Identification><NewsIdentifier><NewsItemId>b-1</NewsItemId><RevisionId>1</RevisionId>
<PublicIdentifier>urn:newsml:example.org:20261201:b-1:1</PublicIdentifier></NewsIdentifier></Identification>
<NewsComponent><DescriptiveMetadata><Language FormalName="fr"/></DescriptiveMetadata>
<NewsLines><HeadLine>Le proc&egrave;s s'ouvre</HeadLine></NewsLines>
<ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body><body.content>
<p>{body}</p></body.content></body></nitf></DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"""


def item(decl: str = DECLARATIONS, body: str = "Selon l'&agence;, le proc&egrave;s a d&eacute;but&eacute;.") -> bytes:
    return NEWSML1.format(decl=decl, body=body).encode("utf-8")


def test_internal_entities_of_a_newsml1_feed_are_expanded() -> None:
    (doc,) = load(item(), "belga.xml")
    assert doc.texts == ("Le procès s'ouvre", "Selon l'Agence éclair, le procès a débuté.")


def test_element_and_attlist_declarations_beside_entities_are_accepted() -> None:
    decl = DECLARATIONS + "<!ELEMENT p (#PCDATA)><!ATTLIST p class CDATA #IMPLIED><!-- Kyodo -->"
    (doc,) = load(item(decl), "kyodo.xml")
    assert doc.texts[1].startswith("Selon l'Agence éclair")


@pytest.mark.parametrize(
    ("decl", "reason"),
    [
        ('<!ENTITY xxe SYSTEM "file:///etc/passwd">', "literal value"),
        ('<!ENTITY xxe PUBLIC "-//x//EN" "http://127.0.0.1:9/x">', "literal value"),
        ('<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;', "literal value"),
        ('<!ENTITY a "&#37;x;"><!ENTITY b "%a;">', "parameter"),
        ('<!ENTITY a "x"><!ENTITY b "&a;&a;"><!ENTITY c "&b;&b;"><!ENTITY d "&c;&c;">', "deeper"),
        ('<!ENTITY a "&a;">', "deeper"),
        ('<!ENTITY a "&nowhere;">', "undeclared"),
        ('<!ENTITY a "' + "x" * 2000 + '">', "expands to"),
        ("".join(f'<!ENTITY e{i} "x">' for i in range(300)), "declarations"),
    ],
)
def test_dangerous_declarations_are_refused(decl: str, reason: str) -> None:
    with pytest.raises(InputError, match=f"declares entities.*{reason}"):
        parse(item(decl, body="texte"), "evil.xml")


def test_billion_laughs_is_refused_before_parsing() -> None:
    laughs = '<!ENTITY l "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "&l;" * 10}">' for i in range(9)
    )
    with pytest.raises(InputError, match="declares entities"):
        parse(item(laughs, body="&l8;"), "laughs.xml")


def test_many_references_to_a_long_entity_are_refused_by_total_expansion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entities, "MAX_EXPANSION", 10_000)
    decl = DECLARATIONS + '<!ENTITY long "' + "x" * 1000 + '">'
    with pytest.raises(InputError, match="would add"):
        parse(item(decl, body="&long;" * 20), "wide.xml")
    parse(item(decl, body="&long;" * 5), "narrow.xml")


def test_an_entity_declared_outside_a_doctype_is_refused() -> None:
    with pytest.raises(InputError, match="declares entities"):
        parse(b'<newsItem><!ENTITY a "x"></newsItem>', "odd.xml")
