"""Short hand-written news items for the corpus tests: one speaker spelled three ways, three outlets."""

from __future__ import annotations

import io

SAMPLES = (
    (
        'Kim Jong-un said on Tuesday that the country would "never give up its nuclear deterrent", according to '
        "KCNA. The leader also told officials that the harvest was good.",
        "Yonhap",
        "2024-05-07",
        "http://example.org/yonhap/1",
    ),
    (
        'KIM JONG UN told party cadres that "the enemy is trembling". The defence ministry in Seoul said it was '
        "monitoring the situation closely.",
        "TASS",
        "2024-05-08",
        None,
    ),
    (
        'Kim Jong Un visited a tractor factory on Monday. "Production must double this year," Kim Jong Un said, '
        "the state agency KCNA reported.",
        "Reuters",
        "2024-05-09",
        "http://example.org/reuters/1",
    ),
)


def text_warc(body: bytes, *, gzipped: bool = False) -> bytes:
    """One WARC 'resource' record holding ``body`` as text/plain, as a crawler archives a text file."""
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(
        writer.create_warc_record(
            "http://example.com/a.txt", "resource", payload=io.BytesIO(body), length=len(body),
            warc_content_type="text/plain",
        )
    )  # fmt: skip
    return out.getvalue()
