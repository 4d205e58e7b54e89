"""The manager's pages, served by the center: login, the live board, reports, exports.

What belongs here: the manager's cookie sessions (``sessions.py``), figures over a range of
days (``reports.py``: computed from the queue's statistics, exported as CSV and XLSX), and
the routes (``pages.py``) and the pages they answer with: the frame every page shares
(``html.py``), the live board (``board.py``) and the report (``report_page.py``, with
its SVG charts from ``charts.py``). Every asset is shipped; no CDN. The
pages read through the same API as every device, with a ``manager`` token's rights.
"""
