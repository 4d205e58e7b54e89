"""motcua: kiosk and queue-ticketing appliance for Vietnamese one-stop service centers."""

__version__ = "0.1.0"
