// Command codecbench measures the JSON codec of oagen's generated code side
// by side with ogen's and oapi-codegen's generated code for the same spec and
// with plain structs through encoding/json, and prints one table. See
// README.md. Run it from this directory: go run .
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/oagen-dev/oagen/tools/codecbench/internal/data"
)

func main() {
	testing.Init()
	benchtime := flag.String("benchtime", "1s", "time (or Nx iterations) per row, as go test -benchtime")
	only := flag.String("cases", "", "run only the cases whose name matches this regexp")
	specs := flag.String("specs", "../../specs", "the directory of porting-orders.yml and telnyx-full.yml")
	peakMB := flag.Int("peak-mb", 100, "size in MB of the success body of the peak-memory measure; 0 skips it")
	peakChild := flag.String("peak-child", "", "internal: measure the peak memory of one implementation in this process")
	flag.Parse()
	if err := run(*benchtime, *only, *specs, *peakMB, *peakChild); err != nil {
		fmt.Fprintln(os.Stderr, "codecbench:", err)
		os.Exit(1)
	}
}

func run(benchtime, only, specs string, peakMB int, peakChild string) error {
	if peakChild != "" {
		return peakInChild(peakChild, filepath.Join(specs, "porting-orders.yml"), int64(peakMB)<<20)
	}
	if err := flag.Set("test.benchtime", benchtime); err != nil {
		return err
	}
	filter, err := regexp.Compile(only)
	if err != nil {
		return err
	}
	start := time.Now()
	b, err := data.PortingOrders(filepath.Join(specs, "porting-orders.yml"))
	if err != nil {
		return err
	}
	if err := b.AddTelnyx(filepath.Join(specs, "telnyx-full.yml")); err != nil {
		return err
	}
	srv := server(b)
	defer srv.Close()
	cases, err := allCases(b, srv)
	if err != nil {
		return err
	}

	fmt.Printf("codecbench: %s, %s/%s, %d CPUs, GOMAXPROCS %d; -benchtime %s; load average %s\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), benchtime, loadAverage())
	fmt.Printf("bodies: list %s (%d orders), one order %s, Update request %s / response %s, Telnyx ListCallControlApplications %s (%d apps)\n\n",
		size(len(b.List)), data.ListOrders, size(len(b.Order)), size(len(b.UpdateRequest)), size(len(b.UpdateResponse)), size(len(b.Telnyx)), data.TelnyxItems)

	var rows []row
	for i, c := range cases {
		if !filter.MatchString(c.name) {
			continue
		}
		r := row{name: c.name, impl: c.impl, bytes: c.bytes}
		if err := c.check(); err != nil {
			r.err = err
		} else {
			fmt.Fprintf(os.Stderr, "\r\033[K%d/%d %s: %s", i+1, len(cases), c.name, c.impl)
			runtime.GC()
			r.res = testing.Benchmark(cpuTimed(c.run, &r.cpu))
			if r.res.N == 0 {
				r.err = fmt.Errorf("the benchmark failed")
			}
		}
		rows = append(rows, r)
	}
	fmt.Fprint(os.Stderr, "\r\033[K")
	printTable(os.Stdout, rows)
	printRatios(os.Stdout, rows)

	if peakMB > 0 {
		fmt.Printf("\npeak memory of one List call whose success body is %d MB (a child process per row; server in the same process, streaming):\n\n", peakMB)
		if err := printPeaks(os.Stdout, specs, peakMB); err != nil {
			return err
		}
	}
	fmt.Printf("\ntotal %s\n", time.Since(start).Round(time.Second))
	return nil
}

// loadAverage is the machine's 1-minute load average, for the reader of
// the table: above the number of CPUs, the wall times count waits.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}

func readAll(r *http.Request) ([]byte, error) { return io.ReadAll(r.Body) }
