"""The center's configuration: one TOML file loaded into frozen dataclasses.

The composition root (each app's ``build_*``, the CLI) loads it once and passes the parts
each piece needs; nothing reads configuration from a global. Environment variables
``MOTCUA_<SECTION>_<KEY>`` override scalar keys of a section (``MOTCUA_DEVICES_PRINTER``).

What belongs here: ``sections.py``, the shape (one dataclass per table, with defaults);
``loading.py``, reading a file into it and the checks that make a mistake a start-up
error. Import from ``motcua.config``.
"""

from motcua.config.loading import DEMO_CONFIG, demo_config_text, load_config, parse_config
from motcua.config.sections import (
    CenterIdentity,
    Config,
    ConfigError,
    CounterConfig,
    DevicesConfig,
    DisplayConfig,
    DossierConfig,
    KioskConfig,
    Numbering,
    PolicyConfig,
    PortalConfig,
    PrinterProfileConfig,
    PriorityGroup,
    ServerConfig,
    ServiceConfig,
    VoiceConfig,
    check_devices,
)

__all__ = [
    "DEMO_CONFIG",
    "CenterIdentity",
    "Config",
    "ConfigError",
    "CounterConfig",
    "DevicesConfig",
    "DisplayConfig",
    "DossierConfig",
    "KioskConfig",
    "Numbering",
    "PolicyConfig",
    "PortalConfig",
    "PrinterProfileConfig",
    "PriorityGroup",
    "ServerConfig",
    "ServiceConfig",
    "VoiceConfig",
    "check_devices",
    "demo_config_text",
    "load_config",
    "parse_config",
]
