"""Synthetic convention-sized panel-selection instances (python3 -m convention --help)."""
