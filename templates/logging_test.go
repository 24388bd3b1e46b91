package templates

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logLines decodes the JSON lines a slog.JSONHandler wrote.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		delete(m, "time")
		out = append(out, m)
	}
	return out
}

func TestLoggerLogsEveryAttemptWithCredentialsRedacted(t *testing.T) {
	srv, _ := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		w.Header().Set("Set-Cookie", "session=s3cr3tsession")
		w.Header().Set("X-Echo", "you sent "+testKey)
		if n == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey), WithLogger(logger),
		WithHeader("X-Session-Token", "my-own-token"), WithHeader("X-Trace", "t1"))
	r := newRequest(http.MethodPost, "/items")
	r.requireAuth([]string{"bearer", "queryKey", "headerKey"})
	r.queryParam("q", "x", "form", true)
	require.NoError(t, c.do(context.Background(), r, nil, []Option{WithIdempotencyKey("idem-1")}))

	lines := logLines(t, &buf)
	require.Len(t, lines, 4, buf.String())
	url := srv.URL + "/items?q=x&api_key=[REDACTED]"
	req := lines[0]
	assert.Equal(t, "DEBUG", req["level"])
	assert.Equal(t, "request", req["msg"])
	assert.Equal(t, "POST", req["method"])
	assert.Equal(t, url, req["url"])
	assert.EqualValues(t, 0, req["attempt"])
	headers := req["headers"].(map[string]any)
	assert.Equal(t, "[REDACTED]", headers["Authorization"])
	assert.Equal(t, "[REDACTED]", headers["X-Api-Key"])
	assert.Equal(t, "[REDACTED]", headers["X-Session-Token"], "a name that says it holds a secret")
	assert.Equal(t, "t1", headers["X-Trace"])
	assert.Equal(t, "idem-1", headers["Idempotency-Key"], "shown, to match attempts with the server's logs")

	res := lines[1]
	assert.Equal(t, "response", res["msg"])
	assert.EqualValues(t, 503, res["status"])
	assert.EqualValues(t, 0, res["attempt"])
	assert.Contains(t, res, "duration")
	resHeaders := res["headers"].(map[string]any)
	assert.Equal(t, "[REDACTED]", resHeaders["Set-Cookie"])
	assert.Equal(t, "you sent [REDACTED]", resHeaders["X-Echo"], "a credential anywhere else is replaced")

	assert.Equal(t, "request", lines[2]["msg"])
	assert.EqualValues(t, 1, lines[2]["attempt"])
	assert.EqualValues(t, 204, lines[3]["status"])
	assert.NotContains(t, buf.String(), testKey)
	assert.NotContains(t, buf.String(), "s3cr3tsession")
	assert.NotContains(t, buf.String(), "my-own-token")
}

func TestLoggerLogsConnectionErrors(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestCore(t, WithBaseURL("http://127.0.0.1:1"), WithMaxRetries(0), WithLogger(logger))
	require.Error(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil))
	assert.Contains(t, buf.String(), `msg="request failed" method=GET url=http://127.0.0.1:1/x attempt=0 duration=`)
	assert.Contains(t, buf.String(), "error=")
}

func TestLoggerAboveDebugLogsNothing(t *testing.T) {
	srv, _ := newServer(t, status(http.StatusNoContent))
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c := newTestCore(t, WithBaseURL(srv.URL), WithLogger(logger))
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil))
	assert.Empty(t, buf.String())
}

func TestRedactURLHidesAPassword(t *testing.T) {
	r := newRequest(http.MethodGet, "/x")
	req, err := r.build(&config{baseURL: "https://user:pw@example.com"})
	require.NoError(t, err)
	assert.Equal(t, "https://user:xxxxx@example.com/x", redactURL(req.URL, nil))
}
