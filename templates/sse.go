package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"sync"
	"time"
)

// StreamEvent is one event of a server-sent event stream (text/event-stream).
type StreamEvent[T any] struct {
	// Event is the event's type: its event field, "message" when it has none.
	Event string
	// ID is the last event ID: the event's id field, or the last one the
	// stream sent before it (as an EventSource reports it). A client that
	// reconnects sends it as Last-Event-ID.
	ID string
	// Retry is the reconnection time the server set last (a retry field,
	// in this event or before it); zero when it set none.
	Retry time.Duration
	// Data is the event's data, its data lines joined by "\n", decoded from
	// JSON (a string is the data as sent).
	Data T
}

// StreamDecodeError is yielded when an event's data does not decode into the
// type of the stream. It ends the stream.
type StreamDecodeError struct {
	Event string // the event's type
	ID    string // the last event ID
	Data  string // the start of the data, at most 200 bytes
	Err   error
}

func (e *StreamDecodeError) Error() string {
	return fmt.Sprintf("event stream: the data of a %q event (id %q) does not decode: %v: %q", e.Event, e.ID, e.Err, e.Data)
}

func (e *StreamDecodeError) Unwrap() error { return e.Err }

// ErrEventTooLarge is yielded, wrapped, when one event (its lines together)
// or one line is larger than maxEventSize: a server cannot make the client
// hold an endless line. It ends the stream.
var ErrEventTooLarge = errors.New("event stream: an event is larger than the limit")

// maxEventSize bounds one event of a stream, and so the memory a stream
// holds at any time.
const maxEventSize = 8 << 20

// EventStream is a server-sent event stream whose events carry data of type
// T. Range over Events to read it; the stream ends when the server closes it,
// at the first error, when the loop stops, or when the call's context ends.
// Close it when done with it (closing it twice is harmless), whether or not
// the events were read to the end.
type EventStream[T any] struct {
	body      io.ReadCloser
	limit     int
	closeOnce sync.Once
	closeErr  error
}

// newEventStream reads the events of body, which the stream closes.
func newEventStream[T any](body io.ReadCloser) *EventStream[T] {
	return &EventStream[T]{body: body, limit: maxEventSize}
}

// Close closes the stream's connection.
func (s *EventStream[T]) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.body.Close() })
	return s.closeErr
}

