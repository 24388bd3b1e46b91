//go:build unix

package portingorders

// Hand-written harness that runs Stoplight Prism (pinned in tools/prism,
// installed with `npm ci --prefix tools/prism`) as a mock server of a spec
// for end-to-end tests of the generated client. Prism listens on 127.0.0.1
// only; every request a test sends goes there.
//
// Prism 5.16.0 is run as
//
//	prism mock --host 127.0.0.1 --port N --dynamic=false --errors=false SPEC
//
// In mock mode Prism always validates requests (there is no flag to turn
// it off): an invalid request gets the spec's 422/400/default response if
// the operation declares one (empty body when that response has no
// content, as in porting-orders.yml; the violations are then only in the
// `sl-violations` response header), else a generated 422
// application/problem+json whose "validation" field lists them.
// deepObject query parameters are validated where the leaves are scalars
// (page[size]=abc, sort[value]=bogus, filter[misc][type]=bogus give 422),
// but not where a leaf is an array (filter[porting_order][status][]=bogus
// passes), and unknown keys pass: a 200 from Prism does not prove an
// array-valued deepObject filter was encoded right. Security is
// checked too: an operation with `bearer` security and no
// `Authorization: Bearer ...` header gets 401. --dynamic=false returns the
// spec's examples (deterministic, also Prism's default). --errors=false
// (the default, made explicit) does not switch request validation off;
// per Prism's help, --errors=true would make violations "marked as
// errors" produce error responses, e.g. a spec example that breaks its
// own schema, which would test the spec rather than the client.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	prismStartTimeout = 60 * time.Second
	prismStopTimeout  = 10 * time.Second
)

// prismInstall serialises the one `npm ci` a test binary may run.
var prismInstall struct {
	sync.Mutex
	done bool
	err  error
}

// startPrism starts a Prism mock server of spec (a path, relative to the
// test's working directory or absolute) on a free port of 127.0.0.1 and
// returns its base URL, without a trailing slash. The server is stopped
// when the test ends; its output is logged if the test failed.
func startPrism(t *testing.T, spec string) (baseURL string) {
	t.Helper()

	specPath, err := filepath.Abs(spec)
	if err != nil {
		t.Fatalf("prism: spec path %q: %v", spec, err)
	}
	if _, err := os.Stat(specPath); err != nil {
		t.Fatalf("prism: spec: %v", err)
	}
	bin := prismBinary(t)

	// The free port is found by binding :0 and closing it, so another
	// process could take it before Prism binds it; retry on EADDRINUSE.
	var lastOut string
	for attempt := 0; attempt < 3; attempt++ {
		url, out, retry := runPrism(t, bin, specPath)
		if url != "" {
			return url
		}
		lastOut = out
		if !retry {
			break
		}
	}
	t.Fatalf("prism: never started; its output:\n%s", lastOut)
	return ""
}

// runPrism starts Prism once. It returns the base URL once Prism answers;
// otherwise Prism's output and whether the failure was a port clash.
func runPrism(t *testing.T, bin, specPath string) (baseURL, output string, retry bool) {
	t.Helper()

	port, err := freeLoopbackPort()
	if err != nil {
		t.Fatalf("prism: finding a free port: %v", err)
	}
	portStr := strconv.Itoa(port)
	baseURL = "http://127.0.0.1:" + portStr

	out := &lockedBuffer{}
	cmd := exec.Command(bin, "mock",
		"--host", "127.0.0.1",
		"--port", portStr,
		"--dynamic=false",
		"--errors=false",
		specPath,
	)
	cmd.Dir = filepath.Dir(specPath)
	cmd.Stdout = out
	cmd.Stderr = out
	// Own process group, so that stopping it also stops anything Prism forks.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "FORCE_COLOR=0")

	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("prism: starting %s: %v", bin, err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()

	stop := func() {
		pgid := cmd.Process.Pid // == pgid, thanks to Setpgid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(prismStopTimeout):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-exited
		}
		// Prism's workers, if any, are in the group too and may outlive
		// the main process by a moment: make sure the group is gone.
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	}

	client := &http.Client{
		Timeout:   2 * time.Second,
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}
	deadline := time.Now().Add(prismStartTimeout)
	for {
		select {
		case <-exited:
			stop()
			o := out.String()
			return "", fmt.Sprintf("prism exited early (%v):\n%s", waitErr, o), strings.Contains(o, "EADDRINUSE")
		default:
		}
		// Any HTTP answer (Prism gives 404 for /) means it is listening.
		if res, err := client.Get(baseURL + "/"); err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			stop()
			return "", fmt.Sprintf("prism did not answer on %s within %s:\n%s", baseURL, prismStartTimeout, out.String()), false
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("prism: listening on %s after %s", baseURL, time.Since(start).Round(time.Millisecond))

	// Cleanups run last-registered first: stop Prism, then log its output.
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("prism output:\n%s", out.String())
		}
	})
	t.Cleanup(stop)
	return baseURL, "", false
}

