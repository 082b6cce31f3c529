#!/usr/bin/env python
from coaction.cli import main

if __name__ == "__main__":
    main()
