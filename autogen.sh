#!/bin/sh
# Regenerates configure and the Makefile.in files (needs autoconf, automake,
# libtool and autoconf-archive).
set -e
cd "$(dirname "$0")"
autoreconf -fi