// Events yields the events of the stream as they arrive, parsed as the WHATWG
// HTML standard says an EventSource parses them: lines end in LF, CR or CRLF;
// a leading byte order mark is skipped; a line starting with ":" is a
// comment; "field: value" and a bare "field" (an empty value) set a field;
// the data lines of an event are joined by "\n"; an event ends at a blank
// line, and one with no data line is not yielded; a retry field that is not a
// number of milliseconds is ignored; unknown fields are ignored; an event the
// stream ends in the middle of is dropped.
//
// A data of "[DONE]" that does not decode into T (the end marker OpenAI's
// streams send) ends the stream without an error. Otherwise the stream ends
// with an error, yielded once with a zero event: a *StreamDecodeError when a
// data does not decode, an error matching ErrEventTooLarge for an event or a
// line of more than 8 MiB, and the read error when the connection fails (the
// context's error when it ended). The stream is closed when the iteration
// ends. Events can be read once: a second loop yields nothing more.
func (s *EventStream[T]) Events() iter.Seq2[StreamEvent[T], error] {
	return func(yield func(StreamEvent[T], error) bool) {
		defer s.Close()
		p := &sseParser{r: s.body, limit: s.limit, arr: make([]byte, 4096)}
		p.buf = p.arr[:0]
		for {
			raw, err := p.next()
			if err != nil {
				if err != io.EOF {
					yield(StreamEvent[T]{}, err)
				}
				return
			}
			ev := StreamEvent[T]{Event: raw.event, ID: raw.id, Retry: raw.retry}
			if err := decodeEventData(&ev.Data, raw.data); err != nil {
				if string(raw.data) == "[DONE]" {
					return
				}
				data := raw.data
				if len(data) > 200 {
					data = data[:200]
				}
				yield(StreamEvent[T]{}, &StreamDecodeError{Event: raw.event, ID: raw.id, Data: string(data), Err: err})
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
}

// decodeEventData stores data in out: as it is for a string, else decoded
// from JSON.
func decodeEventData(out any, data []byte) error {
	if s, ok := out.(*string); ok {
		*s = string(data)
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the data is empty")
	}
	return decodeValue(data, out)
}

// bom is the UTF-8 byte order mark, which a stream may start with.
var bom = []byte("\xef\xbb\xbf")

// sseEvent is one dispatched event, before its data is decoded.
type sseEvent struct {
	event, id string
	retry     time.Duration
	data      []byte
}

// sseParser splits a stream into events. It reads into buf and scans it for
// line ends itself, so that a CR at the end of what has arrived ends its line
// at once: a bufio.Scanner would wait for the next byte to see whether an LF
// follows, holding up an event the server has finished sending.
type sseParser struct {
	r       io.Reader
	limit   int
	arr     []byte // the buffer
	buf     []byte // the unread bytes, a window on arr
	start   bool   // the byte order mark has been looked for
	skipLF  bool   // the last line ended in CR: an LF right after it belongs to it
	readErr error

	lastID string
	retry  time.Duration
	// The event being read.
	data      []byte
	event     string
	dataLines int
}

// next returns the next event with data, io.EOF at the end of the stream,
// or the error that ended it.
func (p *sseParser) next() (sseEvent, error) {
	for {
		line, err := p.line()
		if err != nil {
			return sseEvent{}, err
		}
		if len(line) == 0 {
			if ev, ok := p.dispatch(); ok {
				return ev, nil
			}
			continue
		}
		if err := p.field(line); err != nil {
			return sseEvent{}, err
		}
	}
}

// line returns the next line without its end. It is only valid until the
// next call.
func (p *sseParser) line() ([]byte, error) {
	scanned := 0
	for {
		if p.skipLF && len(p.buf) > 0 {
			if p.buf[0] == '\n' {
				p.buf = p.buf[1:]
			}
			p.skipLF = false
		}
		if !p.start && (len(p.buf) >= len(bom) || !bytes.HasPrefix(bom, p.buf) || p.readErr != nil) {
			p.buf = bytes.TrimPrefix(p.buf, bom)
			p.start = true
		}
		if p.start {
			if i := bytes.IndexAny(p.buf[scanned:], "\r\n"); i >= 0 {
				i += scanned
				line := p.buf[:i]
				p.skipLF = p.buf[i] == '\r'
				p.buf = p.buf[i+1:]
				return line, nil
			}
			scanned = len(p.buf)
		}
		if p.readErr != nil {
			// What follows the last line end is an unfinished line: with it
			// the event it belongs to is dropped, as it never ended.
			return nil, p.readErr
		}
		// Only the unread bytes count: fill compacts them to the front of the
		// buffer, which then has room for more while they are under limit.
		if len(p.buf) > p.limit {
			return nil, fmt.Errorf("%w: a line of more than %d bytes", ErrEventTooLarge, p.limit)
		}
		p.fill()
		scanned = min(scanned, len(p.buf))
	}
}

// fill reads more of the stream after the unread bytes, first moving them
// to the front of the buffer when little room is left after them.
func (p *sseParser) fill() {
	if len(p.arr)-p.end() < 1024 {
		if len(p.buf)+1024 > len(p.arr) {
			p.arr = make([]byte, min(2*len(p.arr)+1024, p.limit+4096))
		}
		n := copy(p.arr, p.buf)
		p.buf = p.arr[:n]
	}
	n, err := p.r.Read(p.arr[p.end():])
	p.buf = p.buf[:len(p.buf)+n]
	if err != nil {
		p.readErr = err
	}
}

// end is the index in arr just after the unread bytes.
func (p *sseParser) end() int { return len(p.arr) - cap(p.buf[len(p.buf):cap(p.buf)]) }

// field applies one non-empty line. Only data lines add up: the others
// replace a value or are dropped, so that comments sent to keep a connection
// open cost nothing however many come.
func (p *sseParser) field(line []byte) error {
	if line[0] == ':' {
		return nil // a comment
	}
	name, value, found := bytes.Cut(line, []byte(":"))
	if found && len(value) > 0 && value[0] == ' ' {
		value = value[1:]
	}
	switch string(name) {
	case "event":
		p.event = string(value)
	case "data":
		if len(p.data)+len(value)+1 > p.limit {
			return fmt.Errorf("%w: more than %d bytes of data", ErrEventTooLarge, p.limit)
		}
		if p.dataLines > 0 {
			p.data = append(p.data, '\n')
		}
		p.data = append(p.data, value...)
		p.dataLines++
	case "id":
		if bytes.IndexByte(value, 0) < 0 {
			p.lastID = string(value)
		}
	case "retry":
		if len(value) > 0 && bytes.IndexFunc(value, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
			if ms, err := strconv.ParseInt(string(value), 10, 64); err == nil && ms <= int64(time.Duration(1<<63-1)/time.Millisecond) {
				p.retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
	return nil
}

// dispatch ends the event at a blank line; ok is false when it has no data.
func (p *sseParser) dispatch() (ev sseEvent, ok bool) {
	if p.dataLines > 0 {
		ev = sseEvent{event: p.event, id: p.lastID, retry: p.retry, data: p.data}
		if ev.event == "" {
			ev.event = "message"
		}
		ok = true
	}
	p.data, p.event, p.dataLines = nil, "", 0
	return ev, ok
}
