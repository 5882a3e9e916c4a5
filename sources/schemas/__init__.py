"""Schemas shipped as package data (ninjs 3.1); see LICENCE.md in this folder."""
