package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

type row struct {
	name, impl string
	bytes      int
	res        testing.BenchmarkResult
	cpu        cpuResult
	err        error
}

func (r row) nsPerOp() float64 { return float64(r.res.T.Nanoseconds()) / float64(r.res.N) }

// cpuPerOp is the process's CPU time per operation over the same run.
func (r row) cpuPerOp() float64 {
	if r.cpu.n == 0 {
		return 0
	}
	return float64(r.cpu.d.Nanoseconds()) / float64(r.cpu.n)
}

func (r row) mbPerSec() float64 {
	return float64(r.bytes) / 1e6 / (r.nsPerOp() / 1e9)
}

// printTable writes one Markdown table: a row per case and implementation,
// with oagen's figure divided by that row's.
func printTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| case | implementation | time/op | CPU/op | MB/s | allocs/op | B/op | MB/s oagen÷this | CPU oagen÷this | allocs oagen÷this | B/op oagen÷this |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(w, "| %s | %s | failed: %s | | | | | | | | |\n", r.name, r.impl, oneLine(r.err))
			continue
		}
		ratios := " | | | "
		if o, ok := oagenRow(rows, r.name); ok {
			ratios = fmt.Sprintf("%s | %s | %s | %s", ratio(o.mbPerSec(), r.mbPerSec()), ratio(o.cpuPerOp(), r.cpuPerOp()),
				ratio(float64(o.res.AllocsPerOp()), float64(r.res.AllocsPerOp())),
				ratio(float64(o.res.AllocedBytesPerOp()), float64(r.res.AllocedBytesPerOp())))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.1f | %s | %s | %s |\n", r.name, r.impl, duration(r.nsPerOp()),
			duration(r.cpuPerOp()), r.mbPerSec(), count(r.res.AllocsPerOp()), size(int(r.res.AllocedBytesPerOp())), ratios)
	}
}

// printRatios writes, per case and peer, the ratios the targets are
// stated in.
func printRatios(w io.Writer, rows []row) {
	fmt.Fprintln(w, "\nratios, oagen against each peer (MB/s: above 1× is faster; time, CPU, allocs, B/op: below 1× is better):")
	for _, r := range rows {
		o, ok := oagenRow(rows, r.name)
		if !ok || r.impl == implOagen || r.err != nil {
			continue
		}
		fmt.Fprintf(w, "- %s: oagen/%s MB/s %s, time %s, CPU %s, allocs %s, B/op %s\n", r.name, r.impl,
			ratio(o.mbPerSec(), r.mbPerSec()), ratio(o.nsPerOp(), r.nsPerOp()), ratio(o.cpuPerOp(), r.cpuPerOp()),
			ratio(float64(o.res.AllocsPerOp()), float64(r.res.AllocsPerOp())),
			ratio(float64(o.res.AllocedBytesPerOp()), float64(r.res.AllocedBytesPerOp())))
	}
}

func oagenRow(rows []row, name string) (row, bool) {
	for _, r := range rows {
		if r.name == name && r.impl == implOagen && r.err == nil {
			return r, true
		}
	}
	return row{}, false
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	x := a / b
	switch {
	case x >= 10:
		return fmt.Sprintf("%.0f×", x)
	case x >= 0.1:
		return fmt.Sprintf("%.2f×", x)
	default:
		return fmt.Sprintf("%.3f×", x)
	}
}

func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

func count(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func size(n int) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	default:
		return fmt.Sprintf("%d B", n)
	}
}

func oneLine(err error) string {
	s := strings.ReplaceAll(err.Error(), "\n", " ")
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
