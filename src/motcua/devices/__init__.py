"""Devices: one URL grammar, the driver registry per family, discovery and health."""
