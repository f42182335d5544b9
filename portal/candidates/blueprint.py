"""The candidates blueprint (worker profiles, consent, "my data", employer profile search)."""

from flask import Blueprint

bp = Blueprint("candidates", __name__)
