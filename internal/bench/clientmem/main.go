// Command clientmem prints the peak memory of a generated client (the
// porting-orders package) reading hostile success bodies under the default
// WithMaxResponseSize: a 2 GiB body with and without Content-Length, and a
// gzip bomb of about 1 MiB that inflates to 1 GiB, undone by the transport
// and by the client (with its own Accept-Encoding).
//
//	go run ./internal/bench/clientmem
//
// The server runs in this process and each call in a fresh child process, so
// that the peak resident size (getrusage maxrss) is the client's alone.
// Nothing is asserted: the figures are reported.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/oagen-dev/oagen/generated/portingorders"
)

const bodySize = 2 << 30

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-child" {
		child(os.Args[2])
		return
	}
	bomb := gzipBomb(1 << 30)
	fmt.Printf("gzip bomb: %d KiB compressed, 1024 MiB inflated\n", len(bomb)>>10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("case") {
		case "length":
			w.Header().Set("Content-Length", strconv.Itoa(bodySize))
			fill(w)
		case "chunked":
			fill(w)
		default:
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
			_, _ = w.Write(bomb)
		}
	}))
	defer srv.Close()
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, c := range []string{"length", "chunked", "gzip-transport", "gzip-client"} {
		cmd := exec.Command(self, "-child", c)
		cmd.Env = append(os.Environ(), "BASE="+srv.URL)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			fmt.Fprintln(os.Stderr, c, err)
			os.Exit(1)
		}
		fmt.Print(string(out))
	}
}

// child makes one call and prints its peak resident size.
func child(name string) {
	base := os.Getenv("BASE")
	opts := []portingorders.Option{portingorders.WithBaseURL(base), portingorders.WithMaxRetries(0)}
	query := name
	if strings.HasPrefix(name, "gzip") {
		query = "gzip"
	}
	if name == "gzip-client" {
		opts = append(opts, portingorders.WithHeader("Accept-Encoding", "gzip"))
	}
	opts = append(opts, portingorders.WithMiddleware(func(req *http.Request, next portingorders.MiddlewareNext) (*http.Response, error) {
		req.URL.RawQuery = "case=" + query
		return next(req)
	}))
	c := portingorders.NewClient(opts...)
	start := time.Now()
	_, err := c.PortingOrders.Get(context.Background(), "po_1", portingorders.GetPortingOrderParams{})
	elapsed := time.Since(start)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var tooLarge *portingorders.ResponseTooLargeError
	fmt.Printf("%-15s peak RSS %4d MiB, %6v, too large: %v\n  %v\n", name, ru.Maxrss>>10, elapsed.Round(time.Millisecond), errors.As(err, &tooLarge), err)
}

// fill writes bodySize bytes of JSON from one reused buffer.
func fill(w http.ResponseWriter) {
	head, tail := `{"data":{"id":"`, `"}}`
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	if _, err := w.Write([]byte(head)); err != nil {
		return
	}
	for left := bodySize - len(head) - len(tail); left > 0; left -= len(chunk) {
		if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
			return
		}
	}
	_, _ = w.Write([]byte(tail))
}

// gzipBomb compresses n zero bytes.
func gzipBomb(n int) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range n >> 20 {
		_, _ = zw.Write(zeros)
	}
	_ = zw.Close()
	return buf.Bytes()
}
