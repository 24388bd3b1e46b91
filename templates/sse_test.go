package templates

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type ev = StreamEvent[string]

// collect reads every event of a stream of body, and the error it ended with.
func collectEvents[T any](t *testing.T, body io.Reader, limit int) ([]StreamEvent[T], error) {
	t.Helper()
	s := newEventStream[T](io.NopCloser(body))
	s.limit = limit
	var out []StreamEvent[T]
	n := 0
	for e, err := range s.Events() {
		if err != nil {
			return out, err
		}
		out = append(out, e)
		n++
		require.Less(t, n, 1000, "runaway stream")
	}
	return out, nil
}

func TestSSEParsing(t *testing.T) {
	cases := []struct {
		name   string
		stream string
		want   []ev
	}{
		{"one event", "data: hello\n\n", []ev{{Event: "message", Data: "hello"}}},
		{"multi-line data", "data: a\ndata:b\ndata:  c\n\n", []ev{{Event: "message", Data: "a\nb\n c"}}},
		{"CRLF", "event: add\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n", []ev{{Event: "add", Data: "1"}, {Event: "message", Data: "2"}}},
		{"CR", "data: 1\r\rdata: 2\r\r", []ev{{Event: "message", Data: "1"}, {Event: "message", Data: "2"}}},
		{"BOM", "\xef\xbb\xbfdata: x\n\n", []ev{{Event: "message", Data: "x"}}},
		{"a second BOM is a field name", "\xef\xbb\xbfdata: x\n\n\xef\xbb\xbfdata: y\n\ndata: z\n\n", []ev{{Event: "message", Data: "x"}, {Event: "message", Data: "z"}}},
		{"comments", ": keep-alive\n:\ndata: x\n: in between\n\n", []ev{{Event: "message", Data: "x"}}},
		{"field without colon", "data\ndata\n\n", []ev{{Event: "message", Data: "\n"}}},
		{"empty data line", "data:\n\n", []ev{{Event: "message", Data: ""}}},
		{"no data: not dispatched", "event: ping\n\ndata: x\n\n", []ev{{Event: "message", Data: "x"}}},
		{"ids persist", "id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n", []ev{{Event: "message", ID: "1", Data: "a"}, {Event: "message", ID: "1", Data: "b"}, {Event: "message", Data: "c"}}},
		{"id with NUL ignored", "id: 7\ndata: a\n\nid: 8\x009\ndata: b\n\n", []ev{{Event: "message", ID: "7", Data: "a"}, {Event: "message", ID: "7", Data: "b"}}},
		{"retry", "retry: 1500\ndata: a\n\nretry: soon\nretry: 1.5\nretry:\ndata: b\n\n", []ev{{Event: "message", Retry: 1500 * time.Millisecond, Data: "a"}, {Event: "message", Retry: 1500 * time.Millisecond, Data: "b"}}},
		{"unknown fields ignored", "foo: bar\ndata: x\n\n", []ev{{Event: "message", Data: "x"}}},
		{"unfinished event dropped", "data: a\n\ndata: b\n", []ev{{Event: "message", Data: "a"}}},
		{"unfinished line dropped", "data: a\n\ndata: b", []ev{{Event: "message", Data: "a"}}},
		{"one space removed", "data:  two\n\n", []ev{{Event: "message", Data: " two"}}},
		{"colon in value", "data: a: b\n\n", []ev{{Event: "message", Data: "a: b"}}},
		{"empty", "", nil},
	}
	for _, tc := range cases {
		for _, split := range []string{"whole", "byte by byte"} {
			var r io.Reader = strings.NewReader(tc.stream)
			if split != "whole" {
				r = iotest.OneByteReader(r)
			}
			got, err := collectEvents[string](t, r, maxEventSize)
			require.NoError(t, err, tc.name)
			assert.Equal(t, tc.want, got, "%s (%s)", tc.name, split)
		}
	}
}

// A CR ends its line at once: the event is yielded without waiting for the
// next byte, which may be minutes away on a live stream.
func TestSSECRDoesNotWait(t *testing.T) {
	pr, pw := io.Pipe()
	s := newEventStream[string](pr)
	go func() { _, _ = pw.Write([]byte("data: now\r\r")) }()
	for e, err := range s.Events() {
		require.NoError(t, err)
		assert.Equal(t, "now", e.Data)
		break
	}
	pw.Close()
}

