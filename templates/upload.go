package templates

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// UploadFile is a file sent in a multipart/form-data body: its content, the
// filename the part carries and its media type.
//
// Body is streamed as the request is sent, never read into memory whole, and
// never closed: the caller closes it after the call. A method that returns
// its response as a stream (an io.ReadCloser, an *EventStream) may still be
// sending Body while that response arrives, since a server can answer before
// it has read the whole upload: close the response first, then Body.
//
// A Body that is an io.Seeker (an *os.File, a *bytes.Reader, a
// *strings.Reader) is rewound to where it stood for every retry; any other
// reader is sent once, and the call is then not retried, even after an error
// that would be retried otherwise.
type UploadFile struct {
	// Name is the filename of the part; when empty, the form field's name is
	// sent, since a part without a filename is not a file to most servers.
	Name string
	// ContentType is the part's Content-Type; when empty, the one the spec
	// gives for the field (its encoding, else its contentMediaType), else
	// application/octet-stream.
	ContentType string
	Body        io.Reader
}

// UploadFileFromBytes returns an UploadFile of data, named name; contentType
// may be empty (see UploadFile.ContentType). The call can be retried.
func UploadFileFromBytes(name, contentType string, data []byte) UploadFile {
	return UploadFile{Name: name, ContentType: contentType, Body: bytes.NewReader(data)}
}

// UploadFileFromOS returns an UploadFile of f, read from its current offset,
// named after the last element of its path; contentType may be empty (see
// UploadFile.ContentType). The call can be retried: f is rewound to that
// offset for each attempt. The caller closes f after the call.
func UploadFileFromOS(f *os.File, contentType string) UploadFile {
	return UploadFile{Name: filepath.Base(f.Name()), ContentType: contentType, Body: f}
}

// MarshalJSON writes the content of a Body held in memory (a
// *strings.Reader or *bytes.Reader, as UnmarshalJSON makes) as a JSON
// string, without consuming it, so that a value decoded from JSON encodes
// back; a zero UploadFile (no Body) is "", the zero binary string, as a
// required member left unset is. Any other Body is an error: a file goes in
// a multipart/form-data part, and JSON could carry it only by reading it
// whole.
func (f UploadFile) MarshalJSON() ([]byte, error) {
	if f.Body == nil {
		return []byte(`""`), nil
	}
	m, ok := f.Body.(interface {
		io.ReaderAt
		Size() int64
	})
	if !ok {
		return nil, errors.New("an UploadFile can only be sent in a multipart/form-data body")
	}
	data := make([]byte, m.Size())
	if _, err := m.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, err
	}
	return json.Marshal(string(data))
}

// UnmarshalJSON keeps a JSON string, which a server may send where the spec
// says binary, as the bytes of Body; anything else is an error.
func (f *UploadFile) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return errors.New("a binary value must be a JSON string")
	}
	*f = UploadFile{Body: strings.NewReader(s)}
	return nil
}

// zeroLength reports whether a streamed body is known to be empty: it is
// then sent as http.NoBody, with "Content-Length: 0", since a transport
// given a reader of unknown length would send it chunked.
func (s *streamBody) zeroLength() bool { return s.length == 0 }

// errNotReplayable ends a second attempt at a body that cannot be sent
// again; the retry logic never makes one (see request.replayable), but
// net/http can ask for it after a redirect.
var errNotReplayable = errors.New("the request body is a reader that cannot be rewound (not an io.Seeker), so it cannot be sent again")

// streamBody is a request body read while it is sent: a raw body of a
// caller's reader, or a multipart body with files.
type streamBody struct {
	// open returns the body of the next attempt; the body of the attempt
	// before it has been detached first, so that it reads no more.
	open func() (io.ReadCloser, error)
	// length is the body's size when known before sending, else -1 (sent
	// chunked).
	length int64
	// replayable is false when a reader cannot be rewound: the body can be
	// sent once.
	replayable bool
	// stop ends the last attempt's body, so that nothing keeps reading the
	// caller's readers once the call has returned or, when the response is
	// streamed to the caller, once that response is closed.
	stop func()
}

// rewindable is a reader that can be sent again: an io.Seeker, with the
// offset it stood at before the first attempt and, when it could be found,
// how many bytes follow (else -1).
type rewindable struct {
	s      io.ReadSeeker
	offset int64
	length int64
}

