package gen

import (
	"os"
	"testing"

	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/model/load"
)

// The benchmarks run libopenapi alone and the whole pipeline (in memory, no
// writing) on the same spec, so their ratio is the in-process version of
// what `make bench` reports for whole processes.
//
//	go test -run '^$' -bench . -benchmem ./internal/gen

func benchSpec(b *testing.B, path string, generate bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if generate {
			_, _, err = GenerateBytes(path, data, emit.Options{Package: "bench"})
		} else {
			err = load.ParseOnly(data)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePortingOrders(b *testing.B) { benchSpec(b, "../../specs/porting-orders.yml", false) }
func BenchmarkGeneratePortingOrders(b *testing.B) {
	benchSpec(b, "../../specs/porting-orders.yml", true)
}
func BenchmarkParseTelnyxFull(b *testing.B)    { benchSpec(b, "../../specs/telnyx-full.yml", false) }
func BenchmarkGenerateTelnyxFull(b *testing.B) { benchSpec(b, "../../specs/telnyx-full.yml", true) }
