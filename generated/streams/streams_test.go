package streams

// Behaviour of server-sent event streams (issue 14, item 4) against an
// httptest server.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func serveStream(t *testing.T, stream string, got *http.Request) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got != nil {
			*got = *r.Clone(context.Background())
		}
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, stream)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithAPIKey(""))
}

func TestTypedEvents(t *testing.T) {
	var req http.Request
	c := serveStream(t, "\xef\xbb\xbf: hello\r\nretry: 3000\r\nid: 1\r\nevent: change\r\ndata: {\"kind\":\"created\",\r\ndata: \"path\":\"/a\"}\r\n\r\n"+
		"id: 2\ndata: {\"kind\":\"deleted\",\"path\":\"/b\"}\n\n"+
		"data: {\"kind\":\"created\"}\n\n", &req)
	stream, err := c.Default.WatchEvents(context.Background(), WatchEventsParams{Topic: Some("files")})
	require.NoError(t, err)
	defer stream.Close()
	var got []StreamEvent[Change]
	for ev, err := range stream.Events() {
		require.NoError(t, err)
		got = append(got, ev)
	}
	assert.Equal(t, "text/event-stream", req.Header.Get("Accept"))
	assert.Equal(t, "/events?topic=files", req.RequestURI)
	require.Len(t, got, 3)
	assert.Equal(t, StreamEvent[Change]{Event: "change", ID: "1", Retry: 3 * time.Second, Data: Change{Kind: ChangeKindCreated, Path: Some("/a")}}, got[0])
	assert.Equal(t, "message", got[1].Event)
	assert.Equal(t, "2", got[1].ID)
	assert.Equal(t, ChangeKindDeleted, got[1].Data.Kind)
	assert.Equal(t, "2", got[2].ID, "the last event ID carries over")
	assert.Equal(t, 3*time.Second, got[2].Retry)
	assert.False(t, got[2].Data.Path.Set)
}

func TestStreamTwinOfAJSONAnswer(t *testing.T) {
	var req http.Request
	c := serveStream(t, "data: {\"id\":\"c1\",\"text\":\"Hel\"}\n\ndata: {\"id\":\"c1\",\"text\":\"lo\"}\n\ndata: [DONE]\n\n", &req)
	stream, err := c.Default.CreateCompletionStream(context.Background(), CompletionRequest{Prompt: "hi", Stream: Some(true)})
	require.NoError(t, err)
	defer stream.Close()
	var text strings.Builder
	for ev, err := range stream.Events() {
		require.NoError(t, err)
		text.WriteString(ev.Data.Text.Value)
	}
	assert.Equal(t, "Hello", text.String(), "[DONE] ends the stream")
	assert.Equal(t, "text/event-stream", req.Header.Get("Accept"))
}

func TestUntypedStreamIsText(t *testing.T) {
	c := serveStream(t, "data: line one\ndata: line two\n\n", nil)
	stream, err := c.Default.TailLogs(context.Background())
	require.NoError(t, err)
	defer stream.Close()
	for ev, err := range stream.Events() {
		require.NoError(t, err)
		assert.Equal(t, "line one\nline two", ev.Data)
	}
}

func TestBadEventIsAnError(t *testing.T) {
	c := serveStream(t, "data: {\"kind\":\"created\"}\n\nid: 7\nevent: change\ndata: {\"kind\":\n\n", nil)
	stream, err := c.Default.WatchEvents(context.Background(), WatchEventsParams{})
	require.NoError(t, err)
	defer stream.Close()
	var n int
	var last error
	for _, err := range stream.Events() {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	assert.Equal(t, 1, n)
	var de *StreamDecodeError
	require.ErrorAs(t, last, &de)
	assert.Equal(t, "7", de.ID)
	assert.Equal(t, "change", de.Event)
}

func TestErrorStatusIsAnAPIError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"errors":[{"detail":"no key"}]}`)
	}))
	defer srv.Close()
	_, err := NewClient(WithBaseURL(srv.URL), WithAPIKey("")).Default.TailLogs(context.Background())
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
}

// A live stream: the server sends one event, then waits. Cancelling the
// call's context ends the loop with the context's error and the server sees
// the connection go.
func TestCancelClosesTheStream(t *testing.T) {
	gone := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		data, _ := json.Marshal(map[string]string{"kind": "created"})
		_, _ = io.WriteString(w, "data: "+string(data)+"\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		close(gone)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, err := NewClient(WithBaseURL(srv.URL), WithAPIKey("")).Default.WatchEvents(ctx, WatchEventsParams{})
	require.NoError(t, err)
	defer stream.Close()
	var events int
	var last error
	for _, err := range stream.Events() {
		if err != nil {
			last = err
			break
		}
		events++
		cancel() // after the first event
	}
	assert.Equal(t, 1, events)
	assert.True(t, errors.Is(last, context.Canceled), "got %v", last)
	<-gone
}

// Close, without reading, ends the connection too.
func TestCloseEndsTheConnection(t *testing.T) {
	gone := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		close(gone)
	}))
	defer srv.Close()
	stream, err := NewClient(WithBaseURL(srv.URL), WithAPIKey("")).Default.TailLogs(context.Background())
	require.NoError(t, err)
	require.NoError(t, stream.Close())
	<-gone
	for _, err := range stream.Events() {
		assert.Error(t, err, "a closed stream has no events")
	}
}
