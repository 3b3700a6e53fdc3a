from guidegen.cli import run

run()
