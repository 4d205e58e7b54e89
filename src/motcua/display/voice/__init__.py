"""Vietnamese voice announcements without Qt: number words, the sentence, audio from clips.

The hall display (and ``motcua announce``) compose these through
:mod:`motcua.display.announcer`; only :mod:`motcua.display.audio_qt` touches Qt.
"""
