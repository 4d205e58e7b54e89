"""motcua.assets"""
