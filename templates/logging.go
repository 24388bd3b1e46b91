package templates

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// WithLogger logs every attempt of a call to l at debug level: the request
// line, headers and attempt before it is sent, then the status, headers and
// time taken, or the error. Credentials are never logged: Authorization,
// Proxy-Authorization, Cookie and Set-Cookie, the header and query
// parameter of every apiKey security scheme, headers whose names suggest a
// secret (containing "auth", "key", "token", "secret", "password",
// "signature" or "session"; Idempotency-Key excepted) show "[REDACTED]", and
// every credential of the call is replaced wherever else it appears. Bodies
// are not logged. nil turns logging off.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// sendLogged is send with the attempt logged when WithLogger is set.
func (c *config) sendLogged(ctx context.Context, req *http.Request, attempt int, secrets []string) (*http.Response, error) {
	l := c.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return c.send(req)
	}
	target := redactURL(req.URL, secrets)
	l.LogAttrs(ctx, slog.LevelDebug, "request",
		slog.String("method", req.Method),
		slog.String("url", target),
		slog.Int("attempt", attempt),
		slog.Any("headers", logHeaders(req.Header, secrets)))
	start := time.Now()
	res, err := c.send(req)
	took := time.Since(start)
	if err != nil {
		l.LogAttrs(ctx, slog.LevelDebug, "request failed",
			slog.String("method", req.Method),
			slog.String("url", target),
			slog.Int("attempt", attempt),
			slog.Duration("duration", took),
			slog.String("error", redactString(err.Error(), secrets)))
		return res, err
	}
	l.LogAttrs(ctx, slog.LevelDebug, "response",
		slog.String("method", req.Method),
		slog.String("url", target),
		slog.Int("attempt", attempt),
		slog.Int("status", res.StatusCode),
		slog.Duration("duration", took),
		slog.Any("headers", logHeaders(res.Header, secrets)))
	return res, err
}

// logHeaders is h as a log shows it, one attribute per header in name order,
// several values joined by ", ", with credentials redacted.
func logHeaders(h http.Header, secrets []string) slog.Value {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	attrs := make([]slog.Attr, 0, len(names))
	for _, name := range names {
		v := redacted
		if !secretHeader(name) {
			v = redactString(strings.Join(h[name], ", "), secrets)
		}
		attrs = append(attrs, slog.String(name, v))
	}
	return slog.GroupValue(attrs...)
}

// secretHeader reports whether a header is never logged: one that carries
// credentials by standard or for one of the spec's apiKey schemes, or whose
// name says it holds a secret.
func secretHeader(name string) bool {
	name = http.CanonicalHeaderKey(name)
	if isIdempotencyHeader(name) {
		return false
	}
	switch name {
	case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
		return true
	}
	for _, s := range authSchemes {
		if s.kind == authHeader && http.CanonicalHeaderKey(s.param) == name {
			return true
		}
	}
	lower := strings.ToLower(name)
	for _, word := range []string{"auth", "key", "token", "secret", "password", "signature", "session"} {
		if strings.Contains(lower, word) {
			return true
		}
	}
	return false
}

// redactURL writes u for a log: the value of every apiKey query parameter
// replaced, a password in the user info as xxxxx, and every credential of
// the call replaced wherever it is.
func redactURL(u *url.URL, secrets []string) string {
	cp := *u
	if cp.RawQuery != "" {
		pairs := strings.Split(cp.RawQuery, "&")
		for i, p := range pairs {
			name, _, _ := strings.Cut(p, "=")
			for _, s := range authSchemes {
				if s.kind == authQuery && name == queryEscape(s.param) {
					pairs[i] = name + "=" + redacted
				}
			}
		}
		cp.RawQuery = strings.Join(pairs, "&")
	}
	return redactString(cp.Redacted(), secrets)
}
