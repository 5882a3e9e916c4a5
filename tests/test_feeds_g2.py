"""NewsML-G2 and NewsML 1 as agencies send them: class aliases, non-text content refused, markup never stored."""

from __future__ import annotations

import pytest

from sources.detect import load
from sources.newsml1 import read_newsml1
from sources.newsml_g2 import read_newsml_g2
from tracker.errors import InputError
from tracker.model import Role

NAR = "http://iptc.org/std/nar/2006-10-01/"


def g2(item_class: str, content: str, *, headline: str = "La crue atteint Orléans", guid: str = "fr-1") -> str:
    return f"""<newsItem xmlns="{NAR}" guid="urn:newsml:example.org:20261201:{guid}" version="1">
  <itemMeta>{item_class}<pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><language tag="fr"/><headline>{headline}</headline></contentMeta>
  <contentSet>{content}</contentSet>
</newsItem>"""


XHTML = (
    '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t'
    "</title></head><body><p>Le fleuve a débordé dans la nuit.</p><p>Les pompiers sont mobilisés.</p></body></html>"
    "</inlineXML>"
)
SPORTSML = (
    '<inlineXML contenttype="application/sportsml+xml"><sportsml xmlns="http://iptc.org/std/SportsML/2008-04-01/">'
    '<sports-content><sports-event><team><team-metadata><name full="Équipe A"/></team-metadata>'
    '<team-stats score="2"/></team></sports-event></sports-content></sportsml></inlineXML>'
)
BODY = ("Le fleuve a débordé dans la nuit.", "Les pompiers sont mobilisés.")


@pytest.mark.parametrize(
    "item_class",
    [
        '<itemClass qcode="icls:text"/>',  # Reuters, ANSA: the alias of early catalogs
        '<itemClass qcode="ninat:text"/>',
        '<itemClass qcode="ninat:composite"/>',
        '<itemClass uri="http://cv.iptc.org/newscodes/ninature/text"/>',
        "",
    ],
)
def test_text_and_composite_class_aliases_are_text_items(item_class: str) -> None:
    (doc,) = read_newsml_g2(g2(item_class, XHTML).encode(), "item.xml")
    assert doc.texts == ("La crue atteint Orléans", *BODY)


def test_a_picture_item_is_still_not_a_text_item() -> None:
    with pytest.raises(InputError, match="without a text news item"):
        read_newsml_g2(g2('<itemClass qcode="icls:picture"/>', XHTML).encode(), "pic.xml")


def test_sportsml_in_a_composite_item_is_refused_with_the_reason() -> None:
    with pytest.raises(InputError, match=r"fr-1: inlineXML holds <sportsml>, not NITF, XHTML/HTML or plain text"):
        read_newsml_g2(g2('<itemClass qcode="ninat:composite"/>', SPORTSML).encode(), "results.xml")


def test_a_message_keeps_its_text_items_beside_a_sportsml_one() -> None:
    items = g2('<itemClass qcode="ninat:composite"/>', SPORTSML, guid="scores") + g2(
        '<itemClass qcode="icls:text"/>', XHTML, guid="story"
    )
    message = f'<newsMessage xmlns="{NAR}"><header/><itemSet>{items}</itemSet></newsMessage>'
    (doc,) = read_newsml_g2(message.encode(), "message.xml")
    assert dict(doc.meta)["guid"].endswith(":story")


def test_html_in_inline_data_cdata_is_parsed_not_stored_as_tags() -> None:
    content = '<inlineData contenttype="text/html"><![CDATA[<p>Le fleuve a débordé dans la nuit.</p>\n<p>Les pompiers sont <b>mobilisés</b>.</p>]]></inlineData>'  # noqa: E501
    (doc,) = read_newsml_g2(g2('<itemClass qcode="icls:text"/>', content).encode(), "ansa.xml")
    assert doc.texts == ("La crue atteint Orléans", *BODY)


