"""motcua.catalog"""
