"""The mutation fuzzer (issue 11): see harness.py."""
