package templates

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// APIError is returned, through errors.As, when the server answers with a
// status outside 2xx after any retries.
type APIError struct {
	Method     string      // the HTTP method
	Path       string      // the operation's path template, e.g. "/porting_orders/{id}"
	StatusCode int         // e.g. 422
	Status     string      // e.g. "422 Unprocessable Entity"
	Header     http.Header // the response headers
	Body       []byte      // the response body, at most its first MiB (or WithMaxResponseSize, when less)
	Truncated  bool        // whether Body was cut at that bound
	// Errors holds the entries of a {"errors":[...]} body, nil for any other body.
	Errors []ErrorObject
	// Value is the body decoded into the type the spec gives the response
	// of this status, as a pointer (*NotFound, say): the response of the
	// exact status, else of its class ("4XX"), else "default". It is nil when
	// the spec gives that response no JSON schema, when the body is empty,
	// and when it does not decode (ValueErr says why). AsErrorBody reads it
	// with its type; a type switch on it tells the schemas apart.
	Value any
	// ValueErr is why a body the spec gives a schema for did not decode
	// into it: malformed JSON (an HTML page from a proxy, say), a JSON value
	// of another kind, or a body cut at the bound. Body still holds it.
	ValueErr error
}

// AsErrorBody returns the body of the *APIError in err's chain decoded into
// T, the type the spec gives the response of its status, and whether there
// is one of that type. For a spec whose 404 response is a NotFound:
//
//	if nf, ok := AsErrorBody[NotFound](err); ok {
//		log.Print(nf.Message)
//	}
func AsErrorBody[T any](err error) (*T, bool) {
	var e *APIError
	if !errors.As(err, &e) {
		return nil, false
	}
	v, ok := e.Value.(*T)
	return v, ok && v != nil
}

// errorBody is the type the spec gives the error response of a status
// ("404", "4XX" or "default"), as a function that decodes a body into it.
type errorBody struct {
	status string
	decode func(body []byte) (any, error)
}

// errorBody records the type of the error response of status, for the
// generated code: r.errorBody("404", decodeErrorBody[NotFound]). A nil
// decode says the spec gives that status no JSON schema, so that a broader
// one (4XX, default) does not apply to it.
func (r *request) errorBody(status string, decode func([]byte) (any, error)) {
	r.errorBodies = append(r.errorBodies, errorBody{status, decode})
}

// decodeErrorBody decodes an error body into a new T, with the lenient
// decoder of success bodies: a member of the wrong type is kept in
// InvalidFields, not an error.
func decodeErrorBody[T any](body []byte) (any, error) {
	v := new(T)
	if err := decodeValue(body, v); err != nil {
		return nil, err
	}
	return v, nil
}

// errorDecoder picks the decoder for a status: the exact status beats its
// class (4XX, matched whatever the case of the X), which beats default.
func (r *request) errorDecoder(code int) func([]byte) (any, error) {
	exact := strconv.Itoa(code)
	class := exact[:1] + "XX"
	var byClass, byDefault *errorBody
	for i, e := range r.errorBodies {
		switch {
		case e.status == exact:
			return e.decode
		case strings.EqualFold(e.status, class) && byClass == nil:
			byClass = &r.errorBodies[i]
		case e.status == "default" && byDefault == nil:
			byDefault = &r.errorBodies[i]
		}
	}
	switch {
	case byClass != nil:
		return byClass.decode
	case byDefault != nil:
		return byDefault.decode
	}
	return nil
}

// decodeTyped fills e.Value, or e.ValueErr, from the body.
func (e *APIError) decodeTyped(r *request) {
	decode := r.errorDecoder(e.StatusCode)
	body := bytes.TrimSpace(e.Body)
	switch {
	case decode == nil || len(body) == 0:
		return
	case e.Truncated:
		e.ValueErr = fmt.Errorf("the body was cut after %d bytes", len(e.Body))
		return
	}
	e.Value, e.ValueErr = decode(body)
}

// ErrorObject is one entry of a {"errors":[...]} error body.
type ErrorObject struct {
	Code   string         // a numeric code is kept as its digits
	Title  string         // a short summary
	Detail string         // what went wrong in this request
	Source *ErrorSource   // the part of the request at fault, if given
	Meta   map[string]any // anything else the server added; numbers are json.Number
}

// ErrorSource points at the part of the request an ErrorObject is about.
type ErrorSource struct {
	Pointer   string `json:"pointer"`   // a JSON pointer into the request body, e.g. "/customer_reference"
	Parameter string `json:"parameter"` // the name of a query or path parameter
}

// Error returns "METHOD /path/{template}: 422 Unprocessable Entity: <detail>",
// where the detail is that of the first error object, else its title, else
// the start of the body. It is one line of bounded length, whatever the
// server sent: the status line and the detail are made printable and cut
// (see printable); the struct keeps them as they came.
func (e *APIError) Error() string {
	msg := e.Method + " " + e.Path + ": " + printable(e.Status, statusLimit)
	var s string
	if len(e.Errors) > 0 {
		s = printable(cmp.Or(e.Errors[0].Detail, e.Errors[0].Title), excerptLimit)
	}
	if s = cmp.Or(s, excerpt(e.Body)); s != "" {
		msg += ": " + s
	}
	return msg
}

