"""`python -m generator` runs the raad command line."""

from generator.cli import main

main()
