"""The jobs blueprint, shared by the employer/vacancy views and the search views."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)
