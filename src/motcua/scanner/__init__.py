"""motcua.scanner"""
