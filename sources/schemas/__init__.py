"""Schemas shipped as package data (ninjs 1.6, 2.2, 3.1 and GeoJSON); see LICENCE.md in this folder."""
