package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/oagen-dev/oagen/tools/codecbench/internal/data"
)

// The peak-memory measure runs in a child process per implementation, so
// that neither the other rows nor the parent's bodies count. The child
// serves a ListPortingOrders body of the asked size on loopback, streamed
// from the 1,000 orders of the benchmark (never held whole by the server),
// makes one List call with the implementation's client, and reports:
//   - heap: the peak of the Go heap in use (HeapInuse: live and not yet
//     collected objects, the spans they occupy), sampled every millisecond
//     through runtime/metrics (no stop-the-world), less the heap in use
//     just before the call;
//   - maxrss: the child's peak resident set size (getrusage), all of the
//     process, baseline included.
var peakImpls = []string{implOagen, implOgen, implOapi, implPlain}

func printPeaks(w io.Writer, specs string, peakMB int) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "| implementation | body | peak heap in use during the call | ÷ body | child maxrss | ÷ body | time |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, impl := range peakImpls {
		cmd := exec.Command(exe, "-specs", specs, "-peak-mb", strconv.Itoa(peakMB), "-peak-child", impl)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			fmt.Fprintf(w, "| %s | %d MB | failed: %v | | | | |\n", impl, peakMB, err)
			continue
		}
		var p peakReport
		if err := json.Unmarshal(out, &p); err != nil {
			return fmt.Errorf("peak child %s: %w: %q", impl, err, out)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %.2f× | %s | %.2f× | %s |\n", impl, size(int(p.Body)),
			size(int(p.Heap)), float64(p.Heap)/float64(p.Body), size(int(p.MaxRSS)), float64(p.MaxRSS)/float64(p.Body),
			time.Duration(p.Nanos).Round(time.Millisecond))
	}
	return nil
}

type peakReport struct {
	Body   int64 `json:"body"`
	Heap   int64 `json:"heap"`
	MaxRSS int64 `json:"maxrss"`
	Nanos  int64 `json:"nanos"`
}

// bigList is a ListPortingOrders body of at least size bytes, made of the
// orders cycled: its length, and a writer of it.
func bigList(orders [][]byte, size int64) (int64, func(io.Writer) error) {
	const head, tail = `{"data":[`, `],"meta":{"page_number":1,"page_size":1,"total_pages":1,"total_results":1}}`
	n, total := 0, int64(len(head)+len(tail))
	for total < size {
		if n > 0 {
			total++
		}
		total += int64(len(orders[n%len(orders)]))
		n++
	}
	return total, func(w io.Writer) error {
		bw := make([]byte, 0, 64<<10)
		bw = append(bw, head...)
		for i := range n {
			if i > 0 {
				bw = append(bw, ',')
			}
			bw = append(bw, orders[i%len(orders)]...)
			if len(bw) >= 32<<10 {
				if _, err := w.Write(bw); err != nil {
					return err
				}
				bw = bw[:0]
			}
		}
		bw = append(bw, tail...)
		_, err := w.Write(bw)
		return err
	}
}

func peakInChild(impl, spec string, size int64) error {
	b, err := data.PortingOrders(spec)
	if err != nil {
		return err
	}
	orders, update := b.Orders, b.UpdateRequest
	b = nil
	length, write := bigList(orders, size)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.FormatInt(length, 10))
		_ = write(w)
	}))
	defer srv.Close()

	callers, err := newCallers(srv.URL, srv.Client(), update)
	if err != nil {
		return err
	}
	c, ok := callers[impl]
	if !ok {
		return fmt.Errorf("no peak measure for %q", impl)
	}
	call := c.list

	runtime.GC()
	debug.FreeOSMemory()
	base := heapInUse()
	var peak int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, heapInUse())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	start := time.Now()
	n, err := call(context.Background())
	elapsed := time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: no orders decoded", impl)
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return err
	}
	rep := peakReport{Body: length, Heap: peak - base, MaxRSS: ru.Maxrss * 1024, Nanos: elapsed.Nanoseconds()}
	out, _ := json.Marshal(rep)
	_, err = io.Copy(os.Stdout, bytes.NewReader(append(out, '\n')))
	return err
}

var heapSamples = []metrics.Sample{
	{Name: "/memory/classes/heap/objects:bytes"},
	{Name: "/memory/classes/heap/unused:bytes"},
}

// heapInUse is HeapInuse, read without stopping the world.
func heapInUse() int64 {
	s := make([]metrics.Sample, len(heapSamples))
	copy(s, heapSamples)
	metrics.Read(s)
	return int64(s[0].Value.Uint64() + s[1].Value.Uint64())
}
