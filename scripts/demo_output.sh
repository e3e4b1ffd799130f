#!/usr/bin/env bash
# Regenerate docs/demo-output.txt: the six analysis commands on the demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
db=$(mktemp -d)/demo.duckdb
detente ingest src/detente/data/samples/us_russia_2025.jsonl --db "$db" --no-progress
{
  for c in "stage USA RUS" "agenda USA RUS" "stances USA RUS" "dyad USA RUS --freq month --from 2025-01-01" \
           "outlook USA RUS" "third-parties USA RUS"; do
    echo "\$ detente $c --db detente-demo.duckdb"
    # shellcheck disable=SC2086
    COLUMNS=120 detente $c --db "$db"
    echo
  done
} > docs/demo-output.txt
echo "wrote docs/demo-output.txt"
