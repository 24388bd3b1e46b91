package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oagen-dev/oagen/generated/portingorders"
	"github.com/oagen-dev/oagen/generated/telnyx"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/data"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/oapipo"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/ogenpo"
	"github.com/oagen-dev/oagen/tools/codecbench/internal/plain"
)

// benchCase is one row of the table: one case of one implementation.
type benchCase struct {
	name  string // the case, the same for every implementation
	impl  string
	bytes int // the body the case reads or writes, for MB/s
	run   func(b *testing.B)
	check func() error // runs once before the benchmark: a case that fails is reported, not timed
}

// cpuTimed wraps a benchmark function so that the CPU time of the process
// (every thread: the collector's, and on the call cases the server's too)
// over its last run is kept in *cpu, with that run's N. On a shared machine
// CPU time says more than wall time, which counts the waits for a core.
func cpuTimed(run func(b *testing.B), cpu *cpuResult) func(b *testing.B) {
	return func(b *testing.B) {
		start := processCPU()
		run(b)
		*cpu = cpuResult{d: processCPU() - start, n: b.N}
	}
}

type cpuResult struct {
	d time.Duration
	n int
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// decodeCase decodes body into a new T per iteration.
func decodeCase[T any](name, impl string, body []byte, c codec[T]) benchCase {
	return benchCase{
		name: name, impl: impl, bytes: len(body),
		run: func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				var v T
				if err := c.decode(body, &v); err != nil {
					b.Fatal(err)
				}
			}
		},
		check: func() error {
			var v T
			return c.decode(body, &v)
		},
	}
}

// encodeCase encodes the value that body decodes to; MB/s counts the bytes
// that implementation writes.
func encodeCase[T any](name, impl string, body []byte, c codec[T]) benchCase {
	var v T
	decErr := c.decode(body, &v)
	var size int
	if decErr == nil {
		out, err := c.encode(&v)
		decErr = err
		size = len(out)
	}
	return benchCase{
		name: name, impl: impl, bytes: size,
		run: func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.encode(&v); err != nil {
					b.Fatal(err)
				}
			}
		},
		check: func() error { return decErr },
	}
}

func callCase(name, impl string, size int, call func(context.Context) error) benchCase {
	ctx := context.Background()
	return benchCase{
		name: name, impl: impl, bytes: size,
		run: func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := call(ctx); err != nil {
					b.Fatal(err)
				}
			}
		},
		check: func() error { return call(ctx) },
	}
}

// Case names, in the order of the table.
const (
	caseDecodeList   = "decode list (1,000 orders)"
	caseEncodeList   = "encode list (1,000 orders)"
	caseDecodeOrder  = "decode one PortingOrder"
	caseEncodeOrder  = "encode one PortingOrder"
	caseCallUpdate   = "call PortingOrders.Update"
	caseCallList     = "call PortingOrders.List"
	caseDecodeTelnyx = "decode Telnyx large (1,500 apps)"
	caseEncodeTelnyx = "encode Telnyx large (1,500 apps)"
)

// server answers the two calls with the benchmark's bodies, on loopback.
func server(b *data.Bodies) *httptest.Server {
	mux := http.NewServeMux()
	reply := func(w http.ResponseWriter, body []byte) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}
	mux.HandleFunc("GET /porting_orders", func(w http.ResponseWriter, r *http.Request) {
		reply(w, b.List)
	})
	mux.HandleFunc("PATCH /porting_orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || r.ContentLength == 0 {
			http.Error(w, "no JSON body", http.StatusBadRequest)
			return
		}
		if _, err := readAll(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		reply(w, b.UpdateResponse)
	})
	return httptest.NewServer(mux)
}

// allCases builds every row. The server must stay up while they run.
func allCases(b *data.Bodies, srv *httptest.Server) ([]benchCase, error) {
	var cs []benchCase
	cs = append(cs,
		decodeCase(caseDecodeList, implOagen, b.List, oagenCodec[portingorders.ListPortingOrdersResponse]()),
		decodeCase(caseDecodeList, implOgen, b.List, ogenCodec[ogenpo.ListPortingOrdersOK]()),
		decodeCase(caseDecodeList, implOapi, b.List, stdCodec[oapiList]()),
		decodeCase(caseDecodeList, implPlain, b.List, stdCodec[plain.ListPortingOrdersResponse]()),

		encodeCase(caseEncodeList, implOagen, b.List, oagenCodec[portingorders.ListPortingOrdersResponse]()),
		encodeCase(caseEncodeList, implOgen, b.List, ogenCodec[ogenpo.ListPortingOrdersOK]()),
		encodeCase(caseEncodeList, implOapi, b.List, stdCodec[oapiList]()),
		encodeCase(caseEncodeList, implPlain, b.List, stdCodec[plain.ListPortingOrdersResponse]()),

		decodeCase(caseDecodeOrder, implOagen, b.Order, oagenCodec[portingorders.PortingOrder]()),
		decodeCase(caseDecodeOrder, implOgen, b.Order, ogenCodec[ogenpo.PortingOrder]()),
		decodeCase(caseDecodeOrder, implOapi, b.Order, stdCodec[oapipo.PortingOrder]()),
		decodeCase(caseDecodeOrder, implPlain, b.Order, stdCodec[plain.PortingOrder]()),

		encodeCase(caseEncodeOrder, implOagen, b.Order, oagenCodec[portingorders.PortingOrder]()),
		encodeCase(caseEncodeOrder, implOgen, b.Order, ogenCodec[ogenpo.PortingOrder]()),
		encodeCase(caseEncodeOrder, implOapi, b.Order, stdCodec[oapipo.PortingOrder]()),
		encodeCase(caseEncodeOrder, implPlain, b.Order, stdCodec[plain.PortingOrder]()),
	)

	callers, err := newCallers(srv.URL, srv.Client(), b.UpdateRequest)
	if err != nil {
		return nil, err
	}
	for _, impl := range implNames {
		c := callers[impl]
		cs = append(cs, callCase(caseCallUpdate, impl, len(b.UpdateResponse), func(ctx context.Context) error {
			id, err := c.update(ctx)
			if err == nil && id == "" {
				err = fmt.Errorf("%s: the updated order has no id", impl)
			}
			return err
		}))
	}
	for _, impl := range implNames {
		c := callers[impl]
		cs = append(cs, callCase(caseCallList, impl, len(b.List), func(ctx context.Context) error {
			n, err := c.list(ctx)
			if err == nil && n != data.ListOrders {
				err = fmt.Errorf("%s: %d orders, want %d", impl, n, data.ListOrders)
			}
			return err
		}))
	}

	if b.Telnyx != nil {
		cs = append(cs,
			decodeCase(caseDecodeTelnyx, implOagen, b.Telnyx, oagenCodec[telnyx.ListCallControlApplicationsResponse]()),
			decodeCase(caseDecodeTelnyx, implPlain, b.Telnyx, stdCodec[plain.ListCallControlApplicationsResponse]()),
			encodeCase(caseEncodeTelnyx, implOagen, b.Telnyx, oagenCodec[telnyx.ListCallControlApplicationsResponse]()),
			encodeCase(caseEncodeTelnyx, implPlain, b.Telnyx, stdCodec[plain.ListCallControlApplicationsResponse]()),
		)
	}
	return cs, nil
}
