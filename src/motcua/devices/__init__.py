"""The device layer: what every device family shares, and nothing family-specific.

Belongs here (no Qt, no ESC/POS, no protocol of any one device):
- ``url``: the one URL grammar ``scheme://target?option=value`` and its typed options;
- ``registry``: the families (printer, id_scanner, bus, audio, ...) and, per family, the
  driver for each scheme, looked up the way pyserial's ``serial_for_url`` dispatches;
- ``health``: ``DeviceHealth``, what every driver reports and every screen, alert and
  metric reads;
- ``discovery``: finding the devices attached to this machine, each with its URL
  (``motcua devices list``, cli.py).

Driver code stays with its family (``printer/``, ``scanner/``, ``counter/``,
``display/``) and registers itself here; docs/developers/devices.md shows how.
"""

from motcua.devices import families as _families  # noqa: F401  (defines the families)
from motcua.devices.health import DeviceHealth, HealthBoard, HealthState
from motcua.devices.registry import (
    Driver,
    Family,
    define_family,
    families,
    family,
    open_device,
    parse_device_url,
    register,
)
from motcua.devices.url import (
    SERIAL_OPTIONS,
    DeviceUrl,
    DeviceUrlError,
    boolean,
    choice,
    integer,
    number,
    parse_url,
    text,
)

__all__ = [
    "SERIAL_OPTIONS",
    "DeviceHealth",
    "DeviceUrl",
    "DeviceUrlError",
    "Driver",
    "Family",
    "HealthBoard",
    "HealthState",
    "boolean",
    "choice",
    "define_family",
    "families",
    "family",
    "integer",
    "number",
    "open_device",
    "parse_device_url",
    "parse_url",
    "register",
    "text",
]