// rewindableOf records where r stands, when r can be rewound.
func rewindableOf(r io.Reader) (*rewindable, bool, error) {
	s, ok := r.(io.ReadSeeker)
	if !ok {
		return nil, false, nil
	}
	off, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		// A pipe or a terminal is an *os.File that cannot seek: sent once.
		return nil, false, nil
	}
	end, err := s.Seek(0, io.SeekEnd)
	length := end - off
	if err != nil || length < 0 {
		length = -1
	}
	if _, err := s.Seek(off, io.SeekStart); err != nil {
		return nil, false, fmt.Errorf("rewind the body: %w", err)
	}
	return &rewindable{s, off, length}, true, nil
}

// rewind puts the reader back where it stood and returns what to read: at
// most length bytes when the length was known, so that a file that grew
// does not overrun the Content-Length sent.
func (w *rewindable) rewind() (io.Reader, error) {
	if _, err := w.s.Seek(w.offset, io.SeekStart); err != nil {
		return nil, fmt.Errorf("rewind the body for a retry: %w", err)
	}
	if w.length >= 0 {
		return io.LimitReader(w.s, w.length), nil
	}
	return w.s, nil
}

// attemptBody is one attempt's view of a caller's reader. net/http may read
// a request body after the response arrived, even after RoundTrip returned;
// detach waits for a read in progress and makes later ones fail, so that a
// rewind for the next attempt never races a late read of the last.
type attemptBody struct {
	mu       sync.Mutex
	r        io.Reader
	detached bool
}

var errAttemptOver = errors.New("the attempt this body belonged to is over")

func (b *attemptBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.detached {
		return 0, errAttemptOver
	}
	return b.r.Read(p)
}

func (b *attemptBody) Close() error { b.detach(); return nil }

func (b *attemptBody) detach() {
	b.mu.Lock()
	b.detached = true
	b.mu.Unlock()
}

// rawBody sends the bytes of body as they are, streamed as the request is
// sent. An io.Seeker is rewound for each retry; any other reader is sent
// once (see streamBody). body is never closed.
func (r *request) rawBody(contentType string, body io.Reader) {
	contentType = cmp.Or(contentType, "application/octet-stream")
	if err := checkHeader("Content-Type", contentType); err != nil {
		r.fail(err)
		return
	}
	if b, ok := body.(*bytes.Buffer); ok {
		// Sent as it stands, unconsumed, as http.NewRequest does.
		body = bytes.NewReader(b.Bytes())
	}
	rw, ok, err := rewindableOf(body)
	if err != nil {
		r.fail(fmt.Errorf("read request body: %w", err))
		return
	}
	var last *attemptBody
	// Only a reader that will be rewound needs its last attempt detached;
	// detaching waits for a read in progress, which on a reader that cannot
	// be rewound (a network stream) may take any time.
	s := &streamBody{length: -1, replayable: ok, stop: func() {
		if ok && last != nil {
			last.detach()
		}
	}}
	if ok {
		s.length = rw.length
	}
	s.open = func() (io.ReadCloser, error) {
		src := body
		if last != nil {
			last.detach()
			if !ok {
				return nil, errNotReplayable
			}
		}
		if ok {
			var err error
			if src, err = rw.rewind(); err != nil {
				return nil, err
			}
		}
		last = &attemptBody{r: src}
		return last, nil
	}
	r.contentType, r.stream = contentType, s
}

// multipartPart is one part of a multipart/form-data body: files when value
// is an UploadFile (or an Opt, Nullable or slice of them), else a field made
// from value.
type multipartPart struct {
	name        string
	filename    string    // for data; defaults to name
	contentType string    // the spec's; defaults to application/octet-stream for a file, to none (text/plain) or application/json for a field
	data        io.Reader // file content, read when the body is sent
	// value is a field: a scalar is sent as text, an array of scalars as one
	// part per item, anything else as JSON. An unset Opt or Nullable, or nil,
	// sends no part.
	value any
}

