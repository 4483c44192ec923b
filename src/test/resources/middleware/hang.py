#!/usr/bin/env python3
"""Test middleware: never reads its input and never writes; only sleeps."""
import time

time.sleep(600)
