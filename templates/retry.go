package templates

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// shouldRetry reports whether a response status is worth another attempt:
// 408, 409 (a conflicting request still in progress), 429 and 5xx. The
// server's X-Should-Retry header, when "true" or "false", decides instead.
// The server answered, so this holds for every method.
func shouldRetry(res *http.Response) bool {
	switch res.Header.Get("X-Should-Retry") {
	case "true":
		return true
	case "false":
		return false
	}
	switch c := res.StatusCode; {
	case c == http.StatusRequestTimeout, c == http.StatusConflict, c == http.StatusTooManyRequests:
		return true
	default:
		return c >= 500
	}
}

// notSent reports whether err shows that the request never left: the name
// did not resolve or the connection could not be made. Only then may a POST
// or PATCH be resent without WithRetryNonIdempotent. Anything else, a reset
// or a timeout after connecting, may come after the server got the request.
func notSent(err error) bool {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial"
}

// retryDelay is how long to wait before retrying a response with headers h:
// the exponential backoff, or longer when the server asks for longer with
// Retry-After-Ms or Retry-After (seconds or an HTTP date), capped by
// maxRetryAfter. The backoff is a floor: Retry-After says how long to wait at
// least, so waiting longer obeys it, and a server that answers every attempt
// with "Retry-After: 0" (or a date in the past) cannot make a client with many
// retries send them back to back.
func (c *config) retryDelay(h http.Header, attempt int) time.Duration {
	d := c.backoff(attempt)
	if s, ok := c.serverDelay(h); ok {
		d = max(d, s)
	}
	return d
}

// serverDelay is the wait the server asks for in h, capped by maxRetryAfter;
// ok is false when h names none that parses.
func (c *config) serverDelay(h http.Header) (d time.Duration, ok bool) {
	if v := h.Get("Retry-After-Ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil {
			return clampDuration(ms*float64(time.Millisecond), c.maxRetryAfter), true
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil {
			return clampDuration(s*float64(time.Second), c.maxRetryAfter), true
		}
		if t, err := http.ParseTime(v); err == nil {
			return clampDuration(float64(time.Until(t)), c.maxRetryAfter), true
		}
	}
	return 0, false
}

// clampDuration converts nanoseconds to a Duration within [0, limit]. It works
// in float64 so that a huge header value cannot overflow, and NaN becomes 0.
func clampDuration(ns float64, limit time.Duration) time.Duration {
	switch {
	case !(ns > 0):
		return 0
	case ns >= float64(limit):
		return limit
	}
	return time.Duration(ns)
}

// backoff is base·2^attempt, capped at max, less up to a quarter of random
// jitter so that clients failing together do not retry together.
func (c *config) backoff(attempt int) time.Duration {
	d := c.backoffBase
	for i := 0; i < attempt && d < c.backoffMax; i++ {
		d *= 2
	}
	d = min(d, c.backoffMax)
	if j := d / 4; j > 0 {
		d -= rand.N(j)
	}
	return d
}

// sleep waits for d, or returns early with ctx's error.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