// uploads returns the files value holds: an UploadFile, a pointer to one, or
// an Opt, Nullable or slice of them (none when unset or null). ok is false
// when value holds no file type at all.
func uploads(value any) (files []UploadFile, ok bool) {
	switch v := value.(type) {
	case UploadFile:
		return []UploadFile{v}, true
	case *UploadFile:
		if v == nil {
			return nil, true
		}
		return []UploadFile{*v}, true
	case []UploadFile:
		return v, true
	case Opt[UploadFile]:
		return optFiles(v.Set, []UploadFile{v.Value}), true
	case Nullable[UploadFile]:
		return optFiles(v.Set && !v.Null, []UploadFile{v.Value}), true
	case Opt[[]UploadFile]:
		return optFiles(v.Set, v.Value), true
	case Nullable[[]UploadFile]:
		return optFiles(v.Set && !v.Null, v.Value), true
	}
	return nil, false
}

func optFiles(present bool, files []UploadFile) []UploadFile {
	if !present {
		return nil
	}
	return files
}

// multipartBody sends parts as multipart/form-data. Fields are encoded now;
// files are streamed, each part written as it is sent, through a pipe. A body
// whose files can all be rewound is sent again for a retry, and goes with its
// Content-Length when every file's size is known; one with a file that
// cannot is sent once (see UploadFile).
func (r *request) multipartBody(parts []multipartPart) {
	var expanded []multipartPart
	hasFiles := false
	for _, p := range parts {
		files, ok := uploads(p.value)
		if !ok {
			if p.data != nil {
				hasFiles = true
			}
			expanded = append(expanded, p)
			continue
		}
		hasFiles = true
		for _, f := range files {
			if f.Body == nil {
				r.fail(fmt.Errorf("multipart part %q: the UploadFile has no Body", p.name))
				return
			}
			expanded = append(expanded, multipartPart{name: p.name, filename: f.Name, contentType: cmp.Or(f.ContentType, p.contentType), data: f.Body})
		}
	}
	for _, p := range expanded {
		if err := checkHeader("Content-Type", p.contentType); err != nil {
			r.fail(fmt.Errorf("multipart part %q: %w", p.name, err))
			return
		}
	}
	if !hasFiles {
		// Fields only: small, built now, and sent with its length.
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		if err := writeParts(w, expanded, nil); err != nil {
			r.fail(err)
			return
		}
		r.setBody(w.FormDataContentType(), buf.Bytes())
		return
	}
	r.multipartStream(expanded)
}

// multipartStream sends parts with files through a pipe, written by one
// goroutine per attempt. Before an attempt starts, the writer of the one
// before it has stopped, so that no two read a file at once.
func (r *request) multipartStream(parts []multipartPart) {
	boundary := multipart.NewWriter(io.Discard).Boundary()
	files := make(map[int]*rewindable)
	replayable, sized := true, true
	for i, p := range parts {
		if p.data == nil {
			continue
		}
		if b, ok := p.data.(*bytes.Buffer); ok {
			p.data = bytes.NewReader(b.Bytes())
			parts[i] = p
		}
		rw, ok, err := rewindableOf(p.data)
		switch {
		case err != nil:
			r.fail(fmt.Errorf("multipart part %q: %w", p.name, err))
			return
		case ok:
			files[i] = rw
			sized = sized && rw.length >= 0
		default:
			replayable, sized = false, false
		}
	}
	length := int64(-1)
	if sized {
		// The part headers and boundaries, counted by writing them with the
		// file contents left out, plus the files' sizes.
		var n countingWriter
		w := multipart.NewWriter(&n)
		_ = w.SetBoundary(boundary)
		if err := writeParts(w, parts, func(i int, _ io.Writer) error { n += countingWriter(files[i].length); return nil }); err != nil {
			r.fail(err)
			return
		}
		length = int64(n)
	}

	var pr *io.PipeReader
	var done chan struct{}
	opened := false
	stop := func() {
		if pr != nil {
			pr.CloseWithError(errAttemptOver)
			if replayable {
				// The files are rewound next: the writer must be done with
				// them. It is soon: reads of a seekable reader return.
				// Waiting for one that cannot be rewound could take as long
				// as its next read.
				<-done
			}
		}
	}
	open := func() (io.ReadCloser, error) {
		stop()
		if opened && !replayable {
			return nil, errNotReplayable
		}
		opened = true
		readers := make(map[int]io.Reader, len(files))
		for i, rw := range files {
			rd, err := rw.rewind()
			if err != nil {
				return nil, err
			}
			readers[i] = rd
		}
		var pw *io.PipeWriter
		pr, pw = io.Pipe()
		done = make(chan struct{})
		go func(pw *io.PipeWriter, done chan struct{}) {
			defer close(done)
			w := multipart.NewWriter(pw)
			_ = w.SetBoundary(boundary)
			err := writeParts(w, parts, func(i int, dst io.Writer) error {
				src := parts[i].data
				if rd, ok := readers[i]; ok {
					src = rd
				}
				_, err := io.Copy(dst, src)
				return err
			})
			pw.CloseWithError(err) // nil: io.EOF for the reader
		}(pw, done)
		return pr, nil
	}
	r.contentType = "multipart/form-data; boundary=" + boundary
	r.stream = &streamBody{open: open, length: length, replayable: replayable, stop: stop}
}

