"""motcua.queue"""
