package templates

import (
	"cmp"
	"encoding/json"
	"io"
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
	Body       []byte      // the response body, at most its first MiB
	Truncated  bool        // whether Body was cut at that bound
	// Errors holds the entries of a {"errors":[...]} body, nil for any other body.
	Errors []ErrorObject
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
// the start of the body.
func (e *APIError) Error() string {
	msg := e.Method + " " + e.Path + ": " + e.Status
	var s string
	if len(e.Errors) > 0 {
		s = cmp.Or(e.Errors[0].Detail, e.Errors[0].Title)
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
	return e
}

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
	if decodeValue(body, &doc) != nil || len(doc.Errors) == 0 {
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

// readBounded reads at most maxErrorBody bytes and closes body. Closing a
// body that was not read to the end drops the connection instead of reading
// the rest, so a huge error body costs neither memory nor time.
func readBounded(body io.ReadCloser) (data []byte, truncated bool) {
	defer body.Close()
	data, _ = io.ReadAll(io.LimitReader(body, maxErrorBody+1)) // a read error keeps what arrived
	if len(data) > maxErrorBody {
		return data[:maxErrorBody], true
	}
	return data, false
}

// excerpt returns the start of a body for a message: control characters and
// runs of white space become one space, invalid UTF-8 becomes U+FFFD, and it
// stops near 200 bytes.
func excerpt(body []byte) string {
	const limit = 200
	s := strings.ToValidUTF8(string(body[:min(len(body), 4*limit)]), "\uFFFD")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if len(s) <= limit {
		return s
	}
	cut := limit
	for !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
