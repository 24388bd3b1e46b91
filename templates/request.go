package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// request is one operation call being put together by generated code. The
// setters record the first error in err instead of returning it, so that the
// generated code stays a flat list of calls; do reports it before sending.
type request struct {
	method       string
	pathTemplate string // as in the spec, for error messages: "/porting_orders/{id}"
	path         string // pathTemplate with the parameters set so far filled in
	query        queryPairs
	headers      []headerField
	cookies      []string // name=value, in call order
	// security is the operation's own requirement when ownSecurity is set,
	// else the document's default (defaultSecurity) applies; see authPlan.
	security    [][]string
	ownSecurity bool
	acceptType  string
	contentType string      // empty when the request has no body
	body        []byte      // buffered so that every attempt sends the same bytes
	stream      *streamBody // a body read as it is sent instead (upload.go)
	err         error

	// errorBodies are the types the spec gives the error responses, for
	// APIError.Value; see errorBody.
	errorBodies []errorBody
}

func newRequest(method, pathTemplate string) *request {
	if !strings.HasPrefix(pathTemplate, "/") {
		pathTemplate = "/" + pathTemplate
	}
	return &request{method: method, pathTemplate: pathTemplate, path: pathTemplate, acceptType: "application/json"}
}

func (r *request) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// idempotent reports whether sending the request twice has the effect of
// sending it once, so that it may be resent after any connection error.
func (r *request) idempotent() bool {
	return r.method != http.MethodPost && r.method != http.MethodPatch
}

// pathParam fills in {name}. The value is written in simple style (an array
// as a,b; an object as k,v) and escaped as one path segment, so that '/',
// '?', '#' or '%' in a value cannot change the path. A value made only of
// dots is escaped too, as "." and ".." would be resolved as dot-segments.
func (r *request) pathParam(name string, value any) {
	v, ok, err := toQValue(value)
	var s string
	if err == nil && ok {
		s, ok = v.join(",", url.PathEscape)
	}
	switch {
	case err != nil:
		r.fail(fmt.Errorf("path parameter %s: %w", name, err))
		return
	case !ok:
		r.fail(fmt.Errorf("path parameter %s is not set or not a simple value", name))
		return
	case s == "":
		r.fail(fmt.Errorf("path parameter %s is empty", name))
		return
	}
	if strings.Trim(s, ".") == "" {
		s = strings.ReplaceAll(s, ".", "%2E")
	}
	placeholder := "{" + name + "}"
	if !strings.Contains(r.path, placeholder) {
		r.fail(fmt.Errorf("path %s has no parameter %s", r.pathTemplate, name))
		return
	}
	r.path = strings.ReplaceAll(r.path, placeholder, s)
}

// header sets a header parameter, written in simple style. An unset Opt or
// Nullable sends nothing.
func (r *request) header(name string, value any) {
	v, ok, err := toQValue(value)
	if err != nil {
		r.fail(fmt.Errorf("header %s: %w", name, err))
		return
	}
	if !ok {
		return
	}
	s, ok := v.join(",", func(s string) string { return s })
	if !ok {
		r.fail(fmt.Errorf("header %s: the value is nested too deeply for a header", name))
		return
	}
	if err := checkHeader(name, s); err != nil {
		r.fail(err)
		return
	}
	r.headers = append(r.headers, headerField{name, s})
}

// cookie adds a cookie parameter, written in form style with its value
// percent-encoded, so that ';', ',' or a space cannot split it. An unset Opt
// or Nullable sends nothing.
func (r *request) cookie(name string, value any) {
	v, ok, err := toQValue(value)
	if err != nil {
		r.fail(fmt.Errorf("cookie %s: %w", name, err))
		return
	}
	if !ok {
		return
	}
	s, ok := v.join(",", url.QueryEscape)
	if !ok {
		r.fail(fmt.Errorf("cookie %s: the value is nested too deeply for a cookie", name))
		return
	}
	if err := checkHeader("Cookie", name); err != nil || strings.ContainsAny(name, "=;, ") {
		r.fail(fmt.Errorf("cookie name %q is not valid", name))
		return
	}
	r.cookies = append(r.cookies, name+"="+s)
}

// noAuth marks an operation the spec lets through without credentials
// (security: []): none are sent.
func (r *request) noAuth() { r.security, r.ownSecurity = [][]string{}, true }

