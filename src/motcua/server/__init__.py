"""motcua.server"""
