"""motcua.kiosk"""
