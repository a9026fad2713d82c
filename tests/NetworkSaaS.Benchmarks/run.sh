#!/usr/bin/env bash
# Benchmark of the contact list and search (warm, and cold with writes beside), discovery and the LinkedIn import through
# the pages on a synthetic company (durable PostgreSQL), or (--reminders) of the
# stay-in-touch reminder scan over 100 synthetic companies, or (--exports) of the exports (100,000-contact xlsx/CSV
# export and the HR workbook for 1,000 employees) (see the README's figures).
# Options: --contacts N (1000000) --users N (1000) --seconds S (20) --warmup S (3) --clients N (16) --import-rows N (10000)
#          --data DIR (keep the generated database there and reuse it on the next run)
#          --npgsql "Max Auto Prepare=20" (extra connection-string settings for the app role)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tests/NetworkSaaS.Benchmarks -- "$@"
