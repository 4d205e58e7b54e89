"""motcua.display"""