// requireAuth sets the operation's own security requirement: alternatives,
// each the names of the schemes sent together; an empty one makes
// authentication optional. See authPlan.
func (r *request) requireAuth(alternatives ...[]string) {
	r.security, r.ownSecurity = alternatives, true
	if r.security == nil {
		r.security = [][]string{}
	}
}

// accept sets the Accept header; the default is application/json.
func (r *request) accept(ct string) { r.acceptType = ct }

// jsonBody sends v as JSON, leaving out readOnly properties.
func (r *request) jsonBody(v any) {
	data, err := marshalRequest(v)
	if err != nil {
		r.fail(fmt.Errorf("encode request body: %w", err))
		return
	}
	r.setBody("application/json", data)
}

// formBody sends an object as application/x-www-form-urlencoded: each
// property as name=value, an array as repeated pairs, and deeper objects in
// the bracket form of deepObject (a[b][c]=v).
func (r *request) formBody(v any) {
	q, ok, err := toQValue(v)
	if err == nil && ok && q.kind != qObject {
		err = errors.New("the value is not an object")
	}
	if err != nil {
		r.fail(fmt.Errorf("encode form body: %w", err))
		return
	}
	var pairs queryPairs
	pairs.explode("", q)
	r.setBody("application/x-www-form-urlencoded", []byte(pairs.String()))
}

func (r *request) setBody(contentType string, data []byte) {
	if err := checkHeader("Content-Type", contentType); err != nil {
		r.fail(err)
		return
	}
	r.contentType, r.body = contentType, data
}

// build makes the request that each attempt clones. Every check happens here,
// before the first attempt, so that a mistake is never retried.
func (r *request) build(cfg *config) (*http.Request, error) {
	if r.err != nil {
		return nil, r.err
	}
	if i := strings.IndexByte(r.path, '{'); i >= 0 {
		name, _, _ := strings.Cut(r.path[i+1:], "}")
		return nil, fmt.Errorf("path parameter %s is not set", name)
	}
	base, err := url.Parse(cfg.baseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.RawQuery != "" || base.Fragment != "" {
		// The URL is not quoted: it may hold a password, and url.Parse errors
		// quote it.
		return nil, errors.New("invalid base URL: want an absolute http or https URL without query or fragment")
	}
	target := strings.TrimRight(cfg.baseURL, "/") + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.String()
	}
	if cfg.pageURL != "" {
		// The next page of a list, at the URL the server gave; it carries
		// the query itself.
		if target, err = pageTarget(base, cfg.pageURL); err != nil {
			return nil, err
		}
	}
	var body io.Reader
	if r.contentType != "" && r.stream == nil {
		body = bytes.NewReader(r.body) // sets GetBody, which replays it on retries and redirects
	}
	req, err := http.NewRequest(r.method, target, body)
	if err != nil {
		return nil, err
	}
	if r.stream != nil {
		// Each attempt opens its own body (see clientCore.do); one that can
		// be rewound can also follow a redirect.
		req.ContentLength = r.stream.length
		if r.stream.replayable {
			req.GetBody = r.stream.open
		}
	}
	h := req.Header
	h.Set("Accept", r.acceptType)
	h.Set("User-Agent", userAgent)
	if r.contentType != "" {
		h.Set("Content-Type", r.contentType)
	}
	for _, f := range slices.Concat(r.headers, cfg.headers) { // WithHeader wins
		h.Set(f.name, f.value)
	}
	if len(r.cookies) > 0 {
		h.Set("Cookie", strings.Join(r.cookies, "; "))
	}
	return req, nil
}

// checkHeader refuses a header that net/http would refuse only on the wire,
// where the failure would look like a connection error, and above all CR or
// LF, which could smuggle in headers. The value is never quoted: it may be a
// secret.
func checkHeader(name, value string) error {
	if name == "" || strings.IndexFunc(name, func(c rune) bool { return !isTokenChar(c) }) >= 0 {
		return fmt.Errorf("invalid header name %q", name)
	}
	if strings.IndexFunc(value, func(c rune) bool { return c < ' ' && c != '\t' || c == 0x7f }) >= 0 {
		return fmt.Errorf("header %s: the value contains a control character such as CR or LF", name)
	}
	return nil
}

// isTokenChar reports whether c may appear in a header name (RFC 9110 token).
func isTokenChar(c rune) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", c)
}
