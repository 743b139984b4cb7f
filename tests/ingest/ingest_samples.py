"""Short hand-written articles and pages shared by the ingest tests."""

from __future__ import annotations

from dataclasses import dataclass

ARTICLE_TEXT = (
    "Ukraine’s general staff said on Thursday that its units had pulled back from positions "
    "around Sudzha, the largest town Kyiv’s forces had held in Russia’s Kursk region.\n\n"
    "Russia’s defence ministry claimed the town had been “fully liberated” after a week of "
    "heavy fighting — a claim the Ukrainian side neither confirmed nor denied."
)
OTHER_TEXT = (
    "Foreign ministers of the two countries met in Riyadh on Tuesday for talks on a partial "
    "ceasefire covering energy infrastructure and shipping in the Black Sea.\n\n"
    "A joint statement said delegations would meet again next week to agree on monitoring."
)

PAGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ukraine says troops pulled back from Sudzha | Frontline Wire</title>
<meta property="og:site_name" content="Frontline Wire">
<meta property="og:title" content="Ukraine says troops pulled back from Sudzha">
<meta property="article:published_time" content="2025-03-13T09:30:00+02:00">
<link rel="canonical" href="https://frontline.example/2025/03/13/sudzha-withdrawal">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About us</a></nav>
<article><h1>Ukraine says troops pulled back from Sudzha</h1>
<p>Ukraine’s general staff said on Thursday that its units had pulled back from positions
around Sudzha, the largest town Kyiv’s forces had held in Russia’s Kursk region since August.</p>
<p>Russia’s defence ministry claimed the town had been “fully liberated” after a week of heavy
fighting, a claim the Ukrainian side neither confirmed nor denied.</p>
<p>A spokesman for the general staff told reporters that the withdrawal was carried out “in an
orderly manner” and that troops had moved to more favourable lines.</p>
<p>Independent analysts said satellite images taken on Wednesday showed fires in the town
centre and damaged bridges on the road towards the border.</p>
</article><footer>© 2025 Frontline Wire. All rights reserved.</footer>
</body></html>
"""

PAGE2_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers meet in Riyadh on Black Sea ceasefire</title>
</head><body><article><h1>Ministers meet in Riyadh on Black Sea ceasefire</h1>
<p>Foreign ministers of the two countries met in Riyadh on Tuesday for talks on a partial
ceasefire covering energy infrastructure and shipping in the Black Sea.</p>
<p>A joint statement said the delegations would meet again next week to agree on how a
truce at sea could be monitored, and by whom.</p>
<p>Neither side gave details of the proposed monitoring mission, but diplomats said Turkey had
offered to host a coordination centre in Istanbul.</p>
</article></body></html>
"""


@dataclass
class Server:
    """A local HTTP server: `url(path)` gives the address of a route."""

    base: str
    agents: list[str]

    def url(self, path: str) -> str:
        return self.base + path