def test_html_in_inline_data_declared_plain_is_still_parsed() -> None:
    content = '<inlineData contenttype="text/plain"><![CDATA[<p>Le fleuve a débordé dans la nuit.<br/></p><p>Les pompiers sont mobilisés.</p>]]></inlineData>'  # noqa: E501
    (doc,) = read_newsml_g2(g2('<itemClass qcode="icls:text"/>', content).encode(), "ansa.xml")
    assert not any("<" in text for text in doc.texts)
    assert doc.texts[-1] == "Les pompiers sont mobilisés."


def test_plain_inline_data_is_segmented() -> None:
    content = '<inlineData contenttype="text/plain">Le fleuve a débordé dans la nuit.\n\nLes pompiers sont mobilisés.</inlineData>'  # noqa: E501
    (doc,) = read_newsml_g2(g2('<itemClass qcode="ninat:text"/>', content).encode(), "plain.xml")
    assert doc.texts == ("La crue atteint Orléans", *BODY)


def test_inline_data_that_is_not_text_is_refused() -> None:
    content = '<inlineData contenttype="application/json">{"score": [2, 1]}</inlineData>'
    with pytest.raises(InputError, match="inlineData of type 'application/json'"):
        read_newsml_g2(g2('<itemClass qcode="ninat:text"/>', content).encode(), "data.xml")


def test_ap_nitf_headline_in_body_head_is_not_duplicated() -> None:
    content = (
        '<inlineXML contenttype="application/nitf+xml"><nitf><body><body.head><headline><hl1>La crue atteint Orléans'
        "</hl1></headline><byline>Par une correspondante</byline></body.head><body.content>"
        "<p>Le fleuve a débordé dans la nuit.</p><p>Les pompiers sont mobilisés.</p></body.content></body></nitf>"
        "</inlineXML>"
    )
    (doc,) = read_newsml_g2(g2('<itemClass qcode="ninat:text"/>', content).encode(), "ap.xml")
    assert doc.texts == ("La crue atteint Orléans", *BODY)
    assert [p.role for p in doc.paragraphs] == [Role.HEADLINE, Role.BODY, Role.BODY]


NEWSML1_HTML = """<?xml version="1.0" encoding="UTF-8"?>
<NewsML><NewsItem><Identification><NewsIdentifier><NewsItemId>ana-1</NewsItemId><RevisionId>1</RevisionId>
<PublicIdentifier>urn:newsml:example.org:20261201:ana-1:1</PublicIdentifier></NewsIdentifier></Identification>
<NewsComponent><DescriptiveMetadata><Language FormalName="fr"/></DescriptiveMetadata>
<NewsLines><HeadLine>La crue atteint Orléans</HeadLine></NewsLines>
<NewsComponent><Role FormalName="Body"/><ContentItem><MediaType FormalName="Text"/><Format FormalName="HTML"/>
<DataContent><![CDATA[<P>Le fleuve a débordé dans la nuit.</P><P>Les pompiers sont mobilisés.</P>]]></DataContent>
</ContentItem></NewsComponent></NewsComponent></NewsItem></NewsML>"""


def test_newsml1_html_format_in_cdata_is_parsed() -> None:
    (doc,) = read_newsml1(NEWSML1_HTML.encode(), "ana.xml")
    assert doc.texts == ("La crue atteint Orléans", *BODY)


def test_newsml1_plain_cdata_is_still_segmented() -> None:
    plain = NEWSML1_HTML.replace('<Format FormalName="HTML"/>', "").replace(
        "<![CDATA[<P>Le fleuve a débordé dans la nuit.</P><P>Les pompiers sont mobilisés.</P>]]>",
        "Le fleuve a débordé dans la nuit.\n\nLes pompiers sont mobilisés.",
    )
    (doc,) = load(plain.encode(), "plain1.xml")
    assert doc.texts == ("La crue atteint Orléans", *BODY)
