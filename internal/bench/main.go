// Command bench prints oagen's performance figures on the current machine:
// gen's wall time and peak memory on each spec as a ratio to libopenapi's own
// NewDocument + BuildV3Model on the same file, measured in the same run, and
// how gen's time grows with the width of one construct (an enum, a mapping,
// an object's properties: n and 4n members; linear is 4x, quadratic 16x),
// and the time `go build` takes on the generated full-spec package.
//
//	go run ./internal/bench [-runs 5] [-scaling=true] [-build=true]
//
// Every measurement is a fresh process, so that peak memory is the process's
// own (getrusage maxrss) and no cache carries over; parse and gen runs
// alternate, so that a busy period of a shared machine hits both. The
// figures are medians. Nothing here asserts a target: the numbers are
// reported, and compared by people.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/oagen-dev/oagen/internal/model/load"
)

func main() {
	runs := flag.Int("runs", 5, "measurements per figure; the median is shown")
	build := flag.Bool("build", true, "also time go build of the generated full-spec package")
	scaling := flag.Bool("scaling", true, "also time gen on wide specs of n and 4n members")
	child := flag.String("parse-only", "", "internal: run libopenapi alone on this spec and exit")
	flag.Parse()
	if *child != "" {
		data, err := os.ReadFile(*child)
		if err == nil {
			err = load.ParseOnly(data)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		return
	}
	if err := run(*runs, *build, *scaling); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// measurement is one process's wall time and peak resident memory.
type measurement struct {
	wall time.Duration
	cpu  time.Duration // user + system: less sensitive than wall to a busy machine
	rss  int64         // KiB
}

func measure(name string, args ...string) (measurement, error) {
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr // gen's warnings are not the point here
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measurement{}, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return usage(cmd, start), nil
}

func usage(cmd *exec.Cmd, start time.Time) measurement {
	m := measurement{wall: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rss = ru.Maxrss
	}
	return m
}

func median(ms []measurement) measurement {
	walls := make([]time.Duration, len(ms))
	cpus := make([]time.Duration, len(ms))
	rss := make([]int64, len(ms))
	for i, m := range ms {
		walls[i], cpus[i], rss[i] = m.wall, m.cpu, m.rss
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return measurement{walls[len(walls)/2], cpus[len(cpus)/2], rss[len(rss)/2]}
}

func run(runs int, build, scaling bool) error {
	tmp, err := os.MkdirTemp("", "oagen-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	gen := filepath.Join(tmp, "gen")
	if out, err := exec.Command("go", "build", "-o", gen, "./cmd/gen").CombinedOutput(); err != nil {
		return fmt.Errorf("build gen: %v\n%s", err, out)
	}
	fmt.Printf("oagen bench: %d runs each, medians; go %s\n\n", runs, goVersion())
	fmt.Printf("%-26s %10s %10s %9s %10s %10s %9s %7s %7s %7s\n", "spec", "parse wall", "parse cpu", "parse mem",
		"gen wall", "gen cpu", "gen mem", "wall ×", "cpu ×", "mem ×")
	for _, spec := range []string{"specs/telnyx-full.yml", "specs/porting-orders.yml"} {
		var parse, gens []measurement
		for i := 0; i < runs; i++ {
			p, err := measure(self, "-parse-only", spec)
			if err != nil {
				return err
			}
			g, err := measure(gen, "-spec", spec, "-out", filepath.Join(tmp, "out"), "-package", "bench")
			if err != nil {
				return err
			}
			parse, gens = append(parse, p), append(gens, g)
		}
		p, g := median(parse), median(gens)
		fmt.Printf("%-26s %10s %10s %5d MiB %10s %10s %5d MiB %7.2f %7.2f %7.2f\n", spec,
			p.wall.Round(time.Millisecond), p.cpu.Round(time.Millisecond), p.rss/1024,
			g.wall.Round(time.Millisecond), g.cpu.Round(time.Millisecond), g.rss/1024,
			float64(g.wall)/float64(p.wall), float64(g.cpu)/float64(p.cpu), float64(g.rss)/float64(p.rss))
	}
	fmt.Println("\n(parse = libopenapi NewDocument + BuildV3Model alone; gen = the whole gen run, files written)")
	if scaling {
		if err := scale(tmp, gen, max(1, runs/2)); err != nil {
			return err
		}
	}
	if !build {
		return nil
	}
	// go build of generated/telnyx: the standard library comes from the build
	// cache, the package itself is compiled afresh (a nonce changes its hash).
	mod := filepath.Join(tmp, "build")
	if err := copyPackage("generated/telnyx", mod); err != nil {
		return err
	}
	var builds []measurement
	for i := 0; i < max(1, runs/2); i++ {
		nonce := fmt.Sprintf("package telnyx\n\nconst benchNonce = %d\n", time.Now().UnixNano())
		if err := os.WriteFile(filepath.Join(mod, "zz_nonce.go"), []byte(nonce), 0o644); err != nil {
			return err
		}
		m, err := measureIn(mod, "go", "build", "./...")
		if err != nil {
			return err
		}
		builds = append(builds, m)
	}
	b := median(builds)
	fmt.Printf("\ngo build of generated/telnyx (std cached): %s wall, %s cpu, peak %d MiB\n",
		b.wall.Round(100*time.Millisecond), b.cpu.Round(100*time.Millisecond), b.rss/1024)
	return nil
}

// scale prints gen's time and memory on specs with one construct n and 4n
// members wide, and the ratio: about 4 for a linear pass, 16 for a
// quadratic one (a 50,000-value enum took 66 s when its duplicate check
// compared every value with every other).
func scale(tmp, gen string, runs int) error {
	fmt.Printf("\n%-34s %8s %10s %9s %10s %9s %7s\n", "gen on one wide construct", "n", "wall n", "mem n", "wall 4n", "mem 4n", "wall ×")
	for _, c := range []struct {
		name string
		n    int
		line string // one member, given its index
		head string
	}{
		{"enum of n string values", 25_000, "        - value-%d\n", "      type: string\n      enum:\n"},
		{"mapping of n keys (an extension)", 20_000, "        k%d: 1\n", "      type: object\n      x-wide:\n"},
		{"object of n properties", 20_000, "        p%d: {type: integer}\n", "      type: object\n      properties:\n"},
	} {
		var at [2]measurement
		for i, n := range []int{c.n, 4 * c.n} {
			var b strings.Builder
			b.WriteString("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    E:\n" + c.head)
			for j := range n {
				fmt.Fprintf(&b, c.line, j)
			}
			spec := filepath.Join(tmp, "wide.yml")
			if err := os.WriteFile(spec, []byte(b.String()), 0o644); err != nil {
				return err
			}
			var ms []measurement
			for range runs {
				m, err := measure(gen, "-spec", spec, "-out", filepath.Join(tmp, "wide"), "-package", "wide")
				if err != nil {
					return err
				}
				ms = append(ms, m)
			}
			at[i] = median(ms)
		}
		fmt.Printf("%-34s %8d %10s %5d MiB %10s %5d MiB %7.2f\n", c.name, c.n,
			at[0].wall.Round(time.Millisecond), at[0].rss/1024, at[1].wall.Round(time.Millisecond), at[1].rss/1024,
			float64(at[1].wall)/float64(at[0].wall))
	}
	fmt.Println("(linear: about 4 ×; quadratic: about 16 ×)")
	return nil
}

func measureIn(dir, name string, args ...string) (measurement, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measurement{}, err
	}
	return usage(cmd, start), nil
}

// copyPackage copies the non-test Go files of dir into a new module at dst.
func copyPackage(dir, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "go.mod"), []byte("module example.com/telnyx\n\ngo 1.24\n"), 0o644); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
