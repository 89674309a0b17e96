"""Assess how ready an organization is to scale machine learning, and plan how it gets there."""

__version__ = "0.1.0"
