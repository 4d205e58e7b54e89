"""Running motcua as an appliance: systemd units, the watchdog, the installer.

What belongs here: talking to systemd (``systemd.py``: readiness and watchdog pings over
``$NOTIFY_SOCKET``), writing a machine's units and configuration (``install.py``) and its
CLI. The unit files themselves live in the repository's ``deploy/`` folder; nothing here
imports Qt.
"""
