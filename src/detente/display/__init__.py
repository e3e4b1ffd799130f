"""What the HTML report and the dashboard both put in front of a reader: the evidence panel
that shows the sentences behind any chart point (``evidence.js``, ``evidence.css``, kept in this
package) and plotly.js from the installed ``plotly`` package, so neither page fetches anything
from the network.  The report inlines them; the dashboard serves them under ``/static/``."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

ASSETS = {"evidence.js": "application/javascript", "evidence.css": "text/css"}


def asset(name: str) -> str:
    """The text of one of the shared front-end files (:data:`ASSETS`)."""
    return resources.files("detente.display").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle shipped inside the installed ``plotly`` Python package."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()
