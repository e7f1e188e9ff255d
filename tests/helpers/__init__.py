"""Child-process scripts for the crash and concurrency tests."""