func newAPIError(r *request, res *http.Response, body []byte, truncated bool) *APIError {
	e := &APIError{
		Method:     r.method,
		Path:       r.pathTemplate,
		StatusCode: res.StatusCode,
		Status:     statusLine(res),
		Header:     res.Header,
		Body:       body,
		Truncated:  truncated,
		Errors:     decodeErrorObjects(body),
	}
	e.decodeTyped(r)
	return e
}

// ResponseError is returned, through errors.As, when the server answered with
// a 2xx status but the body could not be read to the end (the connection broke
// or the attempt timed out) or could not be decoded as the operation's result
// (malformed JSON, an HTML page), or was larger than WithMaxResponseSize
// allows (Err is then a *ResponseTooLargeError). The message names the
// status, the Content-Type when it is not JSON, and the start of the body.
// A body that does not decode is kept whole in Body: a value the result type
// cannot hold (a null item in a list body whose items cannot be null) is an
// error, with every byte of the body, rather than a changed value.
type ResponseError struct {
	Method     string      // the HTTP method
	Path       string      // the operation's path template, e.g. "/porting_orders/{id}"
	StatusCode int         // e.g. 200
	Status     string      // e.g. "200 OK"
	Header     http.Header // the response headers
	Body       []byte      // the whole body when Decode; else what was read of it, at most its first MiB
	Truncated  bool        // whether Body was cut at that bound (never when Decode)
	Decode     bool        // whether the body was read whole but did not decode
	Err        error       // the read or decode error
}

// statusLimit bounds the status line in a message: a real one is short.
const statusLimit = 100

func (e *ResponseError) Error() string {
	msg := e.Method + " " + e.Path + ": " + printable(e.Status, statusLimit) + ": "
	if e.Decode {
		msg += "decode response"
		if ct := e.Header.Get("Content-Type"); ct != "" && !isJSONType(ct) {
			msg += " (Content-Type " + strconv.Quote(printable(ct, statusLimit)) + " is not JSON)"
		}
	} else {
		msg += "read response body"
	}
	msg += ": " + e.Err.Error()
	if s := excerpt(e.Body); s != "" {
		msg += "; body: " + strconv.Quote(s)
	}
	return msg
}

func (e *ResponseError) Unwrap() error { return e.Err }

const (
	opRead   = false
	opDecode = true
)

// newResponseError keeps a copy of body with secrets redacted from it and
// from the headers. A body that was read whole but does not decode is kept
// whole: it was the call's result (a list with a null item where items
// cannot be null has no struct to keep it in), it is already in memory,
// bounded by WithMaxResponseSize, and nothing of it may be lost. A body cut
// off while reading is kept up to maxErrorBody, so that the error does not
// hold a large part of it alive.
func newResponseError(r *request, res *http.Response, decode bool, err error, body []byte, secrets []string) *ResponseError {
	limit := maxErrorBody
	if decode {
		limit = len(body)
	}
	kept := bytes.Clone(body[:min(len(body), limit)])
	redactHeader(res.Header, secrets)
	return &ResponseError{
		Method:     r.method,
		Path:       r.pathTemplate,
		StatusCode: res.StatusCode,
		Status:     statusLine(res),
		Header:     res.Header,
		Body:       redact(kept, secrets),
		Truncated:  len(body) > limit,
		Decode:     decode,
		Err:        redactError(err, secrets),
	}
}

// isJSONType reports whether a Content-Type is JSON: application/json or a
// +json type such as application/problem+json.
func isJSONType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// redacted replaces a credential in text from the server.
const redacted = "[REDACTED]"

// redact returns b with every occurrence of each secret replaced, in the
// order of secrets (longest first, see addSecret); b itself when there is
// none.
func redact(b []byte, secrets []string) []byte {
	for _, s := range secrets {
		if s != "" && bytes.Contains(b, []byte(s)) {
			b = bytes.ReplaceAll(b, []byte(s), []byte(redacted))
		}
	}
	return b
}

// redactString is redact for a string.
func redactString(v string, secrets []string) string {
	return string(redact([]byte(v), secrets))
}

// redactHeader replaces secrets in the values of h, in place.
func redactHeader(h http.Header, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	for _, vs := range h {
		for i, v := range vs {
			vs[i] = redactString(v, secrets)
		}
	}
}

