"""The kiosk's screens: thin Qt views over the plain-Python flows in motcua.kiosk."""
