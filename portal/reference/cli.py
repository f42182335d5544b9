import click
from flask.cli import AppGroup

ref_group = AppGroup("ref", help="Reference data.")