// redactError returns err, or when its message holds a secret (a transport
// error quoting what the server sent, or the URL with an API key in its
// query, say) an error with the same chain whose message has it replaced.
// The wrapper keeps the message, not the secret, so that %#v of it shows
// neither.
func redactError(err error, secrets []string) error {
	if err == nil {
		return err
	}
	msg := err.Error()
	if r := redactString(msg, secrets); r != msg {
		return &redactedError{msg: r, err: err}
	}
	return err
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// statusLine returns res.Status, such as "404 Not Found", which a custom
// HTTPDoer may leave empty.
func statusLine(res *http.Response) string {
	return cmp.Or(res.Status, strconv.Itoa(res.StatusCode)+" "+http.StatusText(res.StatusCode))
}

func decodeErrorObjects(body []byte) []ErrorObject {
	var doc struct {
		Errors []struct {
			Code   json.RawMessage `json:"code"`
			Title  string          `json:"title"`
			Detail string          `json:"detail"`
			Source *ErrorSource    `json:"source"`
			Meta   map[string]any  `json:"meta"`
		} `json:"errors"`
	}
	// json.Valid first: an error body cut at maxErrorBody, or an HTML page,
	// is refused by a scan that allocates nothing, not by a decoder that
	// first copies the whole body.
	if !json.Valid(body) || decodeValue(body, &doc) != nil || len(doc.Errors) == 0 {
		return nil
	}
	out := make([]ErrorObject, len(doc.Errors))
	for i, o := range doc.Errors {
		var code string
		if json.Unmarshal(o.Code, &code) != nil {
			code = string(o.Code) // a number: keep its digits
		}
		out[i] = ErrorObject{Code: code, Title: o.Title, Detail: o.Detail, Source: o.Source, Meta: o.Meta}
	}
	return out
}

// maxErrorBody bounds how much of an error body is kept.
const maxErrorBody = 1 << 20

// errorBodyLimit is how much of an error body is read: maxErrorBody, or less
// when WithMaxResponseSize sets a smaller limit.
func (c *config) errorBodyLimit() int {
	if c.maxResponseSize > 0 && c.maxResponseSize < maxErrorBody {
		return int(c.maxResponseSize)
	}
	return maxErrorBody
}

// readBounded reads at most limit bytes of an error body, decompressed
// (see decompressed), and closes it.
// Closing a body that was not read to the end drops the connection instead of
// reading the rest, so a huge error body costs neither memory nor time.
func readBounded(res *http.Response, limit int) (data []byte, truncated bool) {
	defer res.Body.Close()
	r, decoded, err := decompressed(res)
	if err != nil {
		return nil, false // a gzip body that is not gzip: nothing readable
	}
	size := res.ContentLength
	if decoded || res.Uncompressed {
		size = -1
	}
	data, _ = readBody(r, size, limit+1) // a read error keeps what arrived
	if len(data) > limit {
		return data[:limit], true
	}
	return data, false
}

// excerptLimit is about how many bytes of server text a message quotes.
const excerptLimit = 200

// excerpt returns the start of a body for a message, made printable.
func excerpt(body []byte) string {
	return printable(string(body[:min(len(body), 4*excerptLimit)]), excerptLimit)
}

// printable makes text from the server fit in one line of a message, so that
// it cannot forge log lines, drive a terminal or reorder what is shown:
// terminal escape sequences (ANSI CSI and OSC) are dropped whole, format
// characters (the bidi controls such as U+202E, zero-width characters) are
// dropped, control characters and runs of white space (CR, LF, U+2028
// included) become one space, invalid UTF-8 becomes U+FFFD, and the result
// stops near limit bytes, marked with "…".
func printable(s string, limit int) string {
	s = strings.ToValidUTF8(s[:min(len(s), 4*limit)], "\uFFFD")
	var b strings.Builder
	space := false
	for i := 0; i < len(s) && b.Len() <= limit; {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b || r == 0x9b { // ESC, CSI
			i += escapeLen(s[i:])
			space = b.Len() > 0
			continue
		}
		i += n
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
		case unicode.Is(unicode.Cf, r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	out := b.String()
	if len(out) <= limit {
		return out
	}
	cut := limit
	for !utf8.RuneStart(out[cut]) {
		cut--
	}
	return out[:cut] + "…"
}

// escapeLen is the length of the terminal escape sequence at the start of s
// (ESC or the one-rune CSI U+009B): CSI sequences run to their final byte,
// OSC, DCS and the like to BEL or ESC \, others are ESC and one character.
// A sequence cut off by the end of s runs to the end.
func escapeLen(s string) int {
	i := 1
	if s[0] != 0x1b {
		i = len("\u009b")
	} else if len(s) > 1 {
		switch s[1] {
		case '[':
			i = 2
		case ']', 'P', 'X', '^', '_': // string sequences
			for j := 2; j < len(s); j++ {
				if s[j] == 0x07 {
					return j + 1
				}
				if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
					return j + 2
				}
			}
			return len(s)
		default:
			_, n := utf8.DecodeRuneInString(s[1:])
			return 1 + n
		}
	} else {
		return 1
	}
	for ; i < len(s); i++ { // CSI: parameters and intermediates, then a final byte
		if c := s[i]; c >= 0x40 && c <= 0x7e {
			return i + 1
		} else if c < 0x20 || c > 0x7e {
			return i // not a CSI byte: the sequence ends before it
		}
	}
	return len(s)
}
