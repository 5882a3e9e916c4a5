"""Wire items shaped like the agencies' (our own text): one council-budget story sent as NewsML-G2, AFP-style
NewsML 1.2 and ninjs 2.x (lower-case names, headlines and bodies), each version able to say new, correction (with
the agency's note), kill, withheld or embargoed until a time, as that format says it."""

from __future__ import annotations

import json
from pathlib import Path

FORMATS = ("g2", "newsml1", "ninjs")
HEADLINE = "Le conseil vote le budget"
BODY = (
    "Le conseil municipal a voté un budget de {n} millions d'euros lundi soir.",
    "L'opposition a dénoncé une hausse des impôts.",
)
ENGLISH = (
    "Council passes the budget\n\nThe city council passed a 12 million euro budget on Monday evening."
    "\n\nThe opposition decried a tax rise."
)


def _g2(v: int, kind: str, note: str, n: int, urgency: int, until: str) -> str:
    status = {"kill": "canceled", "withheld": "withheld"}.get(kind, "usable")
    extra = '<signal qcode="sig:correction"/>' if kind == "correction" else ""
    extra += f"<edNote>{note}</edNote>" if note else ""
    extra += f"<embargoed>{until}</embargoed>" if until else ""
    paras = "".join(f"<p>{p.format(n=n)}</p>" for p in BODY)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:20261102:budget-{{fmt}}"
  version="{v}" standard="NewsML-G2" standardversion="2.29">
 <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-02T0{v}:00:00Z</versionCreated>
  <pubStatus qcode="stat:{status}"/>{extra}</itemMeta>
 <contentMeta><urgency>{urgency}</urgency><headline>{HEADLINE}</headline><language tag="fr"/></contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
  {paras}</body></html></inlineXML></contentSet>
</newsItem>
"""


def _newsml1(v: int, kind: str, note: str, n: int, urgency: int, until: str) -> str:
    status = {"kill": "Canceled", "withheld": "Withheld"}.get(kind, "Embargoed" if until else "Usable")
    advisory = note if kind != "correction" or note.upper().startswith("CORRECTS") else f"CORRECTS {note}"
    lines = (
        f'<NewsLine><NewsLineType FormalName="AdvisoryLine"/><NewsLineText>{advisory}</NewsLineText></NewsLine>'
        if advisory
        else ""
    )
    will = f"<StatusWillChange><DateAndTime>{until}</DateAndTime></StatusWillChange>" if until else ""
    paras = "".join(f"<p>{p.format(n=n)}</p>" for p in BODY)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2"><NewsEnvelope><DateAndTime>20261102T0{v}0000+0000</DateAndTime></NewsEnvelope>
<NewsItem><Identification><NewsIdentifier><ProviderId>afp.com</ProviderId><DateId>20261102</DateId>
<NewsItemId>budget-{{fmt}}</NewsItemId><RevisionId PreviousRevision="{v - 1}" Update="N">{v}</RevisionId>
<PublicIdentifier>urn:newsml:afp.com:20261102:budget-{{fmt}}:{v}</PublicIdentifier></NewsIdentifier>
<NameLabel>budget-{{fmt}}</NameLabel></Identification>
<NewsManagement><NewsItemType FormalName="News"/><FirstCreated>20261102T010000+0000</FirstCreated>
<ThisRevisionCreated>20261102T0{v}0000+0000</ThisRevisionCreated><Status FormalName="{status}"/>{will}
<Urgency FormalName="{urgency}"/></NewsManagement>
<NewsComponent><NewsLines><HeadLine>{HEADLINE}</HeadLine>{lines}</NewsLines>
<DescriptiveMetadata><Language FormalName="fr"/></DescriptiveMetadata>
<ContentItem><MediaType FormalName="Text"/><Format FormalName="NITF"/><DataContent><nitf><body><body.content>
{paras}</body.content></body></nitf></DataContent></ContentItem></NewsComponent></NewsItem></NewsML>
"""


def _ninjs(v: int, kind: str, note: str, n: int, urgency: int, until: str) -> str:
    item: dict[str, object] = {
        "uri": "urn:example.com:budget-{fmt}",
        "version": str(v),
        "versioncreated": f"2026-11-02T0{v}:00:00Z",
        "pubstatus": {"kill": "canceled", "withheld": "withheld"}.get(kind, "usable"),
        "language": "fr",
        "urgency": urgency,
        "headlines": [{"role": "main", "value": HEADLINE}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": "\n\n".join(p.format(n=n) for p in BODY)}],
    }
    if note:
        item["ednote"] = note
    # no ninjs schema has `signals`: the agency's note says it is a correction (as an AFP advisory would)
    if until:
        item["embargoed"] = until
    return json.dumps(item, ensure_ascii=False)


def item(fmt: str, v: int, kind: str = "new", note: str = "", *, n: int = 12, urgency: int = 4, until: str = "") -> str:
    """Version `v` of the story in format `fmt`: `kind` new/update, correction, kill or withheld; `until` an
    embargo time (ISO 8601 for G2 and ninjs, NewsML 1.2's basic form is made from it)."""
    if fmt == "newsml1" and until:
        until = until.replace("-", "").replace(":", "").replace("Z", "+0000")
    made = {"g2": _g2, "newsml1": _newsml1, "ninjs": _ninjs}[fmt](v, kind, note, n, urgency, until)
    return made.replace("{fmt}", fmt)


def write(folder: Path, fmt: str, v: int, kind: str = "new", note: str = "", **options: object) -> str:
    """The item written into `folder` under a name its format is known by; returns the path."""
    name = f"budget-v{v}" + (".json" if fmt == "ninjs" else ".xml")
    path = folder / fmt / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(item(fmt, v, kind, note, **options), encoding="utf-8")  # type: ignore[arg-type]
    return str(path)