// prismBinary returns tools/prism/node_modules/.bin/prism of the repo,
// running `npm ci --prefix tools/prism` first if it is missing.
func prismBinary(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := filepath.Join(root, "tools", "prism")
	bin := filepath.Join(dir, "node_modules", ".bin", "prism")

	prismInstall.Lock()
	defer prismInstall.Unlock()
	if !prismInstall.done {
		prismInstall.err = installPrism(t, dir, bin)
		prismInstall.done = true
	}
	if prismInstall.err != nil {
		t.Fatalf("prism: %v", prismInstall.err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		skipOrFail(t, "node is not on PATH; Prism needs Node.js")
	}
	return bin
}

// installPrism runs `npm ci` in dir unless bin is there already.
func installPrism(t *testing.T, dir, bin string) error {
	if isExecutable(bin) {
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		skipOrFail(t, fmt.Sprintf("%s is missing and npm is not on PATH: run `npm ci --prefix tools/prism` with Node.js and npm installed", bin))
	}
	// Another test binary (another package) may install at the same time:
	// hold an exclusive lock on the lockfile meanwhile.
	lock, err := os.Open(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return fmt.Errorf("opening lockfile: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("locking lockfile: %w", err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	if isExecutable(bin) {
		return nil
	}

	t.Logf("prism: %s missing, running npm ci --ignore-scripts --prefix %s", bin, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// --ignore-scripts: no dependency of Prism needs an install script; the
	// one that has one (@scarf/scarf) only reports the install to its vendor.
	cmd := exec.CommandContext(ctx, npm, "ci", "--ignore-scripts", "--prefix", dir)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci --prefix %s: %v\n%s", dir, err, out.String())
	}
	if !isExecutable(bin) {
		return fmt.Errorf("npm ci --prefix %s succeeded but %s is still missing:\n%s", dir, bin, out.String())
	}
	return nil
}

// skipOrFail skips the test, except in CI (CI non-empty), where a missing
// tool must fail the run rather than silently skip the end-to-end tests.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("prism: %s (CI=%q: not skipping)", msg, os.Getenv("CI"))
	}
	t.Skipf("prism: %s (skipped; with CI set this fails)", msg)
}

// repoRoot walks up from the working directory to the one holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the test's working directory")
		}
		dir = parent
	}
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path) // follows the .bin symlink
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

func freeLoopbackPort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// lockedBuffer is an io.Writer safe to read while the process writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestPrismAnswers is a smoke test of the harness and of Prism's behaviour
// that the end-to-end tests rely on: example responses, request
// validation, security checks.
func TestPrismAnswers(t *testing.T) {
	base := startPrism(t, "../../specs/porting-orders.yml")
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{Proxy: nil},
	}
	do := func(method, path, body string, auth bool) (*http.Response, []byte) {
		t.Helper()
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, base+path, r)
		if err != nil {
			t.Fatal(err)
		}
		if auth {
			req.Header.Set("Authorization", "Bearer test")
		}
		req.Header.Set("Accept", "application/json")
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatalf("%s %s: reading body: %v", method, path, err)
		}
		return res, b
	}

	t.Run("example response", func(t *testing.T) {
		res, body := do(http.MethodGet, "/porting_orders/exception_types", "", true)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d, want 200; sl-violations: %s; body: %s", res.StatusCode, res.Header.Get("sl-violations"), body)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		var got struct {
			Data []struct {
				Code        string `json:"code"`
				Description string `json:"description"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("body is not the expected JSON: %v\n%s", err, body)
		}
		if len(got.Data) == 0 || got.Data[0].Code == "" {
			t.Errorf("body has no exception types: %s", body)
		}
	})

	t.Run("invalid body rejected", func(t *testing.T) {
		res, body := do(http.MethodPost, "/porting_orders", `{"phone_numbers": 5}`, true)
		if res.StatusCode < 400 || res.StatusCode > 499 {
			t.Fatalf("status %d, want 4xx (request validation on); body: %s", res.StatusCode, body)
		}
		// The spec declares a 422 without content, so Prism sends that
		// with an empty body: the violation is only in this header.
		v := res.Header.Get("sl-violations")
		if !strings.Contains(v, "phone_numbers") {
			t.Errorf("status %d, sl-violations %q: want a violation about phone_numbers", res.StatusCode, v)
		}
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("status %d, want 422", res.StatusCode)
		}
	})

	t.Run("invalid deepObject query rejected", func(t *testing.T) {
		res, body := do(http.MethodGet, "/porting_orders?page%5Bsize%5D=abc", "", true)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422; body: %s", res.StatusCode, body)
		}
		if v := res.Header.Get("sl-violations"); !strings.Contains(v, "page.size") {
			t.Errorf("sl-violations %q: want one about page.size", v)
		}
	})

	t.Run("missing auth rejected", func(t *testing.T) {
		res, body := do(http.MethodGet, "/porting_orders/exception_types", "", false)
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401 without Authorization; body: %s", res.StatusCode, body)
		}
	})
}
