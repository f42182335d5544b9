"""Celery tasks of the accounts domain."""
