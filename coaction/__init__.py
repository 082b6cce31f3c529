"""Coaction Hub."""
