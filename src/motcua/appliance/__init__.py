"""Running motcua as an appliance: systemd units, the watchdog, the installer.

What belongs here: talking to systemd (``systemd.py``: readiness and watchdog pings over
``$NOTIFY_SOCKET``), writing a machine's units and configuration (``install.py``) and its
CLI, and the technician's device commands (``devices_cli.py``: ``motcua devices list``
over ``motcua.devices.discovery``, ``motcua devices test`` over every family's drivers in
``device_tests.py``). The unit files themselves live in the repository's ``deploy/``
folder; nothing here imports Qt.
"""
