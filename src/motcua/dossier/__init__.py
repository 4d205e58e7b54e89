"""Dossiers (hồ sơ): codes, papers, the working-day calendar and return dates, the lifecycle.

No Qt, no devices. ``DossierService`` is the one way to change a dossier.
"""
