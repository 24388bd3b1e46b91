package main

import (
	"testing"

	"github.com/oagen-dev/oagen/generated/portingorders"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/ogenpo"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/plain"
)

// The benchmarks below are for profiling one case with go test's own flags
// (go test -bench DecodeList -cpuprofile cpu.out); make bench prints the
// table from main.go instead.

func BenchmarkDecodeList(b *testing.B) {
	bodies := testBodies(&testing.T{})
	b.Run("oagen", decodeCase("", "", bodies.List, oagenCodec[portingorders.ListPortingOrdersResponse]()).run)
	b.Run("ogen", decodeCase("", "", bodies.List, ogenCodec[ogenpo.ListPortingOrdersOK]()).run)
}

func BenchmarkEncodeList(b *testing.B) {
	bodies := testBodies(&testing.T{})
	b.Run("oagen", encodeCase("", "", bodies.List, oagenCodec[portingorders.ListPortingOrdersResponse]()).run)
	b.Run("plain", encodeCase("", "", bodies.List, stdCodec[plain.ListPortingOrdersResponse]()).run)
}

func BenchmarkEncodeOrder(b *testing.B) {
	bodies := testBodies(&testing.T{})
	b.Run("oagen", encodeCase("", "", bodies.Order, oagenCodec[portingorders.PortingOrder]()).run)
	b.Run("plain", encodeCase("", "", bodies.Order, stdCodec[plain.PortingOrder]()).run)
}

func BenchmarkDecodeOrder(b *testing.B) {
	bodies := testBodies(&testing.T{})
	b.Run("oagen", decodeCase("", "", bodies.Order, oagenCodec[portingorders.PortingOrder]()).run)
	b.Run("ogen", decodeCase("", "", bodies.Order, ogenCodec[ogenpo.PortingOrder]()).run)
}
