"""Vietnamese speech without Qt, shared by the hall display and the kiosk: number words,
sentences, the clip catalogue, audio from clips, players and the ``audio`` device family.

The hall composes these through :mod:`motcua.display.announcer`, the kiosk's voice
guidance through :mod:`motcua.kiosk.guidance`; only :mod:`motcua.voice.audio_qt`
touches Qt.
"""
