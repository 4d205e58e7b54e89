"""motcua.counter"""