type chunk struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

func TestSSEDecodes(t *testing.T) {
	got, err := collectEvents[chunk](t, strings.NewReader("event: delta\ndata: {\"text\":\"a\",\ndata: \"n\":1}\n\ndata: {\"text\":\"b\"}\n\ndata: [DONE]\n\ndata: {\"text\":\"never\"}\n\n"), maxEventSize)
	require.NoError(t, err)
	assert.Equal(t, []StreamEvent[chunk]{
		{Event: "delta", Data: chunk{Text: "a", N: 1}},
		{Event: "message", Data: chunk{Text: "b"}},
	}, got, "[DONE] ends the stream")

	got, err = collectEvents[chunk](t, strings.NewReader("data: {\"text\":\"a\"}\n\nid: 9\nevent: delta\ndata: <html>\n\n"), maxEventSize)
	assert.Len(t, got, 1)
	var de *StreamDecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "delta", de.Event)
	assert.Equal(t, "9", de.ID)
	assert.Equal(t, "<html>", de.Data)
	assert.ErrorContains(t, err, `event stream: the data of a "delta" event (id "9") does not decode`)

	_, err = collectEvents[chunk](t, strings.NewReader("data:\n\n"), maxEventSize)
	assert.ErrorContains(t, err, "the data is empty")
}

func TestSSEBounded(t *testing.T) {
	// A line that never ends.
	_, err := collectEvents[string](t, io.LimitReader(repeat('a'), 1<<20), 4096)
	assert.ErrorIs(t, err, ErrEventTooLarge)
	// An event that never ends, in short lines.
	_, err = collectEvents[string](t, io.LimitReader(repeatString("data: aaaaaaaa\n"), 1<<20), 4096)
	assert.ErrorIs(t, err, ErrEventTooLarge)
	// Comments without end cost nothing: the stream goes on.
	got, err := collectEvents[string](t, io.MultiReader(io.LimitReader(repeatString(": ping\n"), 1<<20), strings.NewReader("\ndata: x\n\n")), 4096)
	require.NoError(t, err)
	assert.Equal(t, []ev{{Event: "message", Data: "x"}}, got)
	// Many events, each under the limit.
	got, err = collectEvents[string](t, strings.NewReader(strings.Repeat("data: "+strings.Repeat("b", 3000)+"\n\n", 20)), 4096)
	require.NoError(t, err)
	assert.Len(t, got, 20)
}

func TestSSEReadError(t *testing.T) {
	boom := errors.New("connection reset")
	got, err := collectEvents[string](t, io.MultiReader(strings.NewReader("data: a\n\ndata: b\n"), iotest.ErrReader(boom)), maxEventSize)
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, []ev{{Event: "message", Data: "a"}}, got)
}

type closeCounter struct {
	io.Reader
	closes int
}

func (c *closeCounter) Close() error { c.closes++; return nil }

func TestSSECloses(t *testing.T) {
	body := &closeCounter{Reader: strings.NewReader("data: a\n\ndata: b\n\n")}
	s := newEventStream[string](body)
	for range s.Events() {
		break
	}
	assert.Equal(t, 1, body.closes, "stopping the loop closes the stream")
	require.NoError(t, s.Close())
	assert.Equal(t, 1, body.closes, "once")
}

// repeatReader yields its pattern over and over, without end.
type repeatReader struct {
	pattern string
	off     int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.pattern[r.off]
		r.off = (r.off + 1) % len(r.pattern)
	}
	return len(p), nil
}

func repeat(b byte) io.Reader         { return &repeatReader{pattern: string(b)} }
func repeatString(s string) io.Reader { return &repeatReader{pattern: s} }

// After one large event the buffer stays at its largest; a later short line
// that happens to end a read at the buffer's end is not too large (the
// check ran before the buffer was compacted).
func TestSSEShortLinesAfterALargeEvent(t *testing.T) {
	var b strings.Builder
	b.WriteString("data: " + strings.Repeat("x", 4400) + "\n\n") // grows the buffer to its largest
	for i := range 990 {
		fmt.Fprintf(&b, "data: event %d\n\n", i)
	}
	got, err := collectEvents[string](t, strings.NewReader(b.String()), 4500)
	require.NoError(t, err)
	assert.Len(t, got, 991)
}
