"""Personio job pages: the XML feed ``https://{company}.jobs.personio.de/xml?language=en``.

Payload: one ``<position>`` as the JSON-like tree of ``scrapers/xmldoc.py`` (``format: xml``
in ``families.yaml``); its page is ``https://<host>/job/<id>``. No pagination.
"""

from scrapers.base.job_board_api import JobBoardApiSpider


class PersonioSpider(JobBoardApiSpider):
    name = "personio"
    list_url = "https://{board}.jobs.personio.de/xml?language=en"
