from flask.cli import AppGroup

demo_group = AppGroup("demo", help="Demo data.")