// countingWriter counts what is written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// writeParts writes parts and closes w. copyFile writes the content of the
// file part at index i; nil copies p.data.
func writeParts(w *multipart.Writer, parts []multipartPart, copyFile func(i int, dst io.Writer) error) error {
	for i, p := range parts {
		if err := writePart(w, i, p, copyFile); err != nil {
			return fmt.Errorf("multipart part %q: %w", p.name, err)
		}
	}
	return w.Close()
}

func writePart(w *multipart.Writer, i int, p multipartPart, copyFile func(i int, dst io.Writer) error) error {
	create := func(filename, contentType string) (io.Writer, error) {
		h := textproto.MIMEHeader{}
		cd := `form-data; name="` + formDataQuoter.Replace(p.name) + `"`
		if filename != "" {
			cd += `; filename="` + formDataQuoter.Replace(filename) + `"`
		}
		h.Set("Content-Disposition", cd)
		if contentType != "" {
			h.Set("Content-Type", contentType)
		}
		return w.CreatePart(h)
	}
	if p.data != nil {
		part, err := create(cmp.Or(p.filename, p.name), cmp.Or(p.contentType, "application/octet-stream"))
		if err != nil {
			return err
		}
		if copyFile != nil {
			return copyFile(i, part)
		}
		_, err = io.Copy(part, p.data)
		return err
	}
	v, ok, err := toQValue(p.value)
	if err != nil || !ok {
		return err
	}
	items := []qvalue{v}
	if v.kind == qArray {
		items = v.items
	}
	if v.kind == qObject || slices.ContainsFunc(items, func(it qvalue) bool { return it.kind != qScalar }) {
		data, err := marshalRequest(p.value)
		if err != nil {
			return err
		}
		part, err := create("", cmp.Or(p.contentType, "application/json"))
		if err == nil {
			_, err = part.Write(data)
		}
		return err
	}
	for _, it := range items {
		part, err := create("", p.contentType)
		if err == nil {
			_, err = io.WriteString(part, it.text)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// formDataQuoter escapes names as the HTML form-data algorithm does. A raw CR
// or LF would let a name inject headers: mime/multipart does not escape them.
var formDataQuoter = strings.NewReplacer("\r", "%0D", "\n", "%0A", `"`, "%22")

// multipartValue sends an object as multipart/form-data, one part per
// property in spec order: a scalar or an array of scalars as text, anything
// else as JSON.
func (r *request) multipartValue(v any) {
	data, err := marshalRequest(v)
	var parts []multipartPart
	if err == nil && jsonKind(data) != '{' {
		err = errors.New("the value is not an object")
	}
	if err == nil {
		ok := members(data, func(name []byte, s *scanner) error {
			s.peek()
			start := s.i
			err := s.skipValue()
			parts = append(parts, multipartPart{name: string(name), value: json.RawMessage(data[start:s.i])})
			return err
		})
		if !ok {
			err = errors.New("the value is not a JSON object")
		}
	}
	if err != nil {
		r.fail(fmt.Errorf("encode multipart body: %w", err))
		return
	}
	r.multipartBody(parts)
}

// replayable reports whether the request's body can be sent again, so that
// the call may be retried.
func (r *request) replayable() bool { return r.stream == nil || r.stream.replayable }

// stopBody ends the last attempt's body of a streamed request.
func (r *request) stopBody() {
	if r.stream != nil {
		r.stream.stop()
	}
}

// attemptBody gives req, an attempt cloned from base, a body of its own.
func (r *request) attemptBody(req, base *http.Request) (err error) {
	switch {
	case r.stream != nil && r.stream.zeroLength():
		req.Body, req.GetBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
	case r.stream != nil:
		req.Body, err = r.stream.open()
	case base.GetBody != nil:
		req.Body, err = base.GetBody() // a bytes.Reader: cannot fail
	}
	return err
}
