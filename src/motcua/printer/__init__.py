"""motcua.printer"""
