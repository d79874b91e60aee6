"""``python -m igf_report``."""

from igf_report.cli import main

if __name__ == "__main__":
    main()
