#!/bin/sh
# Stands in for a retention analysis process that hangs: it never reads the snapshot sent to its stdin.
exec sleep 120
